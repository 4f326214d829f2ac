import ISACMath

/// The paper's conventional scheme (M14): every vehicle to its nearest RSU with the matched beam
/// f_k = a(φ_ik).
public struct DistanceMatchedFilterPolicy: DecisionPolicy {
    public let name = "distance-mf"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.evaluate()
        return state.decision(flips: 0, fpIterations: 0, outcome: .converged)
    }

    /// No iterations: the start and the budget do not change distance-mf's decision.
    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try decide(problem, warmStart: nil)
    }
}

/// Nearest RSU with FP beams (M14), FP started from matched beams (O26's RZF beams with
/// `fpStart = .regularizedZeroForcing`) or the warm start's beams.
public struct DistanceFractionalProgrammingPolicy: DecisionPolicy {
    public let name = "distance-fp"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.setInitialBeams(problem.options.fpStart)
        state.applyWarmStart(warmStart)
        var meter = BudgetMeter.unlimited
        return state.solveToDecision(options: problem.options, meter: &meter)
    }

    /// Anytime FP (O12). The assignment is always the nearest one (M14), so the start contributes
    /// the beams of the vehicles it assigns to their nearest RSU; the others start matched. FP never
    /// lowers the sum rate of that start.
    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try start?.check(problem, policy: name)
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.setInitialBeams(problem.options.fpStart)
        if let start {
            for v in 0..<state.k where start.assignment[v] == state.assignment[v] {
                if let f = start.beams[v] { state.setBeam(v, f) }
            }
        }
        var meter = BudgetMeter(budget)
        let reaimed = start.map { state.reaim(with: $0, options: problem.options, meter: &meter) } ?? 0
        var decision = state.solveToDecision(options: problem.options, meter: &meter)
        decision.fpIterations += reaimed
        return decision
    }
}

extension FPState {
    /// The decision of the current assignment and beams (last evaluation).
    func decision(flips: Int, fpIterations: Int, outcome: SolverOutcome) -> Decision {
        Decision(
            assignment: assignment, beams: (0..<k).map { beam($0) }, rates: rates, flips: flips,
            fpIterations: fpIterations, outcome: outcome, sensingViolations: sensingViolations(),
            fpWeights: (0..<k).map { weights(vehicle: $0) })
    }

    /// FP on the current assignment from the current beams, as a decision.
    mutating func solveToDecision(options: DecisionOptions, meter: inout BudgetMeter) -> Decision {
        let run = run(options: options, recordHistory: false, meter: &meter)
        return decision(flips: 0, fpIterations: run.iterations, outcome: run.outcome)
    }

    /// Seeds beams from a previous decision on the same vehicles where the RSU agrees.
    mutating func applyWarmStart(_ warmStart: Decision?) {
        guard let w = warmStart, w.assignment.count == k, w.beams.count == k else { return }
        for v in 0..<k where assignment[v] >= 0 && w.assignment[v] == assignment[v] && w.beams[v].count == n {
            setBeam(v, w.beams[v])
        }
    }
}
