import ISACMath
import ISACPhysics

/// Dense forms of the measurement model, for tests and for the paper's adaptive gain: the stacked
/// real measurement z, h(x; f), H and the diagonal of Q (T2). O(N_r) memory; not for hot loops.
extension RadarMeasurementModel {
    /// z = [Re r̃; Im r̃; ν̃; μ̃].
    public func stacked(_ y: RadarMeasurement) -> [Double] {
        let n = y.response.count
        var z = [Double](repeating: 0, count: 2 * n + 2)
        for i in 0..<n {
            z[i] = y.response.re(i)
            z[n + i] = y.response.im(i)
        }
        z[2 * n] = y.delaySeconds
        z[2 * n + 1] = y.dopplerHz
        return z
    }

    /// h(x; f) stacked, eqs. (12)-(14).
    public func stackedExpectation(at x: Vector3, beam f: ComplexVector) -> [Double] {
        stacked(radar.expectedMeasurement(link: x.link, beam: f))
    }

    /// H, (2N_r + 2)×3 as rows, eq. (22) with the Doppler row of M5, built from the array type's
    /// direct steering vectors (independent of the recurrence of the hot path).
    public func denseJacobian(at x: Vector3, beam f: ComplexVector) -> [[Double]] {
        let op = SensingOperator(phi: x.x, transmit: radar.transmitArray, receive: radar.receiveArray)
        let amp = radar.responseAmplitude(distance: x.y)
        let g = op.apply(f).scaled(by: amp)  // ∂r̄/∂φ = A·Πf
        let n = g.count
        var h = [[Double]](repeating: [0, 0, 0], count: 2 * n + 2)
        for i in 0..<n {
            h[i][0] = g.re(i)
            h[n + i][0] = g.im(i)
        }
        h[2 * n][1] = 2 / PhysicalConstants.speedOfLight
        let dm = dopplerJacobian(x)
        h[2 * n + 1][0] = dm.phi
        h[2 * n + 1][2] = dm.speed
        return h
    }

    /// diag(Q): σ_r²/2 (2N_r times), σ_ν², σ_μ², at x for beam f.
    public func noiseDiagonal(at x: Vector3, beam f: ComplexVector) -> [Double] {
        let q = radar.noiseVariances(link: x.link, beam: f)
        return noiseDiagonal(q)
    }

    /// diag(Q) for given variances.
    public func noiseDiagonal(_ q: RadarNoiseVariances) -> [Double] {
        [Double](repeating: q.response / 2, count: 2 * receiveCount) + [q.delay, q.doppler]
    }
}
