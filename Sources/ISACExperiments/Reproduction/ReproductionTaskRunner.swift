import DigitalTwin
import Dispatch
import Foundation
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// Runs one task of a manifest (R6, R7): reads its dependencies' outputs from the store, computes,
/// and writes its output file atomically. Like every library computation it expects BLAS to run
/// single-threaded (set once by the process, D15). A task run twice writes the same file (up to its
/// timing fields); a failure leaves the task's failure marker (its error) and no output; a
/// cancelled or killed run leaves nothing.
public struct ReproductionTaskRunner: Sendable {
    public let manifest: ReproductionManifest
    public let store: any ReproductionStore

    public init(manifest: ReproductionManifest, store: any ReproductionStore) {
        self.manifest = manifest
        self.store = store
    }

    /// Runs task `index`.
    /// - Parameters:
    ///   - parallel: use all cores inside the task (drops, dataset chunks); the output is the same.
    ///   - isCancelled: polled between units of work; cancelled → `CancellationError`, nothing written.
    ///   - progress: called after each unit (drop, chunk, epoch, slot) with (done, total), from any thread.
    /// - Returns: the output file written.
    @discardableResult
    public func run(
        _ index: Int, parallel: Bool, isCancelled: @escaping @Sendable () -> Bool = { false },
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ReproductionTaskFile {
        guard manifest.tasks.indices.contains(index) else {
            throw ReproductionError.taskIndexOutOfRange(index: index, count: manifest.tasks.count)
        }
        let task = manifest.tasks[index]
        try store.remove(task.failureMarker)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let parts = try compute(task, parallel: parallel, isCancelled: isCancelled, progress: progress)
            let d = clock.now - start
            let file = ReproductionTaskFile(
                task: task.id, manifestFingerprint: manifest.fingerprint,
                wallSeconds: ((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) * 1000).rounded() / 1000,
                parts: parts)
            try store.write(file.encoded(), to: task.output)
            try store.remove(task.checkpoint)
            return file
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try? store.write(Data("\(error)\n".utf8), to: task.failureMarker)
            throw error
        }
    }

    /// The verified output of task `id`; nil when there is no file; throws when it is unusable.
    public func output(of id: String) throws -> ReproductionTaskFile? {
        guard let task = manifest.task(named: id) else {
            throw ReproductionError.invalidTaskOutput(task: id, reason: "no such task in the manifest")
        }
        guard let data = try store.read(task.output) else { return nil }
        return try ReproductionTaskFile(decoding: data, task: id, manifest: manifest.fingerprint)
    }

    func input(_ id: String, for task: ReproductionTask) throws -> ReproductionTaskFile {
        guard let file = try? output(of: id) else { throw ReproductionError.missingInput(task: task.id, needs: id) }
        return file
    }

    // MARK: the work of each kind

