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
    /// Start from the road's steady state (C8).
    public var startFilled = false

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
        let finished = try stream(beforeRun: beforeRun, afterRun: afterRun, step: step) { n, block in
            if all.last?.antennas != n { all.append((n, Array(repeating: [], count: block.count))) }
            for p in block.indices { all[all.count - 1].records[p] += block[p] }
        }
        return finished ? all : nil
    }

    /// Runs every antenna count, handing the records to `onBlock(antennas, [policy][slot])` a block
    /// of slots at a time, in slot order; memory does not grow with the duration (D13). Returns
    /// false if `step` stopped the run.
    public func stream(
        beforeRun: ((Int) -> Void)? = nil, afterRun: ((Int) -> Void)? = nil, step: @escaping @Sendable () -> Bool,
        onBlock: (Int, [[SlotRecord]]) throws -> Void
    ) throws -> Bool {
        for n in antennaCounts {
            let simulation = ClosedLoopSimulation(
                parameters: ScenarioParameters(try config(antennas: n)), policies: policies, options: options,
                decisionOptions: decisionOptions, seed: seed, startFilled: startFilled)
            beforeRun?(n)
            let finished = try simulation.stream(slots: slots, progress: { _ in step() }) { try onBlock(n, $0) }
            afterRun?(n)
            guard finished else { return false }
        }
        return true
    }
}
