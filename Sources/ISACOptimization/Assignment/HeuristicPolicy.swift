import ISACMath

/// Algorithm 3 under M11-M12: start from the nearest-RSU assignment and run FP; then repeatedly
/// flip the vehicle with the largest gain e_k = ζ_other − ζ_serving (ζ_other the what-if rate of
/// M11: matched beam at the other RSU, interfered by its current beams) while e_k > 0, each flip
/// followed by a warm-started FP (the flipped vehicle starts from its matched beam; from its RZF
/// beam under `fpStart = .regularizedZeroForcing`, O26).
///
/// Algorithm 3 has no termination guarantee and cycles when interference-limited, so it stops on
/// a repeated assignment or after `heuristicFlipCapFactor`·K flips, and returns the best assignment
/// visited (by FP sum rate).
///
/// Anytime (O12): from a ``DecisionStart`` (the previous slot's decision in the closed loop) the
/// same search starts at the start's assignment and beams instead of the nearest RSU; under a
/// ``DecisionBudget`` it stops when the budget refuses the next FP iteration and returns the best
/// assignment visited so far (every visited state is a complete decision, and the first is the
/// start itself, so it never returns less than the start).
///
/// `DecisionOptions.flipEvaluation = .screened` runs O20's cheaper search instead
/// (``screenedSearch(_:warmStart:start:meter:settings:)``), `.surrogate` O25's search on matched
/// beams for cold decisions (``surrogateSearch(_:meter:settings:)``); the default, `.exact`, is this one.
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
        /// The budget refused the next FP iteration (O12).
        case budget
    }

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        search(problem, warmStart: warmStart).decision
    }

    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try start?.check(problem, policy: name)
        var meter = BudgetMeter(budget)
        return search(problem, warmStart: nil, start: start, meter: &meter).decision
    }

    /// The search without budget, with its stop reason.
    func search(_ problem: DecisionProblem, warmStart: Decision?) -> (decision: Decision, stop: Stop) {
        var meter = BudgetMeter.unlimited
        return search(problem, warmStart: warmStart, start: nil, meter: &meter)
    }

    /// The search from `start` (nil: nearest RSU, beams seeded by `warmStart` where the RSU agrees)
    /// under `meter`, with its stop reason. `candidates` (nil: every vehicle) restricts which
    /// vehicles may flip; `innerIterations` (nil: the meter's, O18) caps each inner FP run.
    func search(
        _ problem: DecisionProblem, warmStart: Decision?, start: DecisionStart?, meter: inout BudgetMeter,
        candidates: [Int]? = nil, innerIterations: Int? = nil
    ) -> (decision: Decision, stop: Stop) {
        // The screened search (O20) has no candidate restriction: a guided search (TW13) stays exact.
        if problem.options.resolvedFlipEvaluation == .screened && candidates == nil && innerIterations == nil {
            return screenedSearch(problem, warmStart: warmStart, start: start, meter: &meter)
        }
        // The surrogate search (O25) is for cold decisions: a carried start's beams are FP beams.
        if problem.options.resolvedFlipEvaluation == .surrogate && start == nil && warmStart == nil
            && candidates == nil && innerIterations == nil
        {
            return surrogateSearch(problem, meter: &meter)
        }
        let k = problem.vehicleCount
        var state = FPState.searchStart(problem, warmStart: warmStart, start: start)
        let inner = innerIterations ?? meter.innerIterations(problem.options)
        let flippable = candidates ?? Array(0..<k)
        let reaimed = start.map { state.reaim(with: $0, options: problem.options, meter: &meter) } ?? 0
        // The cold start is distance-fp itself (full FP), so the heuristic never returns less (M12).
        // From a start (last slot's polished decision, re-aimed) the first FP is an inner run like
        // the ones after each flip: the search reaches its flips sooner, the final FP polishes (O12).
        var run = state.run(
            options: problem.options, recordHistory: false, maxIterations: start == nil ? nil : inner, meter: &meter)
        var iterations = reaimed + run.iterations
        var failed = run.outcome == .linearAlgebraFailure
        var best = state.decision(flips: 0, fpIterations: 0, outcome: run.outcome)
        var visited: Set<[Int]> = [state.assignment]
        var flips = 0
        let cap = problem.options.heuristicFlipCapFactor * k
        var stop = Stop.flipCap
        while flips < cap {
            guard meter.allowsIteration() else {
                stop = .budget
                break
            }
            // argmax_k e_k (ties to the lower index) over every other RSU.
            var bestGain = 0.0
            var move: (vehicle: Int, rsu: Int)? = nil
            for v in flippable {
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
            flips += 1
            if !state.flip(v, to: j, visited: &visited) {  // a cycle: stop (M12)
                stop = .repeatedAssignment
                break
            }
            run = state.run(options: problem.options, recordHistory: false, maxIterations: inner, meter: &meter)
            iterations += run.iterations
            failed = failed || run.outcome == .linearAlgebraFailure
            if state.sumRate > best.sumRate {
                best = state.decision(flips: flips, fpIterations: 0, outcome: run.outcome)
            }
        }
        // Full FP on the best assignment visited, from its beams (O4).
        var final = FPState(problem: problem, assignment: best.assignment)
        for v in 0..<k { final.setBeam(v, best.beams[v]) }
        return (final.polish(flips: flips, iterations: iterations, failed: failed, options: problem.options, meter: &meter), stop)
    }
}
