import Foundation
import ISACMath
import ISACPhysics

/// Starts a track from the first measurement of a vehicle by an RSU (T7):
///
/// - d = c·ν̃/2 (eq. (13) inverted);
/// - φ = argmax |b(φ)ᴴr̃|² (eq. (12): r̃ ∝ b(φ) whatever the beam, so this is the maximum-likelihood
///   direction for a single target): a grid of 8·N_r points on [−1, 1) (4× oversampled
///   beamwidth 2/N_r), then golden-section refinement inside ± one grid step to 1e−13;
/// - v = −c·μ̃/(2f_c φ) (eq. (14) inverted) when |φ| ≥ ``minimumDopplerPhi``; near broadside the
///   Doppler carries no speed, so v = (lane direction)·v̄, the lane from the estimated position
///   (the road lies on the centre-line side of the RSU; y ≥ centre is the +x lane, D4);
/// - covariance diag(prior std²) of `config.tracking.prior` (M6): √M̃₂₂ = 0.1 m, the start of
///   Fig. 11.
public struct TrackInitializer: Sendable {
    public let model: RadarMeasurementModel
    public let highway: Highway
    public let meanSpeed: Double
    /// M̃_0 = diag(σ_φ², σ_d², σ_v²) of the prior.
    public let prior: Matrix3
    /// Below this |φ| the speed is taken from the lane, not the Doppler.
    public let minimumDopplerPhi: Double

    public init(parameters: ScenarioParameters, minimumDopplerPhi: Double = 0.1) {
        model = RadarMeasurementModel(parameters: parameters)
        highway = parameters.highway
        meanSpeed = parameters.config.traffic.meanSpeed
        let p = parameters.config.tracking.prior
        prior = .diagonal(
            p.phi * p.phi, p.distanceMeters * p.distanceMeters, p.speedMetersPerSecond * p.speedMetersPerSecond)
        self.minimumDopplerPhi = minimumDopplerPhi
    }

    /// (x̃_0, M̃_0) for a vehicle first seen by the RSU at `rsu`.
    public func initialEstimate(rsu: Point, measurement y: RadarMeasurement) -> GaussianEstimate {
        let c = PhysicalConstants.speedOfLight
        let d = c * y.delaySeconds / 2
        let phi = Self.directionEstimate(y.response)
        let speed: Double
        if abs(phi) >= minimumDopplerPhi {
            speed = -c * y.dopplerHz / (2 * model.parameters.carrierFrequencyHz * phi)
        } else {
            let side: Double = rsu.y >= highway.centerY ? -1 : 1
            let clamped = min(1, abs(phi))
            let vehicleY = rsu.y + side * d * (1 - clamped * clamped).squareRoot()
            speed = (vehicleY >= highway.centerY ? 1 : -1) * meanSpeed
        }
        return GaussianEstimate(mean: Vector3(phi, d, speed), covariance: prior)
    }

    /// argmax_φ |b(φ)ᴴr̃|² over [−1, 1): grid then golden section.
    public static func directionEstimate(_ r: ComplexVector) -> Double {
        let n = r.count
        let gridCount = max(8 * n, 16)
        let step = 2 / Double(gridCount)
        var best = -1.0
        var bestValue = -Double.infinity
        for k in 0..<gridCount {
            let phi = -1 + Double(k) * step
            let v = beamPower(r, phi)
            if v > bestValue {
                bestValue = v
                best = phi
            }
        }
        // Golden-section maximisation on [best − step, best + step].
        var lo = best - step, hi = best + step
        let ratio = (5.0.squareRoot() - 1) / 2
        var x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo)
        var f1 = beamPower(r, x1), f2 = beamPower(r, x2)
        while hi - lo > 1e-13 {
            if f1 < f2 {
                lo = x1
                x1 = x2
                f1 = f2
                x2 = lo + ratio * (hi - lo)
                f2 = beamPower(r, x2)
            } else {
                hi = x2
                x2 = x1
                f2 = f1
                x1 = hi - ratio * (hi - lo)
                f1 = beamPower(r, x1)
            }
        }
        let phi = (lo + hi) / 2
        // b(φ) has period 2 in φ: report the representative in [−1, 1).
        return phi >= 1 ? phi - 2 : (phi < -1 ? phi + 2 : phi)
    }

    /// |b(φ)ᴴr̃|² by the phasor recurrence.
    static func beamPower(_ r: ComplexVector, _ phi: Double) -> Double {
        var b = SteeringPhasor(phi: phi, elementCount: r.count)
        var sr = 0.0, si = 0.0
        for n in 0..<r.count {
            let xr = r.storage[2 * n], xi = r.storage[2 * n + 1]
            sr += b.re * xr + b.im * xi
            si += b.re * xi - b.im * xr
            b.advance()
        }
        return sr * sr + si * si
    }
}
