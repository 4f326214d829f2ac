import ISACMath

/// Ground truth for small K (M14): every one of the R^K assignments with FP beams from matched
/// starts; the best sum rate wins (ties to the first in enumeration order, vehicle 0 the fastest
/// digit). Refuses K above `exhaustiveVehicleLimit` with ``DecisionError/tooManyVehicles``.
///
/// Anytime (O12): with a start or a budget the start (nearest RSU and matched beams without one)
/// is the first candidate and the enumeration stops when the budget refuses the next FP iteration;
/// the best candidate so far is returned.
public struct ExhaustivePolicy: DecisionPolicy {
    public let name = "exhaustive"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        var meter = BudgetMeter.unlimited
        return try search(problem, start: nil, meter: &meter)
    }

    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try start?.check(problem, policy: name)
        var meter = BudgetMeter(budget)
        let first = start ?? (budget.isUnlimited ? nil : DecisionStart.nearest(problem))
        return try search(problem, start: first, meter: &meter)
    }

    func search(_ problem: DecisionProblem, start: DecisionStart?, meter: inout BudgetMeter) throws -> Decision {
        let k = problem.vehicleCount
        let limit = problem.options.exhaustiveVehicleLimit
        guard k <= limit else { throw DecisionError.tooManyVehicles(policy: name, vehicles: k, limit: limit) }
        let r = problem.rsuCount
        var assignment = [Int](repeating: 0, count: k)
        var best: Decision? = start?.decision(on: problem)
        var iterations = 0
        var failed = false
        while meter.allowsIteration() {
            var state = FPState(problem: problem, assignment: assignment)
            state.setInitialBeams(problem.options.fpStart)
            let run = state.run(options: problem.options, recordHistory: false, meter: &meter)
            iterations += run.iterations
            failed = failed || run.outcome == .linearAlgebraFailure
            if best == nil || state.sumRate > best!.sumRate {
                best = state.decision(flips: 0, fpIterations: 0, outcome: run.outcome)
            }
            // Next assignment in base-R counting.
            var digit = 0
            while digit < k {
                assignment[digit] += 1
                if assignment[digit] < r { break }
                assignment[digit] = 0
                digit += 1
            }
            if digit == k { break }
        }
        var decision = best!
        decision.fpIterations = iterations
        if meter.ranOut { decision.outcome = .budgetExhausted }
        if failed { decision.outcome = .linearAlgebraFailure }
        return decision
    }
}
