import Foundation

extension DatasetManifest {
    /// The settings that differ between an existing dataset's `generator` record and a run's, as
    /// "key: existing 'a', this run 'b'" (sorted by key).
    public static func differences(existing: [String: String], requested: [String: String]) -> [String] {
        Set(existing.keys).union(requested.keys).sorted().compactMap { key in
            let a = existing[key], b = requested[key]
            guard a != b else { return nil }
            return "\(key): existing '\(a ?? "(none)")', this run '\(b ?? "(none)")'"
        }
    }

    /// What identifies the data (D16): a hash over the layout, the split, the generator record and
    /// every shard's checksum, in hex. Two directories with the same identity hold the same
    /// samples; a checkpoint records it and refuses to resume on other data.
    public var identity: String {
        var text = "\(featureCount)|\(transmitAntennas)|\(receiveAntennas)|\(rsuCount)|\(split)|\(samplesPerShard)"
        for key in generator.keys.sorted() { text += "|\(key)=\(generator[key]!)" }
        for s in shards { text += "|\(s.file):\(s.sampleCount):\(s.checksum)" }
        return String(FNV1a.hash(Data(text.utf8)), radix: 16)
    }
}
