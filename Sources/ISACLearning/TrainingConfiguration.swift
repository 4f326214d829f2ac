/// Hyperparameters of one training run (stored in checkpoints; a resume must use the same ones).
public struct TrainingConfiguration: Codable, Sendable, Hashable {
    public var task: LearningTask
    /// H: hidden units per LSTM direction.
    public var hiddenCount: Int
    /// D: units of the dense ReLU layer.
    public var denseCount: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float
    public var seed: UInt64
    /// Gradients are rescaled so their global L2 norm is at most this (LSTM training guard against
    /// exploding gradients); 0 disables clipping.
    public var gradientClipNorm: Float
    /// Worker threads per mini-batch: 1 or 2. Results are bit-identical for both (each batch is
    /// always split into the same two halves, and their gradients are added in a fixed order).
    public var threadCount: Int
    /// Early stopping (L11): training stops once the validation loss has not improved on its best
    /// for this many epochs, and the best epoch's parameters are the result. 0 disables it (and
    /// without a validation set there is nothing to stop on).
    public var patience: Int

    public init(
        task: LearningTask, hiddenCount: Int = 64, denseCount: Int = 64, epochs: Int = 200,
        batchSize: Int = 64, learningRate: Float = 1e-3, seed: UInt64 = 1,
        gradientClipNorm: Float = 5, threadCount: Int = 2, patience: Int = 0
    ) {
        self.task = task
        self.hiddenCount = hiddenCount
        self.denseCount = denseCount
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
        self.gradientClipNorm = gradientClipNorm
        self.threadCount = threadCount
        self.patience = patience
    }

    private enum CodingKeys: String, CodingKey {
        case task, hiddenCount, denseCount, epochs, batchSize, learningRate, seed, gradientClipNorm, threadCount
        case patience
    }

    /// Decodes checkpoints written before early stopping existed (no `patience`: 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(LearningTask.self, forKey: .task)
        hiddenCount = try c.decode(Int.self, forKey: .hiddenCount)
        denseCount = try c.decode(Int.self, forKey: .denseCount)
        epochs = try c.decode(Int.self, forKey: .epochs)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        seed = try c.decode(UInt64.self, forKey: .seed)
        gradientClipNorm = try c.decode(Float.self, forKey: .gradientClipNorm)
        threadCount = try c.decode(Int.self, forKey: .threadCount)
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? 0
    }

    /// Valid ranges, checked by ``TrainingSession``; the CLI reports the violated one.
    public static let hiddenRange = 1...1024
    public static let epochRange = 1...100_000
    public static let batchRange = 1...4096
    public static let learningRateRange: ClosedRange<Float> = 1e-7...1
    public static let patienceRange = 0...100_000

    /// "field saved → requested" for every hyperparameter that differs (empty if none).
    public func differences(from other: TrainingConfiguration) -> [String] {
        var d: [String] = []
        func note<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { d.append("\(name) \(a) → \(b)") } }
        note("task", task.rawValue, other.task.rawValue)
        note("hidden", hiddenCount, other.hiddenCount)
        note("dense", denseCount, other.denseCount)
        note("epochs", epochs, other.epochs)
        note("batch", batchSize, other.batchSize)
        note("lr", learningRate, other.learningRate)
        note("seed", seed, other.seed)
        note("gradient clip norm", gradientClipNorm, other.gradientClipNorm)
        note("threads", threadCount, other.threadCount)
        note("patience", patience, other.patience)
        return d
    }

    /// A description of the first invalid field, or nil.
    public var invalidField: String? {
        if !Self.hiddenRange.contains(hiddenCount) { return "hidden \(hiddenCount) outside \(Self.hiddenRange)" }
        if !Self.hiddenRange.contains(denseCount) { return "dense \(denseCount) outside \(Self.hiddenRange)" }
        if !Self.epochRange.contains(epochs) { return "epochs \(epochs) outside \(Self.epochRange)" }
        if !Self.batchRange.contains(batchSize) { return "batch \(batchSize) outside \(Self.batchRange)" }
        if !Self.learningRateRange.contains(learningRate) { return "lr \(learningRate) outside 1e-7...1" }
        if !(gradientClipNorm >= 0) { return "gradient clip norm \(gradientClipNorm) must be ≥ 0" }
        if !(1...2).contains(threadCount) { return "threads \(threadCount) outside 1...2" }
        if !Self.patienceRange.contains(patience) { return "patience \(patience) outside \(Self.patienceRange)" }
        return nil
    }
}

/// One row of the learning curve (`epoch, train_loss, val_loss, val_accuracy, val_mse`).
public struct LearningCurveRecord: Codable, Sendable, Hashable {
    public var epoch: Int
    /// Mean training loss per vehicle over the epoch's mini-batches (cross-entropy or MSE).
    public var trainLoss: Double
    /// Validation loss per vehicle after the epoch (nil without a validation set).
    public var validationLoss: Double?
    /// Fraction of validation vehicles whose arg-max class is the label (assignment only).
    public var validationAccuracy: Double?
    /// Mean squared error per beam component on the validation set (beamforming only).
    public var validationMSE: Double?

    public static let csvHeader = "epoch,train_loss,val_loss,val_accuracy,val_mse"

    public var csvRow: String {
        func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        return "\(epoch),\(trainLoss),\(f(validationLoss)),\(f(validationAccuracy)),\(f(validationMSE))"
    }
}
