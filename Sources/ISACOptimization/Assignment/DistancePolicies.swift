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
}

/// Nearest RSU with FP beams (M14), FP started from matched beams (or the warm start's beams).
public struct DistanceFractionalProgrammingPolicy: DecisionPolicy {
    public let name = "distance-fp"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.applyWarmStart(warmStart)
        let run = state.run(options: problem.options, recordHistory: false)
        return state.decision(flips: 0, fpIterations: run.iterations, outcome: run.outcome)
    }
}

extension FPState {
    /// The decision of the current assignment and beams (last evaluation).
    func decision(flips: Int, fpIterations: Int, outcome: SolverOutcome) -> Decision {
        Decision(
            assignment: assignment, beams: (0..<k).map { beam($0) }, rates: rates, flips: flips,
            fpIterations: fpIterations, outcome: outcome, sensingViolations: sensingViolations())
    }

    /// Seeds beams from a previous decision on the same vehicles where the RSU agrees.
    mutating func applyWarmStart(_ warmStart: Decision?) {
        guard let w = warmStart, w.assignment.count == k, w.beams.count == k else { return }
        for v in 0..<k where assignment[v] >= 0 && w.assignment[v] == assignment[v] && w.beams[v].count == n {
            setBeam(v, w.beams[v])
        }
    }
}
