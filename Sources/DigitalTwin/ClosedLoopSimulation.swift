import Dispatch
import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics

/// The closed-loop digital twin over time (Figs. 9-11): one world, one twin per policy.
///
/// The world's trajectory is simulated first (seeded stream 0); then every policy's twin runs the
/// whole trajectory on its own (in parallel, one thread each) with common random numbers for the
/// echoes (``MeasurementStreams``). A policy's rows depend only on the seed, the scenario and that
/// policy — never on which other policies run — and the reference `distance-mf` twin (needed for
/// the gain column) runs even when it is not asked for.
public struct ClosedLoopSimulation: Sendable {
    public let parameters: ScenarioParameters
    public let policies: [any DecisionPolicy]
    public let options: TwinOptions
    public let decisionOptions: DecisionOptions
    public let seed: UInt64
    /// Start from the road's steady state instead of an empty road (C8; a long corridor takes
    /// L/v̄ to fill, 40 s at 1.2 km).
    public let startFilled: Bool

    public init(
        parameters: ScenarioParameters, policies: [any DecisionPolicy], options: TwinOptions = TwinOptions(),
        decisionOptions: DecisionOptions = .standard, seed: UInt64, startFilled: Bool = false
    ) {
        self.startFilled = startFilled
        self.parameters = parameters
        self.policies = policies
        self.options = options
        self.decisionOptions = decisionOptions
        self.seed = seed
    }

    /// The world of this run: `slots` slots of Poisson traffic from an empty (or filled) road.
    public func trajectory(slots: Int) -> WorldTrajectory {
        var rng = Xoshiro256StarStar(seed: seed, stream: 0)
        return WorldTrajectory(parameters: parameters, slots: slots, startFilled: startFilled, using: &rng)
    }

    /// Runs every policy over `world`.
    /// - Parameter progress: called (from worker threads) after each slot of each twin with the
    ///   number of slots that twin has completed; return false to stop early (then nil is returned).
    /// - Returns: the records of every requested policy, `[policy][slot]`, with the gain over the
    ///   distance-mf reference filled in.
    public func run(
        world: WorldTrajectory, progress: (@Sendable (Int) -> Bool)? = nil
    ) throws -> [[SlotRecord]]? {
        var all = Array(repeating: [SlotRecord](), count: policies.count)
        let finished = try runBlocks(
            slots: world.slotCount, blockSlots: max(world.slotCount, 1), progress: progress,
            world: { range in Array(world.snapshots[range]) }
        ) { block in
            for p in all.indices { all[p] += block[p] }
        }
        return finished ? all : nil
    }

    /// Runs every policy over `slots` slots of Poisson traffic (the world of ``trajectory(slots:)``,
    /// generated block by block), handing each block of `blockSlots` slots to `onBlock` as
    /// `[policy][slot]` with the gains filled in. Memory does not grow with `slots` (D13).
    /// - Returns: false if `progress` stopped the run (blocks already handed over stay valid).
    public func stream(
        slots: Int, blockSlots: Int = 250, progress: (@Sendable (Int) -> Bool)? = nil,
        onBlock: ([[SlotRecord]]) throws -> Void
    ) throws -> Bool {
        var rng = Xoshiro256StarStar(seed: seed, stream: 0)
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        if startFilled { traffic.fill(using: &rng) }
        return try runBlocks(
            slots: slots, blockSlots: blockSlots, progress: progress,
            world: { range in
                range.map { _ in
                    traffic.step(using: &rng)
                    return traffic.vehicles
                }
            }, onBlock: onBlock)
    }

    /// The twins step through the slots block by block (one thread per twin within a block); each
    /// twin keeps its state across blocks, so the records do not depend on the block size.
    private func runBlocks(
        slots: Int, blockSlots: Int, progress: (@Sendable (Int) -> Bool)?,
        world: (Range<Int>) -> [[Vehicle]], onBlock: ([[SlotRecord]]) throws -> Void
    ) throws -> Bool {
        let reference = policies.firstIndex { $0.name == DistanceMatchedFilterPolicy().name }
        let policyList: [any DecisionPolicy] = reference == nil ? policies + [DistanceMatchedFilterPolicy()] : policies
        let referenceIndex = reference ?? policies.count
        let twins = TwinStates(
            policyList.map {
                PolicyTwin(policy: $0, parameters: parameters, options: options, decisionOptions: decisionOptions, seed: seed)
            })
        let slotSeconds = parameters.slotSeconds
        var first = 0
        while first < slots {
            let range = first..<min(slots, first + blockSlots)
            let snapshots = world(range)
            let results = ResultBox(count: policyList.count)
            ParallelLoop.run(iterations: policyList.count) { t in
                var records: [SlotRecord] = []
                records.reserveCapacity(range.count)
                do {
                    for (i, n) in range.enumerated() {
                        if results.isCancelled { return }
                        records.append(
                            try twins.pointer[t].step(slot: n, vehicles: snapshots[i], time: Double(n + 1) * slotSeconds))
                        if let progress, !progress(n + 1) {
                            results.cancel()
                            return
                        }
                    }
                    results.set(t, .success(records))
                } catch {
                    results.set(t, .failure(error))
                    results.cancel()
                }
            }
            if let error = results.firstError { throw error }
            guard !results.isCancelled else { return false }
            var all = results.values
            let baseline = all[referenceIndex]
            for t in all.indices {
                for n in all[t].indices { all[t][n].gainVsDistanceMF = all[t][n].sumRate - baseline[n].sumRate }
            }
            try onBlock(Array(all.prefix(policies.count)))
            first = range.upperBound
        }
        return true
    }
}

/// The twins of a run, each mutated by its own worker thread (distinct elements, no overlap).
private final class TwinStates: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<PolicyTwin>
    let count: Int

    init(_ twins: [PolicyTwin]) {
        count = twins.count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(from: twins, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

/// Collects the twins' results across threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[SlotRecord], any Error>?]
    private var cancelled = false

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<[SlotRecord], any Error>) {
        lock.lock()
        results[i] = r
        lock.unlock()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    var firstError: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        for case .failure(let e)? in results { return e }
        return nil
    }

    var values: [[SlotRecord]] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { r in
            if case .success(let v)? = r { return v }
            return []
        }
    }
}
