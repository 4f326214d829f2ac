/// The steps Alg. 3's searches (exact, M12; screened, O20) share.
extension FPState {
    /// The search's first state: the carried start when there is one (O12), else the nearest-RSU
    /// assignment with its beams seeded from `warmStart` where the RSU agrees.
    static func searchStart(_ problem: DecisionProblem, warmStart: Decision?, start: DecisionStart?) -> FPState {
        if let start { return FPState(problem: problem, start: start) }
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.setInitialBeams(problem.options.fpStart)
        state.applyWarmStart(warmStart)
        return state
    }

    /// Alg. 3's flip: vehicle `v` moves to RSU `j` with the matched beam there (O26's RZF beam with
    /// `fpStart = .regularizedZeroForcing`). Returns false when the new assignment was visited
    /// before — a cycle, where the search stops (M12).
    mutating func flip(_ v: Int, to j: Int, visited: inout Set<[Int]>) -> Bool {
        assignment[v] = j
        setJoiningBeam(v, start: problem.options.fpStart)
        return visited.insert(assignment).inserted
    }

    /// The search's end: full FP from this state — the best assignment visited, with its beams —
    /// (O4), and the decision with the search's flips and FP iterations; the outcome is the
    /// polish's, `budgetExhausted` when the budget ran out, `linearAlgebraFailure` when any FP run
    /// of the search (`failed`) or the polish failed.
    mutating func polish(
        flips: Int, iterations: Int, failed: Bool, options: DecisionOptions, meter: inout BudgetMeter
    ) -> Decision {
        let polish = run(options: options, recordHistory: false, meter: &meter)
        var outcome = meter.ranOut ? SolverOutcome.budgetExhausted : polish.outcome
        if failed || polish.outcome == .linearAlgebraFailure { outcome = .linearAlgebraFailure }
        return decision(flips: flips, fpIterations: iterations + polish.iterations, outcome: outcome)
    }
}
