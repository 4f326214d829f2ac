/// The settings of the heuristic's surrogate search (O25): which local searches run on the
/// matched-beam surrogate before the one FP.
struct SurrogateSearch: Sendable, Equatable {
    /// Algorithm 3's flips first: argmax e_k while e_k > 0 (M11, M12's cycle guard and flip cap).
    var followsWhatIfGains: Bool
    /// Then steepest ascent on the surrogate's sum rate: the move that raises it most, while one
    /// raises it by more than ``ascentTolerance`` relative (at most the flip cap of moves).
    var ascends: Bool
    /// Relative sum-rate gain below which the ascent stops (above round-off, so it terminates).
    static let ascentTolerance = 1e-9

    /// O25: both.
    static let standard = SurrogateSearch(followsWhatIfGains: true, ascends: true)
}

extension HeuristicPolicy {
    /// The heuristic's search on the matched-beam surrogate, then one FP (O25,
    /// `flipEvaluation = .surrogate`, cold decisions). From the nearest assignment with matched
    /// beams (distance-mf's decision) it runs Algorithm 3's flip rule with every rate evaluated on
    /// matched beams (``MatchedBeamSurrogate``: no FP, no eigendecomposition) and keeps the
    /// assignment with the best surrogate sum rate visited; from there a steepest ascent moves one
    /// vehicle at a time while that raises the surrogate sum rate; the decision is a full FP on the
    /// result from its matched beams (O4). Never below its first state (distance-mf): the surrogate
    /// sum rate never falls below the start's and FP never lowers the sum rate (Lemma 2).
    ///
    /// Budgets (O12): a flip or move is made only while `meter` allows an FP iteration (a zero
    /// budget returns the start), they charge none, and the final FP spends what is left; a larger
    /// work budget therefore never returns less (the same moves, a longer monotone FP).
    func surrogateSearch(
        _ problem: DecisionProblem, meter: inout BudgetMeter, settings: SurrogateSearch = .standard
    ) -> (decision: Decision, stop: Stop) {
        let k = problem.vehicleCount
        var surrogate = MatchedBeamSurrogate(problem: problem, assignment: problem.nearestAssignment)
        var bestRate = surrogate.sumRate
        var bestAssignment = surrogate.assignment
        var visited: Set<[Int]> = [surrogate.assignment]
        var flips = 0
        let cap = problem.options.heuristicFlipCapFactor * k
        var stop = Stop.flipCap
        while settings.followsWhatIfGains && flips < cap {
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
        if settings.ascends && stop != .budget {
            var ascent = surrogate
            if ascent.assignment != bestAssignment { ascent.reassign(bestAssignment) }
            var moves = 0
            while moves < cap {
                guard meter.allowsIteration() else {
                    stop = .budget
                    break
                }
                let threshold = SurrogateSearch.ascentTolerance * max(1, ascent.sumRate)
                guard let (v, j, _) = ascent.bestMove(threshold: threshold) else { break }
                ascent.move(v, to: j)
                moves += 1
            }
            flips += moves
            bestAssignment = ascent.assignment
        }
        var final = FPState(problem: problem, assignment: bestAssignment)  // matched beams
        final.setInitialBeams(problem.options.fpStart)  // or O26's RZF beams
        return (final.polish(flips: flips, iterations: 0, failed: false, options: problem.options, meter: &meter), stop)
    }
}
