extension DecisionStart {
    /// Anytime FP on the start's own assignment (O12, TW12): the start's beams (matched where nil),
    /// the re-aim step when the start carries FP weights, then FP iterations (M8) until FP converges,
    /// `options.fpMaxIterations` is reached or `budget` refuses the next iteration. FP never lowers
    /// the sum rate (Lemma 2, with FP's guard against round-off), so the decision's predicted sum
    /// rate is at least the start's (``decision(on:)``). Its `fpIterations` counts the re-aim step.
    ///
    /// A policy that fixes the assignment elsewhere (e.g. a network, `lstm-fp`) uses it to continue
    /// last slot's FP instead of restarting it.
    /// - Precondition: the start fits `problem` (``check(_:policy:)``).
    public func polished(on problem: DecisionProblem, options: DecisionOptions, budget: DecisionBudget) -> Decision {
        var state = FPState(problem: problem, start: self)
        var meter = BudgetMeter(budget)
        let reaimed = state.reaim(with: self, options: options, meter: &meter)
        var decision = state.solveToDecision(options: options, meter: &meter)
        decision.fpIterations += reaimed
        return decision
    }
}
