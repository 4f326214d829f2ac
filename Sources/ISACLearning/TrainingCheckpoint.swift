import Foundation

/// Everything needed to continue a training run bit-identically: configuration, model, Adam state
/// and the learning curve so far (the epoch count is the curve's length; the shuffle of epoch e
/// comes from stream (seed, e), so no generator state needs saving).
///
/// Format version 2 (version 1, without the best epoch, is still read):
///
///     "ISCK"  formatVersion:u32  headerLength:u32  header:JSON  modelLength:u32  model:bytes
///     m:f32[P]  v:f32[P]  [best:f32[P] when the header has bestEpoch]  fnv1a64:u64
public struct TrainingCheckpoint: Sendable, Hashable {
    public var configuration: TrainingConfiguration
    public var model: LearnedModel
    public var optimizer: AdamOptimizer
    public var curve: [LearningCurveRecord]
    /// The best epoch so far (L11), so a resumed run keeps it exactly.
    public var best: BestEpoch?

    public static let magic = "ISCK"
    public static let formatVersion = 2
    public static let readableVersions = 1...2

    struct Header: Codable {
        var configuration: TrainingConfiguration
        var curve: [LearningCurveRecord]
        var adamStep: Int
        var parameterCount: Int
        var bestEpoch: Int?
        var bestValidationLoss: Double?
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let header = (try? e.encode(Header(
                configuration: configuration, curve: curve, adamStep: optimizer.step,
                parameterCount: model.parameters.count, bestEpoch: best?.epoch, bestValidationLoss: best?.validationLoss))) ?? Data()
        let modelBytes = model.encoded()
        var w = BinaryWriter()
        w.append(magic: Self.magic)
        w.append(UInt32(Self.formatVersion))
        w.append(UInt32(header.count))
        w.append(header)
        w.append(UInt32(modelBytes.count))
        w.append(modelBytes)
        w.append(floats: optimizer.firstMoment)
        w.append(floats: optimizer.secondMoment)
        if let best { w.append(floats: best.parameters) }
        w.appendChecksum()
        return w.data
    }

    public init(
        configuration: TrainingConfiguration, model: LearnedModel, optimizer: AdamOptimizer, curve: [LearningCurveRecord],
        best: BestEpoch? = nil
    ) {
        precondition(best.map { $0.parameters.count == model.parameters.count } ?? true, "best parameters must match the model")
        self.configuration = configuration
        self.model = model
        self.optimizer = optimizer
        self.curve = curve
        self.best = best
    }

    public init(decoding data: Data, name: String = "checkpoint") throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic, what: name)
        let v = Int(try r.uint32(name))
        guard Self.readableVersions.contains(v) else {
            throw LearningFormatError.unsupportedVersion(what: name, found: v, supported: Self.formatVersion)
        }
        let headerBytes = try r.bytes(Int(try r.uint32(name)), what: name)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw LearningFormatError.badHeader(what: name, detail: "\(error)")
        }
        let model = try LearnedModel(decoding: try r.bytes(Int(try r.uint32(name)), what: name), name: name + " model")
        guard header.parameterCount == model.parameters.count, header.adamStep >= 0 else {
            throw LearningFormatError.inconsistent(what: name, detail: "parameter count or Adam step invalid")
        }
        let m = try r.floats(header.parameterCount, what: name)
        let s = try r.floats(header.parameterCount, what: name)
        var best: BestEpoch? = nil
        if let epoch = header.bestEpoch {
            guard let loss = header.bestValidationLoss, (1...header.curve.count).contains(epoch) else {
                throw LearningFormatError.inconsistent(what: name, detail: "best epoch \(epoch) without its loss or outside the curve")
            }
            best = BestEpoch(epoch: epoch, validationLoss: loss, parameters: try r.floats(header.parameterCount, what: name))
        }
        try r.verifyChecksum(what: name)
        self.init(
            configuration: header.configuration, model: model,
            optimizer: AdamOptimizer(learningRate: header.configuration.learningRate, step: header.adamStep, firstMoment: m, secondMoment: s),
            curve: header.curve, best: best)
    }
}
