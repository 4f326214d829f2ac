import ISACOptimization

/// A learned policy with one model pair per training vehicle count (TW11): each problem is decided
/// by the pair trained for the count nearest its own K (ties to the smaller count). Networks
/// trained at one K generalise poorly to a very different K (the sequence statistics and the
/// heuristic's label mix change with K), so static sweeps over K use the nearest pair per point.
public struct NearestVehicleCountPolicy: DecisionPolicy {
    public let name: String
    public var readsObservations: Bool { true }
    /// (training vehicle count, policy), ascending by count.
    public let policies: [(vehicles: Int, policy: any DecisionPolicy)]

    /// - Precondition: at least one policy; the counts are distinct.
    public init(name: String, policies: [Int: any DecisionPolicy]) {
        precondition(!policies.isEmpty, "at least one model pair")
        self.name = name
        self.policies = policies.keys.sorted().map { ($0, policies[$0]!) }
    }

    /// The training count nearest `vehicles` (ties to the smaller).
    public static func nearest(_ vehicles: Double, among counts: [Int]) -> Int? {
        counts.sorted().min { abs(Double($0) - vehicles) < abs(Double($1) - vehicles) }
    }

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        try policy(for: problem).decide(problem, warmStart: warmStart)
    }

    /// The chosen pair's anytime decision (the closed loop's carried start and budget, O12).
    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try policy(for: problem).decide(problem, from: start, budget: budget)
    }

    /// The policy of the pair trained for the count nearest the problem's K.
    func policy(for problem: DecisionProblem) -> any DecisionPolicy {
        let k = Self.nearest(Double(problem.vehicleCount), among: policies.map(\.vehicles))!
        return policies.first { $0.vehicles == k }!.policy
    }
}
