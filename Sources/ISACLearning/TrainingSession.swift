import Dispatch
import ISACMath

/// Why training could not start or resume.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalidConfiguration(String)
    case emptyDataset(split: String)
    case layoutMismatch(String)
    case checkpointMismatch(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let d): return "invalid training configuration: \(d)"
        case .emptyDataset(let s): return "the \(s) dataset holds no samples"
        case .layoutMismatch(let d): return "training and validation layouts differ: \(d)"
        case .checkpointMismatch(let d): return "checkpoint does not match this run: \(d)"
        }
    }
}

/// Mini-batch training of one network with Adam, epoch by epoch, resumable from a checkpoint.
///
/// Each epoch: the sample order is a Fisher-Yates shuffle from the stream (seed, epoch); windows of
/// 16 mini-batches of that order are sorted by K (stable) and cut into mini-batches, which bounds
/// padding ("bucketing"), and the batch order is shuffled again. Every mini-batch is split into two
/// halves whose losses and gradients (scaled by 1/valid vehicles of the whole batch) are computed
/// on up to two threads and added in a fixed order, so the result does not depend on
/// `threadCount` or timing. Then the gradient is clipped to `gradientClipNorm` and Adam steps.
///
/// BLAS must run single-threaded while two workers run (`BLAS.setThreadCount(1)`, set once by the
/// process that owns the parallelism, D15): the caller
/// owns that global setting.
public final class TrainingSession {
    public let configuration: TrainingConfiguration
    public private(set) var model: LearnedModel
    public private(set) var optimizer: AdamOptimizer
    public private(set) var curve: [LearningCurveRecord] = []
    /// The epoch with the lowest validation loss so far and its parameters (L11; nil without a
    /// validation set).
    public internal(set) var best: BestEpoch?
    private let training: PreparedDataset
    private let validation: PreparedDataset?
    private let workers: [BatchWorker]
    private var gradient: [Float]

    public var epochsCompleted: Int { curve.count }

    /// A fresh run: normalisation fitted on `training`, parameters initialised from stream
    /// (seed, 0) of Xoshiro256**.
    public convenience init(
        configuration: TrainingConfiguration, training: Dataset, validation: Dataset?,
        metadata: [String: String] = [:]
    ) throws {
        try Self.check(configuration, training, validation)
        let normalisation = FeatureNormalisation(fitting: training)
        let net = Self.architecture(configuration, training.layout)
        var rng = Xoshiro256StarStar(seed: configuration.seed, stream: 0)
        let θ: [Float] = net.initialParameters(using: &rng)
        var meta = metadata
        meta["task"] = configuration.task.rawValue
        let model = LearnedModel(architecture: net, normalisation: normalisation, parameters: θ, metadata: meta)
        self.init(configuration, model, AdamOptimizer(parameterCount: θ.count, learningRate: configuration.learningRate), [], nil, training, validation)
    }

    /// Continues the run saved in `checkpoint` (see ``checkpoint()``). The configuration must
    /// equal the saved one except for `epochs` (a run may be extended), `threadCount` and
    /// `patience` (neither changes the trajectory).
    public convenience init(
        resuming checkpoint: TrainingCheckpoint, configuration: TrainingConfiguration,
        training: Dataset, validation: Dataset?
    ) throws {
        try Self.check(configuration, training, validation)
        var saved = checkpoint.configuration
        saved.epochs = configuration.epochs
        saved.threadCount = configuration.threadCount
        saved.patience = configuration.patience
        guard saved == configuration else {
            throw TrainingError.checkpointMismatch(
                "saved → requested: " + saved.differences(from: configuration).joined(separator: ", ")
                    + " (only --epochs, --threads and --patience may change on resume)")
        }
        guard checkpoint.model.architecture == Self.architecture(configuration, training.layout) else {
            throw TrainingError.checkpointMismatch("network architecture differs from the dataset's layout")
        }
        self.init(configuration, checkpoint.model, checkpoint.optimizer, checkpoint.curve, checkpoint.best, training, validation)
    }

