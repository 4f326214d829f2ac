extension HeuristicPolicy {
    /// Algorithm 3 on the matched-beam surrogate, then one FP (O25, `flipEvaluation = .surrogate`,
    /// cold decisions): from the nearest assignment with matched beams (distance-mf's decision),
    /// flip argmax e_k while e_k > 0 with every rate evaluated on matched beams
    /// (``MatchedBeamSurrogate``: no FP, no eigendecomposition), stop on a repeated assignment or the
    /// flip cap (M12), keep the assignment with the best matched-beam sum rate, and return a full FP
    /// on it from its matched beams (O4). Never below its first state (distance-mf): the best visited
    /// is at least the start and FP never lowers the sum rate (Lemma 2).
    ///
    /// Budgets (O12): a flip is made only while `meter` allows an FP iteration (a zero budget returns
    /// the start), the flips charge none, and the final FP spends what is left; a larger work budget
    /// therefore never returns less (the same flips, a longer monotone FP).
    func surrogateSearch(_ problem: DecisionProblem, meter: inout BudgetMeter) -> (decision: Decision, stop: Stop) {
        let k = problem.vehicleCount
        var surrogate = MatchedBeamSurrogate(problem: problem, assignment: problem.nearestAssignment)
        var bestRate = surrogate.sumRate
        var bestAssignment = surrogate.assignment
        var visited: Set<[Int]> = [surrogate.assignment]
        var flips = 0
        let cap = problem.options.heuristicFlipCapFactor * k
        var stop = Stop.flipCap
        while flips < cap {
            guard meter.allowsIteration() else {
                stop = .budget
                break
            }
            guard let (v, j, _) = surrogate.bestFlip() else {
                stop = .noImprovingFlip
                break
            }
            flips += 1
            surrogate.move(v, to: j)
            if !visited.insert(surrogate.assignment).inserted {  // a cycle: stop (M12)
                stop = .repeatedAssignment
                break
            }
            let rate = surrogate.sumRate
            if rate > bestRate {
                bestRate = rate
                bestAssignment = surrogate.assignment
            }
        }
        var final = FPState(problem: problem, assignment: bestAssignment)  // matched beams
        final.setInitialBeams(problem.options.fpStart)  // or O26's RZF beams
        return (final.polish(flips: flips, iterations: 0, failed: false, options: problem.options, meter: &meter), stop)
    }
}
