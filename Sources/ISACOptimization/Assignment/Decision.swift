import ISACMath

/// A policy's decision for one slot: the RSU of every vehicle and its beam, with the predicted
/// rates and how the solvers fared.
public struct Decision: Sendable, Equatable {
    /// Serving RSU of each vehicle, `[vehicle]`.
    public var assignment: [Int]
    /// Beam f_k at the serving RSU, `[vehicle][N_t]`, ‖f_k‖ ≤ 1.
    public var beams: [ComplexVector]
    /// log₂(1 + SINR_k) on the problem's (predicted) geometry, bit/s/Hz, `[vehicle]`.
    public var rates: [Double]
    /// Σ_k rates, bit/s/Hz.
    public var sumRate: Double
    /// Assignment flips made by the policy (heuristic).
    public var flips: Int
    /// FP iterations summed over every FP run of the policy.
    public var fpIterations: Int
    /// Outcome of the FP run that produced the returned beams (`converged` for matched beams).
    public var outcome: SolverOutcome
    /// Serving links whose beam misses its sensing requirement ‖Πf‖² ≥ Λ_eff (0 when met or off).
    public var sensingViolations: Int
    /// FP's auxiliary weights (γ_k, |y_k|) of the evaluation that produced the beams, `[vehicle]`
    /// (nil: not recorded, e.g. a learned policy). Kept so that the next slot's carried start
    /// (``DecisionStart/carried(from:ids:to:problem:previousProblem:)``) need not re-evaluate the
    /// previous problem to recover them (O14).
    public var fpWeights: [DecisionStart.FPWeights?]?

    public init(
        assignment: [Int], beams: [ComplexVector], rates: [Double], flips: Int = 0, fpIterations: Int = 0,
        outcome: SolverOutcome = .converged, sensingViolations: Int = 0, fpWeights: [DecisionStart.FPWeights?]? = nil
    ) {
        self.assignment = assignment
        self.beams = beams
        self.rates = rates
        self.sumRate = rates.reduce(0, +)
        self.flips = flips
        self.fpIterations = fpIterations
        self.outcome = outcome
        self.sensingViolations = sensingViolations
        self.fpWeights = fpWeights
    }
}
