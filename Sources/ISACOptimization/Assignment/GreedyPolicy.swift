import ISACMath

/// Algorithm 2 under M13: vehicles in decreasing order of |1/d₁ − 1/d₂|² (the most clear-cut
/// first); the first goes to its nearest RSU; each next one goes to the RSU with the larger what-if
/// rate ζ (M11: matched beam, interfered by that RSU's current FP beams; ties to the lower index),
/// after which FP re-optimises the assigned set (warm start, the newcomer from its matched beam, or
/// its RZF beam with `DecisionOptions.fpStart = .regularizedZeroForcing`, O26).
/// The FP after the last vehicle is the final FP.
///
/// Anytime (O12): from a ``DecisionStart`` (complete: every vehicle has an RSU) the vehicles are
/// re-placed in the same order by the same rule, each against the current beams of all the others,
/// a move followed by a short FP, then a full FP; every state is a complete decision, the first
/// the start itself, and the best one visited is returned.
/// Cold under a budget, the placement builds partial assignments, so if the budget runs out before
/// the last vehicle is placed the decision is the start (nearest RSU, matched beams); a larger
/// work budget therefore never returns less.
public struct GreedyPolicy: DecisionPolicy {
    public let name = "greedy"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        var meter = BudgetMeter.unlimited
        return cold(problem, meter: &meter)
    }

    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try start?.check(problem, policy: name)
        var meter = BudgetMeter(budget)
        if let start { return warm(problem, start: start, meter: &meter) }
        let decision = cold(problem, meter: &meter)
        guard !budget.isUnlimited else { return decision }
        let fallback = DecisionStart.nearest(problem).decision(on: problem)
        if meter.ranOut && decision.assignment.contains(-1) {
            var d = fallback
            d.fpIterations = decision.fpIterations
            d.outcome = .budgetExhausted
            return d
        }
        return decision.sumRate >= fallback.sumRate ? decision : fallback
    }

    /// Algorithm 2 from the empty assignment; stops placing when `meter` runs out (the decision
    /// then has unplaced vehicles, assignment −1).
    func cold(_ problem: DecisionProblem, meter: inout BudgetMeter) -> Decision {
        let k = problem.vehicleCount
        let nearest = problem.nearestAssignment
        guard k > 0 else { return Decision(assignment: [], beams: [], rates: []) }
        let order = Self.order(problem)
        var state = FPState(problem: problem, assignment: Array(repeating: -1, count: k))
        var iterations = 0
        var outcome = SolverOutcome.converged
        var failed = false
        for (position, v) in order.enumerated() {
            if position == 0 {
                state.assignment[v] = nearest[v]
            } else {
                state.assignment[v] = state.greedyRSU(vehicle: v)
            }
            state.setJoiningBeam(v, start: problem.options.fpStart)
            let last = position == order.count - 1
            let run = state.run(
                options: problem.options, recordHistory: false,
                maxIterations: last ? nil : meter.innerIterations(problem.options), meter: &meter)
            iterations += run.iterations
            outcome = run.outcome
            failed = failed || outcome == .linearAlgebraFailure
            if meter.ranOut && !last { break }
        }
        if failed { outcome = .linearAlgebraFailure }
        return state.decision(flips: 0, fpIterations: iterations, outcome: outcome)
    }

    /// Re-places every vehicle of the complete start, in greedy order, by the ζ rule against the
    /// current beams of all others; a vehicle whose RSU changes starts from its matched (or O26's RZF) beam and a
    /// short FP follows; then a full FP on the best state visited.
    func warm(_ problem: DecisionProblem, start: DecisionStart, meter: inout BudgetMeter) -> Decision {
        let k = problem.vehicleCount
        guard k > 0 else { return Decision(assignment: [], beams: [], rates: []) }
        var state = FPState(problem: problem, start: start)
        var iterations = state.reaim(with: start, options: problem.options, meter: &meter)
        state.evaluate()
        var best = state.decision(flips: 0, fpIterations: 0, outcome: .converged)
        var moves = 0
        var failed = false
        for v in Self.order(problem) {
            guard meter.allowsIteration() else { break }
            let j = state.greedyRSU(vehicle: v)
            guard j != state.assignment[v] else { continue }
            state.assignment[v] = j
            state.setJoiningBeam(v, start: problem.options.fpStart)
            moves += 1
            let run = state.run(
                options: problem.options, recordHistory: false, maxIterations: meter.innerIterations(problem.options),
                meter: &meter)
            iterations += run.iterations
            failed = failed || run.outcome == .linearAlgebraFailure
            if state.sumRate > best.sumRate { best = state.decision(flips: moves, fpIterations: 0, outcome: run.outcome) }
        }
        var final = FPState(problem: problem, assignment: best.assignment)
        for v in 0..<k { final.setBeam(v, best.beams[v]) }
        let polish = final.run(options: problem.options, recordHistory: false, meter: &meter)
        var outcome = meter.ranOut ? SolverOutcome.budgetExhausted : polish.outcome
        if failed || polish.outcome == .linearAlgebraFailure { outcome = .linearAlgebraFailure }
        return final.decision(flips: moves, fpIterations: iterations + polish.iterations, outcome: outcome)
    }

    /// Vehicles by decreasing |1/d₁ − 1/d₂|² over their two nearest RSUs (stable: ties by index).
    static func order(_ problem: DecisionProblem) -> [Int] {
        let key: [Double] = (0..<problem.vehicleCount).map { v in
            let d = (0..<problem.rsuCount).map { problem.links[$0][v].distance }.sorted()
            guard d.count >= 2 else { return 0 }
            let x = 1 / d[0] - 1 / d[1]
            return x * x
        }
        return (0..<problem.vehicleCount).sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
    }
}

extension FPState {
    /// M13's choice for vehicle v: the RSU with the largest what-if rate ζ (ties to the lower index).
    func greedyRSU(vehicle v: Int) -> Int {
        var bestRSU = 0
        var bestRate = -Double.infinity
        for j in 0..<problem.rsuCount {
            let zeta = whatIfRate(vehicle: v, rsu: j)
            if zeta > bestRate {
                bestRate = zeta
                bestRSU = j
            }
        }
        return bestRSU
    }
}
