import Foundation

/// Everything needed to continue a training run bit-identically: configuration, model, Adam state
/// and the learning curve so far (the epoch count is the curve's length; the shuffle of epoch e
/// comes from stream (seed, e), so no generator state needs saving).
///
/// Format version 1:
///
///     "ISCK"  formatVersion:u32  headerLength:u32  header:JSON  modelLength:u32  model:bytes
///     m:f32[P]  v:f32[P]  fnv1a64:u64
public struct TrainingCheckpoint: Sendable, Hashable {
    public var configuration: TrainingConfiguration
    public var model: LearnedModel
    public var optimizer: AdamOptimizer
    public var curve: [LearningCurveRecord]

    public static let magic = "ISCK"
    public static let formatVersion = 1

    struct Header: Codable {
        var configuration: TrainingConfiguration
        var curve: [LearningCurveRecord]
        var adamStep: Int
        var parameterCount: Int
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let header = (try? e.encode(Header(configuration: configuration, curve: curve, adamStep: optimizer.step, parameterCount: model.parameters.count))) ?? Data()
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
        w.appendChecksum()
        return w.data
    }

    public init(configuration: TrainingConfiguration, model: LearnedModel, optimizer: AdamOptimizer, curve: [LearningCurveRecord]) {
        self.configuration = configuration
        self.model = model
        self.optimizer = optimizer
        self.curve = curve
    }

    public init(decoding data: Data, name: String = "checkpoint") throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic, what: name)
        let v = Int(try r.uint32(name))
        guard v == Self.formatVersion else {
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
        try r.verifyChecksum(what: name)
        self.init(
            configuration: header.configuration, model: model,
            optimizer: AdamOptimizer(learningRate: header.configuration.learningRate, step: header.adamStep, firstMoment: m, secondMoment: s),
            curve: header.curve)
    }
}
