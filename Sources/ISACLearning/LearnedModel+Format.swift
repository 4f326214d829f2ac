import Foundation

/// Model file (format version 1; see docs/DATASET.md, "Model file"):
///
///     "ISLM"  formatVersion:u32  headerLength:u32  header:JSON[headerLength]
///     mean:f32[F]  std:f32[F]  parameters:f32[P]  fnv1a64:u64
///
/// The JSON header holds the architecture, the parameter count and the metadata, with sorted keys,
/// so the same model always encodes to the same bytes; floats are stored by bit pattern, so
/// `decode(encode(m)) == m` bit for bit.
extension LearnedModel {
    public static let magic = "ISLM"
    public static let formatVersion = 1

    struct Header: Codable {
        var architecture: NetworkArchitecture
        var parameterCount: Int
        var metadata: [String: String]
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let header = (try? e.encode(Header(architecture: architecture, parameterCount: parameters.count, metadata: metadata))) ?? Data()
        var w = BinaryWriter(reservingCapacity: 16 + header.count + 4 * (parameters.count + 2 * normalisation.featureCount))
        w.append(magic: Self.magic)
        w.append(UInt32(Self.formatVersion))
        w.append(UInt32(header.count))
        w.append(header)
        w.append(floats: normalisation.mean)
        w.append(floats: normalisation.standardDeviation)
        w.append(floats: parameters)
        w.appendChecksum()
        return w.data
    }

    public init(decoding data: Data, name: String = "model") throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic, what: name)
        let v = Int(try r.uint32(name))
        guard v == Self.formatVersion else {
            throw LearningFormatError.unsupportedVersion(what: name, found: v, supported: Self.formatVersion)
        }
        let length = Int(try r.uint32(name))
        let headerBytes = try r.bytes(length, what: name)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw LearningFormatError.badHeader(what: name, detail: "\(error)")
        }
        let a = header.architecture
        guard a.inputCount > 0, a.hiddenCount > 0, a.denseCount > 0, a.outputCount > 0,
              a.inputCount < 1 << 20, a.hiddenCount < 1 << 14, a.denseCount < 1 << 14, a.outputCount < 1 << 16,
              header.parameterCount == a.parameterCount
        else {
            throw LearningFormatError.inconsistent(what: name, detail: "architecture and parameter count disagree")
        }
        let mean = try r.floats(a.inputCount, what: name)
        let std = try r.floats(a.inputCount, what: name)
        let parameters = try r.floats(a.parameterCount, what: name)
        try r.verifyChecksum(what: name)
        self.init(
            architecture: a, normalisation: FeatureNormalisation(mean: mean, standardDeviation: std),
            parameters: parameters, metadata: header.metadata)
    }
}
