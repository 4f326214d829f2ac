import Foundation
import ISACOptimization

/// How the closed loop runs (the closed-loop paragraph of MODEL.md; decisions TW1…).
public struct TwinOptions: Sendable, Equatable, Codable {
    /// Replace the twin's predicted geometry by the true next-slot geometry (the EKF still runs,
    /// for Λ and the RCRB). With it the loop's rates equal the static decision engine's.
    public var perfectTracking: Bool
    /// Each decision gets the slot's time budget (`deadlineBudgetFraction`·T of thread CPU time,
    /// O12), and a decision later than the slot is replaced by the fallback: the previous assignment
    /// with matched beams at the predicted positions (a real twin cannot apply a decision it has
    /// not finished). On a road of several decision cells the slot is shared as ``deadlineScope``
    /// says (C12).
    public var enforceDeadline: Bool
    /// Measure each decision's latency (thread CPU time). Off: latencies are reported as 0, which
    /// makes every output column deterministic.
    public var measureLatency: Bool
    /// Start each decision from the previous slot's, carried over by vehicle id (O12: stayers keep
    /// RSU and beam, newcomers nearest RSU and matched beam). Off: every decision is cold.
    public var warmStart: Bool
    /// A budget for every decision (e.g. a deterministic FP-iteration budget); with
    /// `enforceDeadline` it is tightened by the slot's time budget.
    public var decisionBudget: DecisionBudget
    /// Share of the slot T given to `decide` as its time budget under `enforceDeadline`: the rest
    /// covers the overshoot of the last iteration and the slot's tracking and prediction (O12).
    public var deadlineBudgetFraction: Double
    /// How a vehicle crossing into a new cell is acquired by its RSUs (C6); nil: ``HandOverAcquisition/prediction``.
    public var handOver: HandOverAcquisition? = nil
    /// Fill ``SlotRecord/serving`` (who served whom, C7); nil or false: left empty (memory per slot
    /// record stays constant on long runs).
    public var recordServing: Bool? = nil
    /// Who owns the deadline on a road of several decision cells (C12); nil: ``DeadlineScope/corridor``.
    public var deadlineScope: DeadlineScope? = nil
    /// Threads that solve a slot's cells concurrently, and under ``DeadlineScope/corridor`` the
    /// cores of the central twin that the cells are packed onto (C12); nil: the machine's active
    /// processors. Without a time budget the decisions do not depend on it.
    public var cellWorkers: Int? = nil
    /// A cell is quiet — it takes its carried start instead of being solved (C13) — when its
    /// vehicles are those of its last solved decision and no link's predicted direction cosine has
    /// moved by more than this many beamwidths (2/N_t) since. nil or 0: off (measured in C13: a
    /// frozen decision loses more rate than the time it frees buys back).
    public var quietCellBeamwidths: Double? = nil

    public init(
        perfectTracking: Bool = false, enforceDeadline: Bool = false, measureLatency: Bool = true,
        warmStart: Bool = true, decisionBudget: DecisionBudget = .unlimited, deadlineBudgetFraction: Double = 0.75
    ) {
        self.perfectTracking = perfectTracking
        self.enforceDeadline = enforceDeadline
        self.measureLatency = measureLatency
        self.warmStart = warmStart
        self.decisionBudget = decisionBudget
        self.deadlineBudgetFraction = deadlineBudgetFraction
    }

    /// Workers solving the cells: ``cellWorkers`` or the machine's active processors.
    public var resolvedCellWorkers: Int { max(cellWorkers ?? ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// The quiet-cell threshold in beamwidths (0: off, C13).
    public var quietThreshold: Double { quietCellBeamwidths ?? 0 }

    /// Rejects a worker count below 1 or a negative or non-finite quiet threshold, naming the field.
    public func validate() throws {
        if let n = cellWorkers, !(1...1024).contains(n) {
            throw TwinOptionsError(field: "cellWorkers", value: "\(n)", valid: "1...1024")
        }
        if let q = quietCellBeamwidths, !(q.isFinite && q >= 0) {
            throw TwinOptionsError(field: "quietCellBeamwidths", value: "\(q)", valid: "a finite number ≥ 0 (0: off)")
        }
        try decisionBudget.validate()
    }

    /// The budget of one decision in a slot of `slotSeconds`.
    public func budget(slotSeconds: Double) -> DecisionBudget {
        guard enforceDeadline else { return decisionBudget }
        return decisionBudget.tightened(by: DecisionBudget(cpuSeconds: deadlineBudgetFraction * slotSeconds))
    }
}

/// A ``TwinOptions`` field out of range.
public struct TwinOptionsError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let valid: String
    public var description: String { "twin options: \(field) = \(value) is out of range; valid: \(valid)" }
}