    func compute(
        _ task: ReproductionTask, parallel: Bool, isCancelled: @escaping @Sendable () -> Bool,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> [(name: String, data: Data)] {
        let plan = manifest.plan
        let seed = manifest.seed
        switch task.work {
        case .tracking:
            return [("rows.csv", Data(try ReproductionExperiments.fig11(plan: plan, config: manifest.config, seed: seed).utf8))]

        case .sweep(let sweep, let point, let first, let count, let schemes):
            var registry = DecisionPolicyRegistry.standard
            if schemes.contains(where: ReproductionManifest.learnedSchemes.contains) {
                let learned = try learnedPolicy(for: task)
                registry.register(learned)
                registry.register(LearnedRefinedPolicy(learned: learned))
            }
            let definition = sweep.definition(plan: plan, config: manifest.config, seed: seed, schemes: schemes, registry: registry)
            try definition.validate()
            let rows = try Self.map(first..<(first + count), parallel: parallel, isCancelled: isCancelled, progress: progress) {
                try definition.rows(pointIndex: point, drop: $0)
            }
            return [("rows.csv", Data(SweepCSV.text(Array(rows.joined())).utf8))]

        case .datasetShard(let k, let split, let shard):
            let recipe = ReproductionManifest.recipe(plan: plan, config: manifest.config, seed: seed, vehicles: k, split: split)
            let samples = try recipe.samples(recipe.shardRange(shard)) { chunks, generate in
                try Self.map(chunks, parallel: parallel, isCancelled: isCancelled, progress: progress, generate)
            }
            return [("shard.isds", DatasetShardFormat.encode(samples, layout: recipe.layout))]

        case .training(let k, let network):
            var sets: [Dataset] = []
            for split in LearningDatasetRecipe.Split.allCases {
                let recipe = ReproductionManifest.recipe(plan: plan, config: manifest.config, seed: seed, vehicles: k, split: split)
                var samples: [LearningSample] = []
                for s in 0..<recipe.shardCount {
                    let id = ReproductionManifest.shardId(vehicles: k, split: split, shard: s)
                    guard let bytes = try input(id, for: task).part("shard.isds") else {
                        throw ReproductionError.missingInput(task: task.id, needs: id)
                    }
                    samples += try DatasetShardFormat.decode(bytes, layout: recipe.layout, name: id)
                }
                sets.append(Dataset(layout: recipe.layout, samples: samples))
            }
            let configuration = TrainingConfiguration(task: network, epochs: plan.epochs, seed: seed)
            let validation = sets[1].samples.isEmpty ? nil : sets[1]
            let fresh = try TrainingSession(
                configuration: configuration, training: sets[0], validation: validation,
                metadata: ["vehicles": "\(k)", "seed": "\(seed)", "source": "isactwin reproduce (\(plan.name) plan)"])
            let session = Self.resume(fresh, from: try store.read(task.checkpoint), training: sets[0], validation: validation) ?? fresh
            let interval = Self.checkpointInterval(epochs: plan.epochs)
            try session.run { r in
                progress?(r.epoch, plan.epochs)
                if r.epoch % interval == 0 && r.epoch < plan.epochs {
                    try store.write(session.checkpoint().encoded(), to: task.checkpoint)
                }
                if isCancelled() { throw CancellationError() }
            }
            let curve = ([LearningCurveRecord.csvHeader] + session.curve.map(\.csvRow)).joined(separator: "\n") + "\n"
            return [("model.islm", session.model.encoded()), ("curve.csv", Data(curve.utf8))]

        case .closedLoop(let run, let policyName):
            let policy: any DecisionPolicy =
                switch policyName {
                case "lstm": try learnedPolicy(for: task)
                case "lstm-fp": LearnedRefinedPolicy(learned: try learnedPolicy(for: task))
                default: try DecisionPolicyRegistry.standard.policy(named: policyName)
                }
            var c = manifest.config
            c.traffic.arrivalRatePerDirection = plan.arrivalRates[run]
            let experiment = ClosedLoopExperiment(
                config: c, policies: [policy], antennaCounts: [plan.closedLoopAntennas],
                durationSeconds: plan.durationsSeconds[run], seed: seed)
            let runs = try Self.run(experiment, progress: progress, isCancelled: isCancelled)
            return [("rows.csv", Data(TimeseriesCSV.text(runs).utf8))]

        case .corridorLoop(let run, let policyName):
            guard let corridor = plan.corridor else {
                throw ReproductionError.invalidTaskOutput(task: task.id, reason: "the plan has no corridor")
            }
            let rate = corridor.arrivalRates[run]
            let c = try corridor.config(manifest.config, arrivalRate: rate, antennas: plan.closedLoopAntennas)
            var experiment = ClosedLoopExperiment(
                config: c, policies: [try DecisionPolicyRegistry.standard.policy(named: policyName)],
                antennaCounts: [plan.closedLoopAntennas], durationSeconds: corridor.durationSeconds, seed: seed)
            experiment.startFilled = true
            let runs = try Self.run(experiment, progress: progress, isCancelled: isCancelled)
            let text = CorridorCSV.timeseries(
                arrivalRate: rate, records: runs[0].records[0], kilometresPerVehicleSlot: c.traffic.meanSpeed * c.radio.slotSeconds / 1000)
            return [("rows.csv", Data(text.utf8))]
        }
    }

    /// The `lstm` policy: the given networks (``ReproductionPlan/learnedModels``) or the ones
    /// trained by this manifest's tasks, at the manifest's K (R4).
    func learnedPolicy(for task: ReproductionTask) throws -> LearnedPolicy {
        guard let k = manifest.lstmVehicles else {
            throw ReproductionError.invalidTaskOutput(task: task.id, reason: "the manifest has no lstm networks")
        }
        func model(_ network: LearningTask) throws -> LearnedModel {
            if let given = manifest.plan.learnedModels.first(where: { $0.vehicles == k }) {
                let path = given.modelPath(network.rawValue)
                guard let data = try store.read(path) else { throw ReproductionError.missingInput(task: task.id, needs: path) }
                return try LearnedModel(decoding: data, name: path)
            }
            let id = ReproductionManifest.trainingId(vehicles: k, network: network)
            guard let data = try input(id, for: task).part("model.islm") else { throw ReproductionError.missingInput(task: task.id, needs: id) }
            return try LearnedModel(decoding: data, name: id)
        }
        let a = try model(.assignment), b = try model(.beamforming)
        guard a.architecture.task == .assignment, b.architecture.task == .beamforming else {
            throw ReproductionError.invalidTaskOutput(task: task.id, reason: "the lstm models are not an assignment and a beamforming network")
        }
        return LearnedPolicy(assignmentModel: a, beamformingModel: b)
    }

    /// The closed loop of `experiment`, reporting each slot to `progress`; throws
    /// `CancellationError` when cancelled.
    static func run(
        _ experiment: ClosedLoopExperiment, progress: (@Sendable (Int, Int) -> Void)?,
        isCancelled: @escaping @Sendable () -> Bool
    ) throws -> [(antennas: Int, records: [[SlotRecord]])] {
        let total = experiment.totalSteps
        let done = Counter()
        guard let runs = try experiment.run(step: {
            progress?(done.increment(), total)
            return !isCancelled()
        }) else { throw CancellationError() }
        return runs
    }

    /// `body` over `items`, results in item order; in parallel over all cores when `parallel`.
    static func map<T: Sendable>(
        _ items: some Collection<Int>, parallel: Bool, isCancelled: @escaping @Sendable () -> Bool,
        progress: (@Sendable (Int, Int) -> Void)?, _ body: @escaping @Sendable (Int) throws -> T
    ) throws -> [T] {
        let list = Array(items)
        let slots = ResultSlots<Result<T, Error>>(count: list.count)
        let work: @Sendable (Int) -> Void = { i in
            guard !isCancelled() else {
                _ = slots.store(.failure(CancellationError()), at: i)
                return
            }
            let done = slots.store(Result { try body(list[i]) }, at: i)
            progress?(done, list.count)
        }
        if parallel {
            ParallelLoop.run(iterations: list.count, work)
        } else {
            for i in list.indices { work(i) }
        }
        return try slots.values().map { try $0!.get() }
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
