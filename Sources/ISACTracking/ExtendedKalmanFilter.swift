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
    /// The linearisation used (J, score, |η|², ‖Πf‖², noise).
    public var linearization: RadarMeasurementModel.Linearization
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
public struct ExtendedKalmanFilter<Motion: MotionModel>: Sendable {
    public let motion: Motion
    public let measurementModel: RadarMeasurementModel
    public let gainRule: GainRule

    public init(motion: Motion, measurementModel: RadarMeasurementModel, gainRule: GainRule = .standard) {
        self.motion = motion
        self.measurementModel = measurementModel
        self.gainRule = gainRule
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
        let lin = measurementModel.linearize(at: prediction.mean, beam: f, measurement: y)
        switch gainRule {
        case .standard:
            return standardUpdate(prediction, lin)
        case .adaptivePaper:
            return adaptiveUpdate(prediction, lin)
        }
    }

    func standardUpdate(_ prediction: GaussianEstimate, _ lin: RadarMeasurementModel.Linearization) -> UpdateResult {
        guard let priorFactor = Cholesky3(prediction.covariance),
            let omega = Cholesky3(priorFactor.inverse + lin.information), lin.score.isFinite
        else {
            return UpdateResult(posterior: prediction, status: .singular, linearization: lin)
        }
        let posterior = GaussianEstimate(mean: prediction.mean + omega.solve(lin.score), covariance: omega.inverse)
        return UpdateResult(posterior: posterior, status: .updated, linearization: lin)
    }
}
