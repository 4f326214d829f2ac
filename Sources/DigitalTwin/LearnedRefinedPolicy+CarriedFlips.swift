import ISACMath
import ISACOptimization

extension LearnedRefinedPolicy {
    /// TW19: last slot's flips that still pay, kept in the start at no FP cost.
    ///
    /// A vehicle whose carried RSU differs from the network's was moved there by last slot's flip
    /// search (or the network has changed its mind). Each such vehicle, in problem order, goes back
    /// to its carried RSU with its carried beam (steered, with its FP weights) when that raises the
    /// start's sum rate (eq. (9) with every other beam as it is); otherwise it stays where the
    /// network put it. A trial is an O(K·N) update (``IncrementalRates``), not an FP iteration. The
    /// start's sum rate never falls, so `lstm-fp` stays never below the network's start either.
    /// - Returns: the start, its decision and the vehicles moved back (problem order).
    func reappliedCarriedFlips(
        _ problem: DecisionProblem, start: DecisionStart, decision: Decision, carried: DecisionStart?
    ) -> (start: DecisionStart, decision: Decision, moved: [Int]) {
        let k = problem.vehicleCount
        guard let c = carried, c.assignment.count == k, c.beams.count == k,
            decision.beams.allSatisfy({ $0.count == problem.antennaCount })
        else { return (start, decision, []) }
        let trials = (0..<k).filter { v in
            c.assignment[v] != start.assignment[v] && (0..<problem.rsuCount).contains(c.assignment[v])
                && c.beams[v]?.count == problem.antennaCount
        }
        guard !trials.isEmpty else { return (start, decision, []) }
        var rates = IncrementalRates(problem: problem, assignment: start.assignment, beams: decision.beams)
        var best = rates.sumRate
        var weights = start.weights
        var moved: [Int] = []
        for v in trials {
            let saved = rates
            rates.move(v, to: c.assignment[v], beam: c.beams[v]!.projectedOntoBall())
            let rate = rates.sumRate
            if rate > best {
                best = rate
                weights?[v] = c.weights?[v]
                moved.append(v)
            } else {
                rates = saved
            }
        }
        guard !moved.isEmpty else { return (start, decision, []) }
        let flipped = LearnedPolicy.feasibleDecision(problem, assignment: rates.assignment, beams: rates.beams)
        // Under a per-RSU budget the projection may cost rate: never start below the first start.
        guard flipped.sumRate >= decision.sumRate else { return (start, decision, []) }
        return (
            DecisionStart(assignment: rates.assignment, beams: flipped.beams.map { $0 }, weights: weights), flipped, moved
        )
    }
}
