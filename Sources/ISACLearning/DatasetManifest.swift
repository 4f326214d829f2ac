import Foundation

/// The JSON manifest of a dataset directory (`manifest.json`, format version 1; see
/// docs/DATASET.md). It is rewritten atomically after every complete shard, so it only ever lists
/// shards that were fully written.
public struct DatasetManifest: Codable, Sendable, Hashable {
    public struct Shard: Codable, Sendable, Hashable {
        /// File name inside the dataset directory, e.g. `shard-00003.bin`.
        public var file: String
        /// Index of the shard's first sample in the whole dataset.
        public var firstSample: Int
        public var sampleCount: Int
        /// Σ K over the shard's samples.
        public var vehicleCount: Int
        /// The shard's trailer, i.e. the FNV-1a 64 hash of the shard's content before the trailer,
        /// in lowercase hex (the shard reader verifies the trailer against the content).
        public var checksum: String
    }

    public static let currentVersion = 1
    public static let fileName = "manifest.json"

    public var formatVersion: Int
    /// "ISACTwin learning dataset" (identifies the file).
    public var kind: String
    /// Split name: "train" or "validation" (a split is its own directory).
    public var split: String
    public var featureCount: Int
    public var transmitAntennas: Int
    public var receiveAntennas: Int
    public var rsuCount: Int
    /// "assignment" (int32 RSU index per vehicle) and "beams" (float32 [Re f, Im f] per vehicle).
    public var labelKinds: [String]
    public var byteOrder: String
    /// Samples per complete shard (the last shard may hold fewer).
    public var samplesPerShard: Int
    /// Free-form description of how the data was generated (seed, preset, vehicle counts, …).
    public var generator: [String: String]
    public var shards: [Shard]

    public init(layout: FeatureLayout, split: String, samplesPerShard: Int, generator: [String: String]) {
        precondition(samplesPerShard >= 1, "samplesPerShard must be positive")
        formatVersion = Self.currentVersion
        kind = "ISACTwin learning dataset"
        self.split = split
        featureCount = layout.featureCount
        transmitAntennas = layout.transmitAntennas
        receiveAntennas = layout.receiveAntennas
        rsuCount = layout.rsuCount
        labelKinds = ["assignment", "beams"]
        byteOrder = "little-endian"
        self.samplesPerShard = samplesPerShard
        self.generator = generator
        shards = []
    }

    public var layout: FeatureLayout {
        FeatureLayout(transmitAntennas: transmitAntennas, receiveAntennas: receiveAntennas, rsuCount: rsuCount)
    }

    public var sampleCount: Int { shards.reduce(0) { $0 + $1.sampleCount } }

    /// The checksum recorded for a shard: its 8-byte little-endian trailer as hex (reading the
    /// trailer instead of rehashing avoids hashing every shard twice on load).
    public static func checksum(ofShard bytes: Data) -> String {
        guard bytes.count >= 8 else { return "" }
        var v: UInt64 = 0
        for (k, byte) in bytes.suffix(8).enumerated() { v |= UInt64(byte) << (8 * UInt64(k)) }
        return String(v, radix: 16)
    }

    public static func shardFileName(_ index: Int) -> String {
        "shard-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) + ".bin"
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? e.encode(self)) ?? Data()
    }

    public static func decode(_ data: Data) throws -> DatasetManifest {
        let m: DatasetManifest
        do {
            m = try JSONDecoder().decode(DatasetManifest.self, from: data)
        } catch {
            throw LearningFormatError.badHeader(what: fileName, detail: "\(error)")
        }
        guard m.formatVersion == currentVersion else {
            throw LearningFormatError.unsupportedVersion(what: fileName, found: m.formatVersion, supported: currentVersion)
        }
        guard m.transmitAntennas > 0, m.receiveAntennas > 0, m.rsuCount > 0,
              m.featureCount == m.layout.featureCount, m.samplesPerShard > 0
        else {
            throw LearningFormatError.inconsistent(
                what: fileName,
                detail: "featureCount \(m.featureCount) does not match N_t \(m.transmitAntennas), N_r \(m.receiveAntennas), \(m.rsuCount) RSUs")
        }
        var next = 0
        for s in m.shards {
            guard s.firstSample == next, s.sampleCount >= 1 else {
                throw LearningFormatError.inconsistent(what: fileName, detail: "shard \(s.file) starts at \(s.firstSample), expected \(next)")
            }
            next += s.sampleCount
        }
        return m
    }
}
