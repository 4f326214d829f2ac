/// A decision policy: assigns every vehicle to an RSU and designs its beam (Sections IV-V).
///
/// All policies share this one entry point, so sweeps, benchmarks, the closed-loop simulator and
/// a learned policy (which reads ``DecisionProblem/observations``) are interchangeable. A policy is
/// a `Sendable` value; it is deterministic given the problem (a randomised policy derives its
/// generator from the problem's data or carries a seed).
public protocol DecisionPolicy: Sendable {
    /// The registry name (`distance-mf`, `heuristic`, …).
    var name: String { get }

    /// Decides one slot.
    /// - Parameters:
    ///   - problem: the predicted geometry, sensing requirements and options.
    ///   - warmStart: the previous decision on the same vehicles (same order), if any: its beams
    ///     seed FP on links whose RSU agrees. Ignored when the vehicle count differs.
    /// - Throws: ``DecisionError`` when the policy cannot handle the problem (e.g. too large).
    func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision

    /// Decides one slot as an anytime solver (issue 10, O12): starting from `start` (nil: the
    /// policy's own cold start), spending at most `budget`, and returning the best decision found,
    /// never one with a lower predicted sum rate than the start's. With `start` nil and the unlimited
    /// budget this equals ``decide(_:warmStart:)`` with no warm start, bit for bit.
    ///
    /// The default (for policies that do not iterate, e.g. a learned one) ignores both and decides
    /// cold; the closed loop still bounds it by the slot (the fallback of ``DecisionStart``).
    func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision

    /// Whether the policy reads ``DecisionProblem/observations`` (a learned policy does); callers
    /// without a sensing history (static sweeps) then supply one.
    var readsObservations: Bool { get }
}

extension DecisionPolicy {
    public func decide(_ problem: DecisionProblem) throws -> Decision { try decide(problem, warmStart: nil) }

    public var readsObservations: Bool { false }

    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        try decide(problem, warmStart: nil)
    }
}

extension DecisionStart {
    /// Throws ``DecisionError/unsupportedProblem(policy:reason:)`` unless the start fits `problem`.
    func check(_ problem: DecisionProblem, policy: String) throws {
        let k = problem.vehicleCount
        guard assignment.count == k, beams.count == k else {
            throw DecisionError.unsupportedProblem(
                policy: policy, reason: "the start has \(assignment.count) vehicles, the problem \(k)")
        }
        for v in 0..<k {
            guard (0..<problem.rsuCount).contains(assignment[v]) else {
                throw DecisionError.unsupportedProblem(
                    policy: policy,
                    reason: "the start assigns vehicle \(v) to RSU \(assignment[v]); valid: 0...\(problem.rsuCount - 1)")
            }
            if let f = beams[v], f.count != problem.antennaCount {
                throw DecisionError.unsupportedProblem(
                    policy: policy,
                    reason: "the start's beam of vehicle \(v) has \(f.count) entries; the array has \(problem.antennaCount)")
            }
        }
    }
}

/// Why a policy refused a problem (bad input, not a solver outcome).
public enum DecisionError: Error, Equatable, CustomStringConvertible {
    /// The exhaustive policy enumerates R^K assignments.
    case tooManyVehicles(policy: String, vehicles: Int, limit: Int)
    /// No policy of that name is registered.
    case unknownPolicy(name: String, known: [String])
    /// The policy cannot decide this kind of problem (e.g. a learned policy trained for other
    /// array sizes).
    case unsupportedProblem(policy: String, reason: String)

    public var description: String {
        switch self {
        case let .tooManyVehicles(policy, vehicles, limit):
            return "policy '\(policy)' refuses \(vehicles) vehicles: the limit is \(limit) "
                + "(exhaustiveVehicleLimit; it enumerates 2^K assignments)"
        case let .unknownPolicy(name, known):
            return "unknown policy '\(name)'; known: \(known.joined(separator: ", "))"
        case let .unsupportedProblem(policy, reason):
            return "policy '\(policy)' cannot decide this problem: \(reason)"
        }
    }
}

/// Policies by name. The standard registry holds the optimisation policies; later policies (e.g. a
/// learned `lstm`) join with ``registering(_:)``.
public struct DecisionPolicyRegistry: Sendable {
    private var policies: [String: any DecisionPolicy]
    /// Names in registration order.
    public private(set) var names: [String]

    public init(_ policies: [any DecisionPolicy] = []) {
        self.policies = [:]
        names = []
        for p in policies { register(p) }
    }

    /// distance-mf, distance-fp, greedy, heuristic, exhaustive.
    public static let standard = DecisionPolicyRegistry([
        DistanceMatchedFilterPolicy(), DistanceFractionalProgrammingPolicy(), GreedyPolicy(), HeuristicPolicy(),
        ExhaustivePolicy(),
    ])

    /// Adds (or replaces) a policy under its name.
    public mutating func register(_ policy: any DecisionPolicy) {
        if policies[policy.name] == nil { names.append(policy.name) }
        policies[policy.name] = policy
    }

    /// A copy with `policy` added.
    public func registering(_ policy: any DecisionPolicy) -> DecisionPolicyRegistry {
        var copy = self
        copy.register(policy)
        return copy
    }

    public func policy(named name: String) throws -> any DecisionPolicy {
        guard let p = policies[name] else { throw DecisionError.unknownPolicy(name: name, known: names) }
        return p
    }
}