    private init(
        _ c: TrainingConfiguration, _ model: LearnedModel, _ optimizer: AdamOptimizer,
        _ curve: [LearningCurveRecord], _ best: BestEpoch?, _ training: Dataset, _ validation: Dataset?
    ) {
        configuration = c
        self.model = model
        self.optimizer = optimizer
        self.curve = curve
        self.best = best
        self.training = PreparedDataset(training, normalisation: model.normalisation)
        self.validation = validation.map { PreparedDataset($0, normalisation: model.normalisation) }
        workers = [BatchWorker(parameterCount: model.parameters.count), BatchWorker(parameterCount: model.parameters.count)]
        gradient = .init(repeating: 0, count: model.parameters.count)
    }

    static func architecture(_ c: TrainingConfiguration, _ layout: FeatureLayout) -> NetworkArchitecture {
        NetworkArchitecture(
            task: c.task, inputCount: layout.featureCount, hiddenCount: c.hiddenCount,
            denseCount: c.denseCount,
            outputCount: c.task == .assignment ? layout.rsuCount : layout.beamComponentCount)
    }

    private static func check(_ c: TrainingConfiguration, _ t: Dataset, _ v: Dataset?) throws {
        if let bad = c.invalidField { throw TrainingError.invalidConfiguration(bad) }
        guard !t.samples.isEmpty else { throw TrainingError.emptyDataset(split: "training") }
        if c.task == .assignment, t.layout.rsuCount < 2 {
            throw TrainingError.invalidConfiguration("assignment needs at least 2 RSUs, the dataset has \(t.layout.rsuCount)")
        }
        if let v {
            guard !v.samples.isEmpty else { throw TrainingError.emptyDataset(split: "validation") }
            guard v.layout == t.layout else { throw TrainingError.layoutMismatch("\(t.layout) vs \(v.layout)") }
        }
    }

    /// Runs the two halves of `samples` (on two threads if configured) and leaves the sum of their
    /// gradients in `gradient` (if `computeGradient`). Returns the summed loss terms.
    private func runBatch(
        _ samples: ArraySlice<Int>, data: PreparedDataset, scale: Float, computeGradient: Bool
    ) -> (loss: Double, correct: Int, squaredError: Double) {
        let half = samples.startIndex + samples.count / 2
        let parts = [samples[samples.startIndex..<half], samples[half..<samples.endIndex]]
        let net = model.architecture
        let workers = self.workers
        model.parameters.withUnsafeBufferPointer { p in
            let θ = SharedPointer(pointer: p.baseAddress!)
            if configuration.threadCount >= 2, !parts[0].isEmpty {
                ParallelLoop.run(iterations: 2) { w in
                    workers[w].run(architecture: net, parameters: θ.pointer, data: data, samples: parts[w], scale: scale, computeGradient: computeGradient)
                }
            } else {
                for w in 0..<2 {
                    workers[w].run(architecture: net, parameters: θ.pointer, data: data, samples: parts[w], scale: scale, computeGradient: computeGradient)
                }
            }
        }
        if computeGradient {
            let g0 = workers[0].gradient, g1 = workers[1].gradient
            for e in gradient.indices { gradient[e] = g0[e] + g1[e] }
        }
        let r0 = workers[0].result, r1 = workers[1].result
        return (r0.loss + r1.loss, r0.correct + r1.correct, r0.squaredError + r1.squaredError)
    }

    /// The mini-batches of one epoch (see the type's documentation).
    func batches(epoch: Int) -> [[Int]] {
        var rng = Xoshiro256StarStar(seed: configuration.seed, stream: UInt64(epoch))
        var order = Array(0..<training.sampleCount)
        order.shuffle(with: &rng)
        let B = configuration.batchSize
        let window = 16 * B
        var batches: [[Int]] = []
        var start = 0
        while start < order.count {
            let end = min(order.count, start + window)
            let sorted = order[start..<end].enumerated()
                .sorted { (training.lengths[$0.element], $0.offset) < (training.lengths[$1.element], $1.offset) }
                .map(\.element)
            var s = 0
            while s < sorted.count {
                batches.append(Array(sorted[s..<min(sorted.count, s + B)]))
                s += B
            }
            start = end
        }
        batches.shuffle(with: &rng)
        return batches
    }

