import ISACMath

/// Algorithm 2 under M13: vehicles in decreasing order of |1/d₁ − 1/d₂|² (the most clear-cut
/// first); the first goes to its nearest RSU; each next one goes to the RSU with the larger what-if
/// rate ζ (M11: matched beam, interfered by that RSU's current FP beams; ties to the lower index),
/// after which FP re-optimises the assigned set (warm start, the newcomer from its matched beam).
/// The FP after the last vehicle is the final FP.
public struct GreedyPolicy: DecisionPolicy {
    public let name = "greedy"
    public init() {}

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        let k = problem.vehicleCount
        let nearest = problem.nearestAssignment
        guard k > 0 else { return Decision(assignment: [], beams: [], rates: []) }
        let order = Self.order(problem)
        var state = FPState(problem: problem, assignment: Array(repeating: -1, count: k))
        var iterations = 0
        var outcome = SolverOutcome.converged
        for (position, v) in order.enumerated() {
            if position == 0 {
                state.assignment[v] = nearest[v]
            } else {
                var bestRSU = 0
                var bestRate = -Double.infinity
                for j in 0..<problem.rsuCount {
                    let zeta = state.whatIfRate(vehicle: v, rsu: j)
                    if zeta > bestRate {
                        bestRate = zeta
                        bestRSU = j
                    }
                }
                state.assignment[v] = bestRSU
            }
            state.setMatchedBeam(v)
            let last = position == order.count - 1
            let run = state.run(
                options: problem.options, recordHistory: false,
                maxIterations: last ? nil : problem.options.innerFPIterations)
            iterations += run.iterations
            outcome = run.outcome
        }
        return state.decision(flips: 0, fpIterations: iterations, outcome: outcome)
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
