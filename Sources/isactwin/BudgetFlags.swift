import ArgumentParser
import ISACOptimization

/// `--budget-fp-iterations` and `--budget-ms`: the per-decision budget (``DecisionBudget``, O12)
/// of `simulate`, `sweep` and `bench decisions`, validated in the D11 style.
struct BudgetFlags: ParsableArguments {
    @Option(help: "Deterministic work budget per decision: FP iterations over all FP runs of the decision (default: unlimited). Anytime policies (distance-fp, greedy, heuristic, exhaustive) return their best decision so far.")
    var budgetFpIterations: Int?

    @Option(help: "Time budget per decision, ms of the deciding thread's CPU time (default: unlimited; with simulate --enforce-deadline the tighter one applies).")
    var budgetMs: Double?

    var budget: DecisionBudget { DecisionBudget(fpIterations: budgetFpIterations, cpuSeconds: budgetMs.map { $0 / 1e3 }) }

    /// E.g. "25 FP iterations, 15 ms CPU" (for table headers).
    var summary: String {
        [budgetFpIterations.map { "\($0) FP iterations" }, budgetMs.map { "\($0) ms CPU" }].compactMap { $0 }
            .joined(separator: ", ")
    }

    func validate() throws {
        if let n = budgetFpIterations { try FlagCheck.integer("--budget-fp-iterations", n, 0...1_000_000) }
        if let t = budgetMs { try FlagCheck.number("--budget-ms", t, 0, 60_000, unit: " ms") }
        try budget.validate()
    }
}
