import ISACMath

/// Algorithm 3 under M11-M12: start from the nearest-RSU assignment and run FP; then repeatedly
/// flip the vehicle with the largest gain e_k = ζ_other − ζ_serving (ζ_other the what-if rate of
/// M11: matched beam at the other RSU, interfered by its current beams) while e_k > 0, each flip
/// followed by a warm-started FP (the flipped vehicle starts from its matched beam).
///
/// Algorithm 3 has no termination guarantee and cycles when interference-limited, so it stops on
/// a repeated assignment or after `heuristicFlipCapFactor`·K flips, and returns the best assignment
/// visited (by FP sum rate).
public struct HeuristicPolicy: DecisionPolicy {
    public let name = "heuristic"
    public init() {}

    /// Why the search stopped.
    enum Stop: Equatable {
        /// No flip has e_k > 0 (Algorithm 3's own exit).
        case noImprovingFlip
        /// A flip led back to an assignment already visited (M12's cycle guard).
        case repeatedAssignment
        /// The flip cap was reached (M12).
        case flipCap
    }

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        search(problem, warmStart: warmStart).decision
    }

    /// The search, with its stop reason.
    func search(_ problem: DecisionProblem, warmStart: Decision?) -> (decision: Decision, stop: Stop) {
        let k = problem.vehicleCount
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.applyWarmStart(warmStart)
        let inner = problem.options.innerFPIterations
        // The start is distance-fp itself (full FP), so the heuristic never returns less (M12).
        var run = state.run(options: problem.options, recordHistory: false)
        var iterations = run.iterations
        var best = state.decision(flips: 0, fpIterations: 0, outcome: run.outcome)
        var visited: Set<[Int]> = [state.assignment]
        var flips = 0
        let cap = problem.options.heuristicFlipCapFactor * k
        var stop = Stop.flipCap
        while flips < cap {
            // argmax_k e_k (ties to the lower index) over every other RSU.
            var bestGain = 0.0
            var move: (vehicle: Int, rsu: Int)? = nil
            for v in 0..<k {
                let serving = state.rate(v)
                for j in 0..<problem.rsuCount where j != state.assignment[v] {
                    let e = state.whatIfRate(vehicle: v, rsu: j) - serving
                    if e > bestGain {
                        bestGain = e
                        move = (v, j)
                    }
                }
            }
            guard let (v, j) = move else {
                stop = .noImprovingFlip
                break
            }
            state.assignment[v] = j
            state.setMatchedBeam(v)
            flips += 1
            if !visited.insert(state.assignment).inserted {  // a cycle: stop (M12)
                stop = .repeatedAssignment
                break
            }
            run = state.run(options: problem.options, recordHistory: false, maxIterations: inner)
            iterations += run.iterations
            if state.sumRate > best.sumRate {
                best = state.decision(flips: flips, fpIterations: 0, outcome: run.outcome)
            }
        }
        // Full FP on the best assignment visited, from its beams (O4).
        var final = FPState(problem: problem, assignment: best.assignment)
        for v in 0..<k { final.setBeam(v, best.beams[v]) }
        let polish = final.run(options: problem.options, recordHistory: false)
        var decision = final.decision(flips: flips, fpIterations: iterations + polish.iterations, outcome: polish.outcome)
        decision.flips = flips
        return (decision, stop)
    }
}
