import Foundation

/// Appends samples to a dataset, shard by shard, and resumes an interrupted dataset.
///
/// Samples are numbered 0, 1, 2, … . Every `samplesPerShard` samples form a shard, which is
/// written atomically and then recorded in the manifest (also atomically), so after a crash the
/// manifest lists exactly the shards that are complete; a half-written or unlisted shard file is
/// simply overwritten later. On resume the writer reports ``nextSampleIndex``; a generator that
/// draws sample i from its own random stream (seed, i) then produces exactly the dataset an
/// uninterrupted run would have. A trailing partial shard (left by ``finish()``) is reloaded and
/// completed, so shard boundaries stay at multiples of `samplesPerShard`.
public struct DatasetWriter<Store: DatasetStore> {
    public let store: Store
    public private(set) var manifest: DatasetManifest
    private var pending: [LearningSample] = []
    private var pendingFirstSample: Int

    /// Opens (resuming) or creates a dataset in `store`.
    ///
    /// - Throws: ``LearningFormatError`` if an existing manifest is unreadable or describes a
    ///   different layout or shard size, or a listed shard is missing or corrupt.
    public init(
        store: Store, layout: FeatureLayout, split: String, samplesPerShard: Int = 500,
        generator: [String: String] = [:]
    ) throws {
        self.store = store
        if let data = try store.read(DatasetManifest.fileName) {
            var m = try DatasetManifest.decode(data)
            guard m.layout == layout, m.samplesPerShard == samplesPerShard, m.split == split else {
                throw LearningFormatError.inconsistent(
                    what: DatasetManifest.fileName,
                    detail: "existing dataset has F = \(m.featureCount), \(m.samplesPerShard) samples per shard, split '\(m.split)'; this run wants F = \(layout.featureCount), \(samplesPerShard), '\(split)' (use another directory)")
            }
            if m.generator != generator, !m.shards.isEmpty {
                throw LearningFormatError.inconsistent(
                    what: DatasetManifest.fileName,
                    detail: "existing dataset was generated with \(m.generator), this run with \(generator) (use another directory)")
            }
            m.generator = generator
            if let last = m.shards.last, last.sampleCount < samplesPerShard {
                guard let bytes = try store.read(last.file) else {
                    throw LearningFormatError.inconsistent(what: last.file, detail: "listed in the manifest but missing")
                }
                pending = try DatasetShardFormat.decode(bytes, layout: layout, name: last.file)
                m.shards.removeLast()
            }
            manifest = m
        } else {
            manifest = DatasetManifest(layout: layout, split: split, samplesPerShard: samplesPerShard, generator: generator)
        }
        pendingFirstSample = manifest.sampleCount
    }

    /// Index of the next sample to append (= samples already stored).
    public var nextSampleIndex: Int { pendingFirstSample + pending.count }

    /// Appends one sample; writes a shard and the manifest when a shard fills up.
    public mutating func append(_ sample: LearningSample) throws {
        precondition(sample.matches(manifest.layout), "sample sizes do not match the dataset layout")
        pending.append(sample)
        if pending.count == manifest.samplesPerShard { try flush() }
    }

    public mutating func append(contentsOf samples: [LearningSample]) throws {
        for s in samples { try append(s) }
    }

    /// Writes any partial shard (call once at the end of a run).
    public mutating func finish() throws {
        if !pending.isEmpty { try flush() }
        if manifest.shards.isEmpty {
            try store.writeAtomically(manifest.encoded(), to: DatasetManifest.fileName)
        }
    }

    private mutating func flush() throws {
        let index = manifest.shards.count
        let name = DatasetManifest.shardFileName(index)
        let bytes = DatasetShardFormat.encode(pending, layout: manifest.layout)
        try store.writeAtomically(bytes, to: name)
        manifest.shards.append(
            .init(
                file: name, firstSample: pendingFirstSample, sampleCount: pending.count,
                vehicleCount: pending.reduce(0) { $0 + $1.vehicleCount },
                checksum: DatasetManifest.checksum(ofShard: bytes)))
        try store.writeAtomically(manifest.encoded(), to: DatasetManifest.fileName)
        pendingFirstSample += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
