import DigitalTwin
import ISACOptimization
import ISACPhysics

/// The closed-loop runs of `isactwin simulate` and `isactwin reproduce` (Figs. 9-10): one
/// ``ClosedLoopSimulation`` per antenna count on the same configuration, policies and seed.
public struct ClosedLoopExperiment: Sendable {
    public var config: ScenarioConfig
    public var policies: [any DecisionPolicy]
    public var antennaCounts: [Int]
    public var durationSeconds: Double
    public var options: TwinOptions
    public var decisionOptions: DecisionOptions
    public var seed: UInt64

    public init(
        config: ScenarioConfig, policies: [any DecisionPolicy], antennaCounts: [Int], durationSeconds: Double,
        options: TwinOptions = TwinOptions(), decisionOptions: DecisionOptions = .standard, seed: UInt64
    ) {
        self.config = config
        self.policies = policies
        self.antennaCounts = antennaCounts
        self.durationSeconds = durationSeconds
        self.options = options
        self.decisionOptions = decisionOptions
        self.seed = seed
    }

    /// Slots of one run: the duration in whole slots (at least one).
    public var slots: Int { max(1, Int((durationSeconds / config.radio.slotSeconds).rounded())) }

    /// Twins per run: the policies plus the distance-mf reference if it is not among them.
    public var twinCount: Int { policies.count + (policies.contains { $0.name == DistanceMatchedFilterPolicy().name } ? 0 : 1) }

    /// Progress units of the whole experiment (one per twin and slot).
    public var totalSteps: Int { antennaCounts.count * slots * twinCount }

    /// The configuration of one antenna count (N_t = N_r = n), validated.
    public func config(antennas n: Int) throws -> ScenarioConfig {
        var c = config
        c.antennas.transmit = n
        c.antennas.receive = n
        try c.validate()
        return c
    }

    /// Runs every antenna count. `step` is called after each slot of each twin (from worker
    /// threads); return false to stop, then nil is returned.
    public func run(
        beforeRun: ((Int) -> Void)? = nil, afterRun: ((Int) -> Void)? = nil, step: @escaping @Sendable () -> Bool
    ) throws -> [(antennas: Int, records: [[SlotRecord]])]? {
        var all: [(antennas: Int, records: [[SlotRecord]])] = []
        for n in antennaCounts {
            let simulation = ClosedLoopSimulation(
                parameters: ScenarioParameters(try config(antennas: n)), policies: policies, options: options,
                decisionOptions: decisionOptions, seed: seed)
            beforeRun?(n)
            let records = try simulation.run(world: simulation.trajectory(slots: slots)) { _ in step() }
            afterRun?(n)
            guard let records else { return nil }
            all.append((n, records))
        }
        return all
    }
}
