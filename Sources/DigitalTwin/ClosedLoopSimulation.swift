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

    public init(
        parameters: ScenarioParameters, policies: [any DecisionPolicy], options: TwinOptions = TwinOptions(),
        decisionOptions: DecisionOptions = .standard, seed: UInt64
    ) {
        self.parameters = parameters
        self.policies = policies
        self.options = options
        self.decisionOptions = decisionOptions
        self.seed = seed
    }

    /// The world of this run: `slots` slots of Poisson traffic from an empty road.
    public func trajectory(slots: Int) -> WorldTrajectory {
        var rng = Xoshiro256StarStar(seed: seed, stream: 0)
        return WorldTrajectory(parameters: parameters, slots: slots, using: &rng)
    }

    /// Runs every policy over `world`.
    /// - Parameter progress: called (from worker threads) after each slot of each twin with the
    ///   number of slots that twin has completed; return false to stop early (then nil is returned).
    /// - Returns: the records of every requested policy, `[policy][slot]`, with the gain over the
    ///   distance-mf reference filled in.
    public func run(
        world: WorldTrajectory, progress: (@Sendable (Int) -> Bool)? = nil
    ) throws -> [[SlotRecord]]? {
        let reference = policies.firstIndex { $0.name == DistanceMatchedFilterPolicy().name }
        let twins: [any DecisionPolicy] = reference == nil ? policies + [DistanceMatchedFilterPolicy()] : policies
        let referenceIndex = reference ?? policies.count
        let results = ResultBox(count: twins.count)
        BLAS.setThreadCount(1)
        DispatchQueue.concurrentPerform(iterations: twins.count) { t in
            var twin = PolicyTwin(
                policy: twins[t], parameters: parameters, options: options,
                decisionOptions: decisionOptions, seed: seed)
            var records: [SlotRecord] = []
            records.reserveCapacity(world.slotCount)
            do {
                for n in 0..<world.slotCount {
                    if results.isCancelled { return }
                    records.append(try twin.step(slot: n, vehicles: world.snapshots[n], time: world.time(ofSlot: n)))
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
        guard !results.isCancelled else { return nil }
        var all = results.values
        let baseline = all[referenceIndex]
        for t in all.indices {
            for n in all[t].indices { all[t][n].gainVsDistanceMF = all[t][n].sumRate - baseline[n].sumRate }
        }
        return Array(all.prefix(policies.count))
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
