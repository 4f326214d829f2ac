extension HeuristicPolicy {
    /// Algorithm 3's flip search (M11-M12, anytime as O12) from `start`, with only `candidates` allowed
    /// to flip (TW13: a learned policy names the few vehicles worth a flip). Every visited state is a
    /// complete decision whose sum rate is evaluated exactly, the first is the start after its re-aim
    /// step and first FP run, and the best one visited is polished and returned; FP never lowers the
    /// sum rate (Lemma 2), so the result is never below the start's own decision on `problem`.
    /// With every vehicle a candidate it is the heuristic's own search from `start`.
    /// - Parameters:
    ///   - candidates: vehicles (problem order) that may change RSU; duplicates and out-of-range
    ///     indices are ignored, the order is irrelevant (argmax e_k, ties to the lower index).
    ///   - innerIterations: FP iterations after each flip (nil: the heuristic's, O18).
    /// - Precondition: the start fits `problem` (``DecisionStart/check(_:policy:)``).
    public func flipSearch(
        _ problem: DecisionProblem, from start: DecisionStart, budget: DecisionBudget, candidates: [Int],
        innerIterations: Int? = nil
    ) -> Decision {
        precondition(innerIterations.map { $0 >= 1 } ?? true, "innerIterations must be ≥ 1")
        let allowed = Array(Set(candidates.filter { (0..<problem.vehicleCount).contains($0) })).sorted()
        var meter = BudgetMeter(budget)
        return search(
            problem, warmStart: nil, start: start, meter: &meter, candidates: allowed, innerIterations: innerIterations
        ).decision
    }
}
