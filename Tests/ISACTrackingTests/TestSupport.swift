import Foundation
import ISACMath
import ISACPhysics
@testable import ISACTracking

/// Shared fixtures of the tracking tests.
enum Fixture {
    /// The `paper` preset with N_t = N_r = n.
    static func parameters(antennas n: Int = 32, adaptiveGain: Bool = false) -> ScenarioParameters {
        var c = ScenarioConfig.paper
        c.antennas.transmit = n
        c.antennas.receive = n
        c.tracking.adaptiveGain = adaptiveGain
        return ScenarioParameters(c)
    }

    /// A deterministic pseudo-random unit beam.
    static func randomBeam(count: Int, seed: UInt64) -> ComplexVector {
        var rng = Xoshiro256StarStar(seed: seed)
        var f = ComplexVector(count: count)
        for i in 0..<(2 * count) { f.storage[i] = rng.nextGaussian() }
        return f.scaled(by: 1 / f.norm)
    }

    /// Relative difference |a − b| / max(|a|, |b|, floor).
    static func relative(_ a: Double, _ b: Double, floor: Double = 1e-300) -> Double {
        abs(a - b) / max(abs(a), abs(b), floor)
    }

    /// Dense (rows × 3)ᵀ·diag(w)·(rows × 3).
    static func weightedGram(_ h: [[Double]], _ w: [Double]) -> Matrix3 {
        var m = Matrix3.zero
        for (row, wi) in zip(h, w) {
            for i in 0..<3 { for j in 0..<3 { m[i, j] += row[i] * wi * row[j] } }
        }
        return m
    }
}

/// One link's pass past an RSU with the truth following the model x_n = g(x_{n−1}) + ε of (18)
/// (so the EKF's assumptions hold exactly), matched beams a(φ̂) at the prediction, and the PCRB
/// along the same truth and beams.
struct ModelPass {
    struct Step {
        var truth: Vector3
        var estimate: GaussianEstimate
        var bound: Matrix3
        var status: UpdateStatus
    }

    /// `slots` slots starting at the +x lane's entry seen from RSU 1; the initial estimate is drawn
    /// from the prior (x̃_0 = x_0 + N(0, M̃_0)), so the filter starts consistent.
    static func run(
        parameters p: ScenarioParameters, gainRule: GainRule, slots: Int, seed: UInt64, trial: UInt64,
        maximumIterations: Int = 4
    ) -> [Step] {
        var rng = Xoshiro256StarStar(seed: seed, stream: trial)
        let model = RadarMeasurementModel(parameters: p)
        let motion = RoadMotionModel(parameters: p)
        let filter = ExtendedKalmanFilter(
            motion: motion, measurementModel: model, gainRule: gainRule, maximumIterations: maximumIterations)
        let prior = TrackInitializer(parameters: p).prior
        let rsu = p.highway.rsus[0]
        let vehicle = Vehicle(
            id: 0, position: Point(x: p.highway.startX, y: p.highway.laneY(direction: 1)),
            velocity: p.config.traffic.meanSpeed)
        var truth = Vector3(LinkGeometry(rsu: rsu, vehicle: vehicle))
        let e = motion.processNoise
        let initialError = Vector3(
            prior.m00.squareRoot() * rng.nextGaussian(), prior.m11.squareRoot() * rng.nextGaussian(),
            prior.m22.squareRoot() * rng.nextGaussian())
        var posterior = GaussianEstimate(mean: truth + initialError, covariance: prior)
        var pcrb = PosteriorCRB(motion: motion, measurementModel: model, initialTruth: truth, prior: prior)
        var steps: [Step] = []
        for _ in 0..<slots {
            truth = motion.transition(truth) + Vector3(
                e.m00.squareRoot() * rng.nextGaussian(), e.m11.squareRoot() * rng.nextGaussian(),
                e.m22.squareRoot() * rng.nextGaussian())
            let prediction = filter.predict(posterior)
            let beam = model.radar.transmitArray.steering(prediction.mean.x)
            let y = model.radar.measure(link: truth.link, beam: beam, using: &rng)
            let result = filter.update(prediction, measurement: y, beam: beam)
            posterior = result.posterior
            pcrb.step(to: truth, beam: beam)
            steps.append(Step(truth: truth, estimate: posterior, bound: pcrb.bound, status: result.status))
        }
        return steps
    }
}

/// Chi-square quantiles by the Wilson-Hilferty approximation (relative error < 1e−3 for k ≥ 30).
enum ChiSquare {
    static func quantile(probability p: Double, degreesOfFreedom k: Double) -> Double {
        let z = normalQuantile(p)
        let a = 2 / (9 * k)
        let t = 1 - a + z * a.squareRoot()
        return k * t * t * t
    }

    /// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e−9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -normalQuantile(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
