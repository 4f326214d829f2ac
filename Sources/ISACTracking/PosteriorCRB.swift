import ISACMath

/// The posterior Cramér-Rao bound recursion of Section IV-A under M7 (T5):
///
///     M̃_n = (J_n + (G M̃_{n−1} Gᵀ + E)⁻¹)⁻¹,
///
/// eq. (36) with the process noise E of (25) restored and J_n = HᵀQ⁻¹H (eq. (35) corrected) at the
/// *true* state with the beam actually used. This is the bound the CLI reports as RCRB
/// (√M̃₂₂ for d, √M̃₁₁ for φ). The EKF's covariance is the same recursion evaluated at the
/// estimate: the twin only knows that one (``Track``).
public struct PosteriorCRB<Motion: MotionModel>: Sendable {
    public let motion: Motion
    public let measurementModel: RadarMeasurementModel
    /// M̃ of the last step.
    public private(set) var bound: Matrix3
    /// The true state of the last step.
    public private(set) var truth: Vector3

    /// Starts at the track prior: M̃_0 = `prior` for the true state `initialTruth`.
    public init(motion: Motion, measurementModel: RadarMeasurementModel, initialTruth: Vector3, prior: Matrix3) {
        self.motion = motion
        self.measurementModel = measurementModel
        bound = prior
        truth = initialTruth
    }

    /// One slot: the truth moved to `truth`, which was illuminated with beam f (nil: no
    /// measurement, J = 0). Returns false (the bound unchanged, the truth advanced) if a matrix was not
    /// numerically positive definite.
    @discardableResult
    public mutating func step(to newTruth: Vector3, beam f: ComplexVector?) -> Bool {
        let predicted = motion.jacobian(truth).congruence(bound) + motion.processNoise
        truth = newTruth
        guard let f else {
            bound = predicted
            return true
        }
        let j = measurementModel.information(at: newTruth, beam: f)
        guard let p = Cholesky3(predicted), let omega = Cholesky3(p.inverse + j) else { return false }
        bound = omega.inverse
        return true
    }

    /// RCRB of φ, √M̃₁₁.
    public var rcrbPhi: Double { bound.m00.squareRoot() }
    /// RCRB of d, √M̃₂₂, m.
    public var rcrbDistanceMeters: Double { bound.m11.squareRoot() }
}
