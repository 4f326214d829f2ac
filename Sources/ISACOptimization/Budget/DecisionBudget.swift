/// How much one decision may spend (issue 10, decision O12): a deterministic work budget in FP
/// iterations, a time budget in thread CPU seconds (the clock of the latency column, TW8), or both
/// (whichever runs out first). nil fields are unlimited.
///
/// Anytime policies (distance-fp, greedy, heuristic, exhaustive) check it before every FP iteration
/// and return the best decision found so far, never worse than their start; with the unlimited
/// budget they compute exactly what they compute without one.
public struct DecisionBudget: Sendable, Equatable, Codable {
    /// FP iterations over every FP run of the decision (one iteration updates γ, y and every beam).
    public var fpIterations: Int?
    /// Thread CPU time of the decision, s.
    public var cpuSeconds: Double?

    public init(fpIterations: Int? = nil, cpuSeconds: Double? = nil) {
        self.fpIterations = fpIterations
        self.cpuSeconds = cpuSeconds
    }

    /// No limit.
    public static let unlimited = DecisionBudget()

    public var isUnlimited: Bool { fpIterations == nil && cpuSeconds == nil }

    /// The tighter of two budgets, field by field.
    public func tightened(by other: DecisionBudget) -> DecisionBudget {
        func least<T: Comparable>(_ a: T?, _ b: T?) -> T? { a.map { x in b.map { min(x, $0) } ?? x } ?? b }
        return DecisionBudget(
            fpIterations: least(fpIterations, other.fpIterations), cpuSeconds: least(cpuSeconds, other.cpuSeconds))
    }

    /// Rejects negative or non-finite limits, naming the field.
    public func validate() throws {
        if let n = fpIterations, n < 0 {
            throw DecisionBudgetError(field: "fpIterations", value: "\(n)", valid: "0 or more")
        }
        if let t = cpuSeconds, !(t.isFinite && t >= 0) {
            throw DecisionBudgetError(field: "cpuSeconds", value: "\(t)", valid: "a finite number ≥ 0")
        }
    }
}

/// A budget field out of range.
public struct DecisionBudgetError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let valid: String
    public var description: String { "decision budget: \(field) = \(value) is out of range; valid: \(valid)" }
}
