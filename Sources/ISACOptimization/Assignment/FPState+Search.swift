/// The steps Alg. 3's searches (exact, M12; screened, O20) share.
extension FPState {
    /// The search's first state: the carried start when there is one (O12), else the nearest-RSU
    /// assignment with its beams seeded from `warmStart` where the RSU agrees.
    static func searchStart(_ problem: DecisionProblem, warmStart: Decision?, start: DecisionStart?) -> FPState {
        if let start { return FPState(problem: problem, start: start) }
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.applyWarmStart(warmStart)
        return state
    }

    /// Alg. 3's flip: vehicle `v` moves to RSU `j` with the matched beam there. Returns false when
    /// the new assignment was visited before — a cycle, where the search stops (M12).
    mutating func flip(_ v: Int, to j: Int, visited: inout Set<[Int]>) -> Bool {
        assignment[v] = j
        setMatchedBeam(v)
        return visited.insert(assignment).inserted
    }
}
