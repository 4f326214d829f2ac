import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

@Suite struct ExtendedKalmanFilterTests {
    /// One plain update (one linearisation) in information form equals the textbook gain form
    /// K = M̂Hᵀ(Q + HM̂Hᵀ)⁻¹, x̃ = x̂ + Ke, M̃ = (I − KH)M̂(I − KH)ᵀ + KQKᵀ (Joseph), computed
    /// densely with LAPACK on the (2N_r + 2)-square innovation covariance (N = 8).
    @Test(arguments: [Vector3(-0.6, 38, 30), Vector3(0, 27.5, 30), Vector3(0.45, 31, -29)])
    func informationFormEqualsDenseGainForm(x: Vector3) throws {
        let p = Fixture.parameters(antennas: 8)
        let model = RadarMeasurementModel(parameters: p)
        let filter = ExtendedKalmanFilter(
            motion: RoadMotionModel(parameters: p), measurementModel: model, maximumIterations: 1)
        let prediction = GaussianEstimate(mean: x, covariance: Matrix3(symmetric: 1e-8, 1e-7, 0, 1e-4, 2e-4, 1e-2))
        var rng = Xoshiro256StarStar(seed: 2)
        let beam = model.radar.transmitArray.steering(x.x)
        let y = model.radar.measure(link: Vector3(x.x + 5e-5, x.y + 0.01, x.z - 0.1).link, beam: beam, using: &rng)
        let fast = filter.update(prediction, measurement: y, beam: beam)
        #expect(fast.status == .updated && fast.iterations == 1)

        let h = model.denseJacobian(at: x, beam: beam)
        let q = model.noiseDiagonal(at: x, beam: beam)
        let e = zip(model.stacked(y), model.stackedExpectation(at: x, beam: beam)).map { $0 - $1 }
        let m = prediction.covariance
        let n = h.count
        // S = Q + H M Hᵀ (column-major), PHᵀ (3×n).
        var s = [Double](repeating: 0, count: n * n)
        var mht = [[Double]](repeating: [Double](repeating: 0, count: n), count: 3)
        for r in 0..<n { for i in 0..<3 { mht[i][r] = (0..<3).reduce(0) { $0 + m[i, $1] * h[r][$1] } } }
        for c in 0..<n {
            for r in 0..<n { s[c * n + r] = (0..<3).reduce(0) { $0 + h[r][$1] * mht[$1][c] } + (r == c ? q[r] : 0) }
        }
        // Kᵀ = S⁻¹ (H M) : solve S X = H M (n×3).
        var hm = [Double](repeating: 0, count: n * 3)
        for i in 0..<3 { for r in 0..<n { hm[i * n + r] = mht[i][r] } }
        let kt = try LAPACK.solvePositiveDefinite(s, n: n, hm, rightHandSides: 3)
        func k(_ i: Int, _ r: Int) -> Double { kt[i * n + r] }
        var mean = x
        for i in 0..<3 { mean[i] += (0..<n).reduce(0) { $0 + k(i, $1) * e[$1] } }
        var ikh = Matrix3.identity
        for i in 0..<3 { for j in 0..<3 { ikh[i, j] -= (0..<n).reduce(0) { $0 + k(i, $1) * h[$1][j] } } }
        var kqk = Matrix3.zero
        for i in 0..<3 { for j in 0..<3 { kqk[i, j] = (0..<n).reduce(0) { $0 + k(i, $1) * q[$1] * k(j, $1) } } }
        let joseph = ikh.congruence(m) + kqk
        for i in 0..<3 {
            #expect(abs(fast.posterior.mean[i] - mean[i]) <= 1e-6 * fast.posterior.covariance[i, i].squareRoot())
            for j in 0..<3 {
                let scale = (joseph[i, i] * joseph[j, j]).squareRoot()
                #expect(abs(fast.posterior.covariance[i, j] - joseph[i, j]) <= 1e-6 * scale)
            }
        }
    }

    /// Predict is eq. (25): x̂ = g(x̃), M̂ = G M̃ Gᵀ + E.
    @Test func predictPropagatesMeanAndCovariance() {
        let p = Fixture.parameters()
        let motion = RoadMotionModel(parameters: p)
        let filter = ExtendedKalmanFilter(motion: motion, measurementModel: RadarMeasurementModel(parameters: p))
        let posterior = GaussianEstimate(mean: Vector3(-0.3, 30, 29), covariance: Matrix3(symmetric: 1e-8, 1e-6, 0, 1e-2, 0, 1))
        let next = filter.predict(posterior)
        let g = motion.jacobian(posterior.mean)
        let expected = g * posterior.covariance * g.transposed + motion.processNoise
        #expect(next.mean == motion.transition(posterior.mean))
        #expect((next.covariance - expected).maxAbs <= 1e-14 * expected.maxAbs)
    }

    /// A beam orthogonal to the vehicle carries (almost) no information: the update leaves the
    /// prediction essentially unchanged and stays finite (D7's floor on |η|²).
    @Test func orthogonalBeamGivesNoInformation() {
        let p = Fixture.parameters(antennas: 16)
        let model = RadarMeasurementModel(parameters: p)
        let filter = ExtendedKalmanFilter(motion: RoadMotionModel(parameters: p), measurementModel: model)
        let x = Vector3(0.25, 30, 30)
        // a(φ + 2/N) is orthogonal to a(φ) for a ULA (a null of the beam pattern).
        let beam = model.radar.transmitArray.steering(x.x + 2.0 / 16)
        #expect(model.radar.transmitArray.steering(x.x).innerProductMagnitudeSquared(beam) < 1e-25)
        var rng = Xoshiro256StarStar(seed: 4)
        let prediction = GaussianEstimate(mean: x, covariance: .diagonal(1e-8, 1e-4, 1e-2))
        let y = model.radar.measure(link: x.link, beam: beam, using: &rng)
        let r = filter.update(prediction, measurement: y, beam: beam)
        #expect(r.posterior.mean.isFinite && r.posterior.covariance.isFinite)
        #expect(r.posterior.covariance.m11 > 0.5 * prediction.covariance.m11)
    }
}