    /// Trains one epoch, evaluates on the validation set and appends to ``curve``.
    @discardableResult
    public func trainEpoch() -> LearningCurveRecord {
        let epoch = epochsCompleted + 1
        var lossSum = 0.0, vehicles = 0
        for batch in batches(epoch: epoch) {
            let valid = batch.reduce(0) { $0 + training.lengths[$1] }
            let r = runBatch(batch[...], data: training, scale: 1 / Float(valid), computeGradient: true)
            lossSum += r.loss * Double(valid)
            vehicles += valid
            clipGradient()
            optimizer.update(&model.parameters, gradient: gradient)
        }
        var record = LearningCurveRecord(epoch: epoch, trainLoss: lossSum / Double(max(1, vehicles)))
        if let validation {
            let e = evaluate(validation)
            record.validationLoss = e.loss
            if configuration.task == .assignment { record.validationAccuracy = e.accuracy } else { record.validationMSE = e.meanSquaredError }
        }
        curve.append(record)
        noteBest(record)
        return record
    }

    /// Trains until ``epochsCompleted`` reaches `configuration.epochs` or early stopping ends the
    /// run (``stoppedEarly``), calling `onEpoch` after every epoch (progress display,
    /// learning-curve and checkpoint writing belong to the caller; throwing from it stops training
    /// after that epoch).
    public func run(onEpoch: (LearningCurveRecord) throws -> Void) rethrows {
        while epochsCompleted < configuration.epochs && !stoppedEarly {
            try onEpoch(trainEpoch())
        }
    }

    /// Global-norm clipping: g ← g·min(1, c/‖g‖₂).
    private func clipGradient() {
        let c = configuration.gradientClipNorm
        guard c > 0 else { return }
        var s = 0.0
        for x in gradient { s += Double(x) * Double(x) }
        let norm = s.squareRoot()
        guard norm > Double(c) else { return }
        let k = Float(Double(c) / norm)
        for e in gradient.indices { gradient[e] *= k }
    }

    /// Mean loss, accuracy and MSE over a prepared set, in batches of K-sorted samples.
    private func evaluate(_ data: PreparedDataset) -> (loss: Double, accuracy: Double, meanSquaredError: Double) {
        let order = (0..<data.sampleCount).sorted { (data.lengths[$0], $0) < (data.lengths[$1], $1) }
        var loss = 0.0, correct = 0, squared = 0.0, vehicles = 0
        var s = 0
        while s < order.count {
            let batch = order[s..<min(order.count, s + configuration.batchSize)]
            let r = runBatch(batch, data: data, scale: 1, computeGradient: false)
            loss += r.loss
            correct += r.correct
            squared += r.squaredError
            vehicles += batch.reduce(0) { $0 + data.lengths[$1] }
            s += configuration.batchSize
        }
        let n = Double(max(1, vehicles))
        let mse = squared / (n * Double(model.architecture.outputCount))
        return (configuration.task == .assignment ? loss / n : mse, Double(correct) / n, mse)
    }

    /// The state needed to continue this run bit-identically.
    public func checkpoint() -> TrainingCheckpoint {
        TrainingCheckpoint(configuration: configuration, model: model, optimizer: optimizer, curve: curve, best: best)
    }
}

extension MutableCollection where Self: RandomAccessCollection, Index == Int {
    /// Fisher-Yates with ``RandomNumberGenerator/nextInt(below:)`` (the standard library's
    /// `shuffle(using:)` may change its algorithm between Swift versions).
    mutating func shuffle(with rng: inout some RandomNumberGenerator) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = rng.nextInt(below: i + 1)
            swapAt(startIndex + i, startIndex + j)
        }
    }
}
