import ISACMath

/// Ground truth for small K (M14): every one of the R^K assignments with FP beams from matched
/// starts; the best sum rate wins (ties to the first in enumeration order, vehicle 0 the fastest
/// digit). Refuses K above `exhaustiveVehicleLimit` with ``DecisionError/tooManyVehicles``.
public struct ExhaustivePolicy: DecisionPolicy {
    public let name = "exhaustive"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        let k = problem.vehicleCount
        let limit = problem.options.exhaustiveVehicleLimit
        guard k <= limit else { throw DecisionError.tooManyVehicles(policy: name, vehicles: k, limit: limit) }
        let r = problem.rsuCount
        var assignment = [Int](repeating: 0, count: k)
        var best: Decision? = nil
        var iterations = 0
        while true {
            var state = FPState(problem: problem, assignment: assignment)
            let run = state.run(options: problem.options, recordHistory: false)
            iterations += run.iterations
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
        return decision
    }
}
