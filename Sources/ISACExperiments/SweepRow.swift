import ISACOptimization

/// One row of `sweep.csv`: one scheme on one drop at one (antennas, vehicles) point.
public struct SweepRow: Sendable, Equatable {
    public var sweep: String
    public var preset: String
    public var antennas: Int
    public var vehicles: Int
    public var drop: Int
    public var scheme: String
    public var ratePerVehicleBitsPerHertz: Double
    public var sumRateBitsPerHertz: Double
    public var flips: Int
    public var fpIterations: Int
    public var converged: Bool
    /// How the decision's solver stopped (`converged`, …, `linearAlgebraFailure`, O13).
    public var outcome: SolverOutcome
    /// Wall-clock time of the policy's `decide`, s: the only column that differs between runs.
    public var solveTimeSeconds: Double

    /// The row without its wall-clock column (for determinism checks).
    public var withoutTiming: SweepRow {
        var r = self
        r.solveTimeSeconds = 0
        return r
    }
}
