import Dispatch
import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics

/// The static sweeps of Figs. 7 and 8 (M15): for every (antennas, vehicles) point and every drop,
/// one static drop of vehicles (M2), its exact geometry as the prediction, Λ from
/// ``OneSlotSensingRequirement``, and every scheme deciding on the same problem (paired).
///
/// Drop d at K vehicles draws from `Xoshiro256StarStar(seed:, stream: K·2³² + d)`: the same drops
/// for every scheme and every antenna count, independent of scheduling, so a parallel run equals
/// a serial one (rows are sorted into a fixed order).
public struct DecisionSweep: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case vehicles, antennas
    }

    public var kind: Kind
    public var config: ScenarioConfig
    /// (antennas, vehicles) points, in output order.
    public var points: [(antennas: Int, vehicles: Int)]
    public var drops: Int
    public var schemes: [String]
    public var seed: UInt64
    public var options: DecisionOptions
    public var registry: DecisionPolicyRegistry
    /// Per-decision budget (O12): each drop is decided cold under it (unlimited: exactly
    /// ``DecisionPolicy/decide(_:warmStart:)``).
    public var budget: DecisionBudget

    public init(
        kind: Kind, config: ScenarioConfig, antennaCounts: [Int], vehicleCounts: [Int], drops: Int,
        schemes: [String], seed: UInt64, options: DecisionOptions = .standard,
        registry: DecisionPolicyRegistry = .standard, budget: DecisionBudget = .unlimited
    ) {
        self.budget = budget
        self.kind = kind
        self.config = config
        points = antennaCounts.flatMap { n in vehicleCounts.map { (antennas: n, vehicles: $0) } }
        self.drops = drops
        self.schemes = schemes
        self.seed = seed
        self.options = options
        self.registry = registry
    }

    /// Checks scheme names and the exhaustive limit before any work.
    public func validate() throws {
        try budget.validate()
        for s in schemes { _ = try registry.policy(named: s) }
        if schemes.contains("exhaustive"), let k = points.map(\.vehicles).max(), k > options.exhaustiveVehicleLimit {
            throw DecisionError.tooManyVehicles(policy: "exhaustive", vehicles: k, limit: options.exhaustiveVehicleLimit)
        }
    }

    /// The scenario of one point: N_t = N_r = antennas.
    public func parameters(antennas: Int) -> ScenarioParameters {
        var c = config
        c.antennas.transmit = antennas
        c.antennas.receive = antennas
        return ScenarioParameters(c)
    }

    /// The decision problem of one drop.
    public func problem(antennas: Int, vehicles: Int, drop: Int) -> DecisionProblem {
        problemAndVehicles(antennas: antennas, vehicles: vehicles, drop: drop).problem
    }

    /// The decision problem of one drop and its vehicles.
    func problemAndVehicles(antennas: Int, vehicles: Int, drop: Int) -> (problem: DecisionProblem, vehicles: [Vehicle]) {
        let p = parameters(antennas: antennas)
        var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(vehicles) << 32 | UInt64(drop))
        let cars = StaticDrop.vehicles(count: vehicles, parameters: p, using: &rng)
        let sensingOn = options.sensingConstraint && p.config.options.sensingConstraint
        let lambda = sensingOn ? OneSlotSensingRequirement(parameters: p).requirements(vehicles: cars) : nil
        return (DecisionProblem(parameters: p, vehicles: cars, sensingRequirements: lambda, options: options), cars)
    }

    /// Every scheme on one drop. Schemes that read observations get the drop with a one-slot
    /// sensing history (``ObservationHistory``, TW7), drawn from the drop's own stream.
    public func rows(pointIndex: Int, drop: Int) throws -> [SweepRow] {
        let (n, k) = points[pointIndex]
        let (plain, cars) = problemAndVehicles(antennas: n, vehicles: k, drop: drop)
        var observed: DecisionProblem?
        return try schemes.map { name in
            let policy = try registry.policy(named: name)
            var problem = plain
            if policy.readsObservations {
                if observed == nil {
                    var rng = Xoshiro256StarStar(seed: seed ^ 0x0B5E_7BED, stream: UInt64(k) << 32 | UInt64(drop))
                    observed = try ObservationHistory.observed(plain, vehicles: cars, using: &rng)
                }
                problem = observed!
            }
            let clock = ContinuousClock()
            var decision: Decision? = nil
            let elapsed = try clock.measure { decision = try decide(policy, problem) }
            let d = decision!
            return SweepRow(
                sweep: kind.rawValue, preset: config.preset, antennas: n, vehicles: k, drop: drop, scheme: name,
                ratePerVehicleBitsPerHertz: k > 0 ? d.sumRate / Double(k) : 0, sumRateBitsPerHertz: d.sumRate,
                flips: d.flips, fpIterations: d.fpIterations, converged: d.outcome == .converged, outcome: d.outcome,
                solveTimeSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
    }

    /// One cold decision under ``budget``.
    func decide(_ policy: any DecisionPolicy, _ problem: DecisionProblem) throws -> Decision {
        budget.isUnlimited
            ? try policy.decide(problem, warmStart: nil) : try policy.decide(problem, from: nil, budget: budget)
    }

    /// Runs every (point, drop), in parallel over all cores when `parallel`, and returns the rows
    /// ordered by point, drop, scheme. `progress(done, total)` is called after each drop (from any
    /// thread). `isCancelled` is polled before each drop: once it returns true the remaining drops
    /// are skipped and the run throws `CancellationError`.
    public func run(
        parallel: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> [SweepRow] {
        try validate()
        let tasks = points.indices.flatMap { p in (0..<drops).map { (p, $0) } }
        let results = ResultSlots<Result<[SweepRow], Error>>(count: tasks.count)
        let body: @Sendable (Int) -> Void = { t in
            if isCancelled?() == true {
                _ = results.store(.failure(CancellationError()), at: t)
                return
            }
            let (p, d) = tasks[t]
            let r = Result { try self.rows(pointIndex: p, drop: d) }
            let done = results.store(r, at: t)
            progress?(done, tasks.count)
        }
        if parallel {
            ParallelLoop.run(iterations: tasks.count, body)
        } else {
            for t in tasks.indices { body(t) }
        }
        return try results.values().flatMap { try $0!.get() }
    }
}

/// Write-once result slots shared by worker threads (a lock guards the array).
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores a value and returns how many slots are filled.
    func store(_ value: Value, at index: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
        done += 1
        return done
    }

    func values() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
