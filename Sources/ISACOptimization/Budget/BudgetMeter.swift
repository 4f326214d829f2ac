/// Spends a ``DecisionBudget`` over the FP runs of one decision (O12). Work is counted in FP
/// iterations; time is the thread CPU time since the meter was made. An iteration may start only if
/// the work limit is not reached and the elapsed time plus the longest iteration so far stays within
/// the time limit (so a decision overshoots its time budget by little more than its bookkeeping).
/// With an unlimited budget the clock is never read.
struct BudgetMeter {
    let budget: DecisionBudget
    private let start: Double
    private var iterationStart = 0.0
    private var longestIteration = 0.0
    /// FP iterations charged so far.
    private(set) var iterations = 0
    /// Whether an iteration was refused (the decision is then an anytime result).
    private(set) var ranOut = false

    init(_ budget: DecisionBudget) {
        self.budget = budget
        start = budget.cpuSeconds == nil ? 0 : ThreadCPUClock.now()
    }

    static var unlimited: BudgetMeter { BudgetMeter(.unlimited) }

    /// The inner FP limit under this meter's budget: `timeBudgetInnerFPIterations` under a time
    /// budget (O18), else `innerFPIterations`.
    func innerIterations(_ options: DecisionOptions) -> Int { options.innerIterations(timeBudget: budget.cpuSeconds != nil) }

    /// Whether one more FP iteration fits; records a refusal.
    mutating func allowsIteration() -> Bool {
        if let n = budget.fpIterations, iterations >= n {
            ranOut = true
            return false
        }
        if let t = budget.cpuSeconds, ThreadCPUClock.now() - start + longestIteration > t {
            ranOut = true
            return false
        }
        return true
    }

    mutating func beginIteration() {
        if budget.cpuSeconds != nil { iterationStart = ThreadCPUClock.now() }
    }

    mutating func endIteration() {
        iterations += 1
        if budget.cpuSeconds != nil { longestIteration = max(longestIteration, ThreadCPUClock.now() - iterationStart) }
    }
}
