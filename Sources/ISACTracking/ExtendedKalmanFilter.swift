import ISACMath
import ISACPhysics

/// How the update computes its gain (M6, T4).
public enum GainRule: String, Sendable, CaseIterable {
    /// The standard EKF gain (26) in information form (default).
    case standard
    /// The paper's adaptive gain (30) with its one-sample covariance projected onto the PSD cone;
    /// posterior covariance in Joseph form for that gain.
    case adaptivePaper
}

/// Outcome of one measurement update.
public enum UpdateStatus: String, Sendable {
    /// The posterior was computed.
    case updated
    /// A covariance or information matrix was not numerically positive definite (or a value was
    /// not finite); the posterior is the prediction unchanged.
    case singular
}

/// The result of ``ExtendedKalmanFilter/update(_:measurement:beam:)``.
public struct UpdateResult: Sendable {
    /// (x̃, M̃); equals the prediction when ``status`` is ``UpdateStatus/singular``.
    public var posterior: GaussianEstimate
    public var status: UpdateStatus
    /// The linearisation used last (J, score, |η|², ‖Πf‖², noise).
    public var linearization: RadarMeasurementModel.Linearization
    /// Linearisations used (Gauss-Newton iterations of the iterated update; 1 for a plain EKF).
    public var iterations: Int
}

/// The extended Kalman filter of Section III-C under M6: predict (25), update (26)/(31).
///
/// The update is in information form (T3): with J = HᵀQ⁻¹H and the score s = HᵀQ⁻¹e (both 3×3/3,
/// computed in O(N_t + N_r) by ``RadarMeasurementModel``),
///
///     M̃ = (M̂⁻¹ + J)⁻¹,   x̃ = x̂ + M̃·s,
///
/// which equals the gain form K = M̂Hᵀ(Q + HM̂Hᵀ)⁻¹ (matrix inversion lemma) without the
/// (2N_r+2)-square innovation covariance. Both inverses are 3×3 Cholesky factorisations: the
/// result is symmetric positive definite by construction (the failure mode of the textbook
/// M̃ = (I − KH)M̂, a loss of symmetry or definiteness, cannot occur), and Cholesky is accurate
/// for the badly scaled but diagonally dominated information matrices met here (see
/// ``Cholesky3``). A Joseph form would need the dense K: O(N_r) memory per update.
///
/// The update is iterated (iterated EKF, Bell & Cathey 1993; T3): the phase of r̃ across the array
/// is πnφ, so over the prediction spread (σ_φ ≈ 1e−4 per slot) a single linearisation leaves a
/// bias of order πN·δφ² that exceeds the bound (~1e−8) many times. Each iteration is one
/// Gauss-Newton step x ← x + Ω⁻¹(s(x) − M̂⁻¹(x − x̂)), Ω = M̂⁻¹ + J(x), relinearising h and Q at x;
/// with ``maximumIterations`` = 1 it is exactly the EKF of (26)/(31).
public struct ExtendedKalmanFilter<Motion: MotionModel>: Sendable {
    public let motion: Motion
    public let measurementModel: RadarMeasurementModel
    public let gainRule: GainRule
    /// Most linearisations per update (1: the plain EKF of (26)/(31); default 4, T3).
    public let maximumIterations: Int
    /// The iteration stops once the squared Mahalanobis length of a step, ΔᵀΩΔ, is below this.
    public let stepTolerance: Double

    public init(
        motion: Motion, measurementModel: RadarMeasurementModel, gainRule: GainRule = .standard,
        maximumIterations: Int = 4, stepTolerance: Double = 1e-4
    ) {
        precondition(maximumIterations >= 1, "at least one linearisation per update")
        self.motion = motion
        self.measurementModel = measurementModel
        self.gainRule = gainRule
        self.maximumIterations = maximumIterations
        self.stepTolerance = stepTolerance
    }

    /// x̂_n = g(x̃_{n−1}), M̂_n = G M̃_{n−1} Gᵀ + E, eq. (25) (G at x̃_{n−1}).
    public func predict(_ posterior: GaussianEstimate) -> GaussianEstimate {
        let g = motion.jacobian(posterior.mean)
        return GaussianEstimate(
            mean: motion.transition(posterior.mean),
            covariance: g.congruence(posterior.covariance) + motion.processNoise)
    }

    /// The posterior (x̃_n, M̃_n) from the prediction (x̂_n, M̂_n) and the measurement y_n taken with
    /// beam f (Q depends on f through η = aᴴf, eqs. (16)-(17)).
    public func update(
        _ prediction: GaussianEstimate, measurement y: RadarMeasurement, beam f: ComplexVector
    ) -> UpdateResult {
        switch gainRule {
        case .standard:
            return standardUpdate(prediction, y, f)
        case .adaptivePaper:
            return adaptiveUpdate(prediction, measurementModel.linearize(at: prediction.mean, beam: f, measurement: y))
        }
    }

    func standardUpdate(_ prediction: GaussianEstimate, _ y: RadarMeasurement, _ f: ComplexVector) -> UpdateResult {
        var lin = measurementModel.linearize(at: prediction.mean, beam: f, measurement: y)
        guard let priorFactor = Cholesky3(prediction.covariance) else {
            return UpdateResult(posterior: prediction, status: .singular, linearization: lin, iterations: 0)
        }
        let priorInformation = priorFactor.inverse
        var x = prediction.mean
        var iterations = 0
        while true {
            iterations += 1
            guard let omega = Cholesky3(priorInformation + lin.information), lin.score.isFinite else {
                return UpdateResult(posterior: prediction, status: .singular, linearization: lin, iterations: iterations)
            }
            // Gauss-Newton step on the MAP cost ½‖z − h(x)‖²_Q⁻¹ + ½‖x − x̂‖²_M̂⁻¹ from x.
            let step = omega.solve(lin.score - priorInformation * (x - prediction.mean))
            x = x + step
            let converged = Cholesky3.mahalanobis(step, omega) <= stepTolerance
            if converged || iterations >= maximumIterations {
                // The covariance uses the last linearisation (the usual IEKF choice).
                return UpdateResult(
                    posterior: GaussianEstimate(mean: x, covariance: omega.inverse), status: .updated,
                    linearization: lin, iterations: iterations)
            }
            lin = measurementModel.linearize(at: x, beam: f, measurement: y)
        }
    }
}
