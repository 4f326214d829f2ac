import Foundation

/// A dataset split held in memory.
public struct Dataset: Sendable {
    public let layout: FeatureLayout
    public var samples: [LearningSample]

    public init(layout: FeatureLayout, samples: [LearningSample]) {
        precondition(samples.allSatisfy { $0.matches(layout) }, "sample sizes do not match the layout")
        self.layout = layout
        self.samples = samples
    }

    /// Σ K over all samples.
    public var vehicleCount: Int { samples.reduce(0) { $0 + $1.vehicleCount } }

    /// Reads every shard listed in the store's manifest, checking checksums and counts.
    public static func load(from store: some DatasetStore) throws -> Dataset {
        guard let data = try store.read(DatasetManifest.fileName) else {
            throw LearningFormatError.inconsistent(what: DatasetManifest.fileName, detail: "missing (not a dataset directory)")
        }
        let manifest = try DatasetManifest.decode(data)
        let layout = manifest.layout
        var samples: [LearningSample] = []
        samples.reserveCapacity(manifest.sampleCount)
        for shard in manifest.shards {
            guard let bytes = try store.read(shard.file) else {
                throw LearningFormatError.inconsistent(what: shard.file, detail: "listed in the manifest but missing")
            }
            guard DatasetManifest.checksum(ofShard: bytes) == shard.checksum else {
                throw LearningFormatError.checksumMismatch(what: shard.file)
            }
            let part = try DatasetShardFormat.decode(bytes, layout: layout, name: shard.file)
            guard part.count == shard.sampleCount else {
                throw LearningFormatError.inconsistent(
                    what: shard.file, detail: "holds \(part.count) samples, manifest says \(shard.sampleCount)")
            }
            for (k, s) in part.enumerated() where s.assignments.contains(where: { $0 < 0 || Int($0) >= layout.rsuCount }) {
                throw LearningFormatError.inconsistent(
                    what: shard.file, detail: "sample \(k) has an assignment outside 0..<\(layout.rsuCount)")
            }
            samples += part
        }
        return Dataset(layout: layout, samples: samples)
    }
}
