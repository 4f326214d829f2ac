import Foundation

/// Concatenates dataset splits (DAgger aggregation, docs/MODEL.md L15; `isactwin dataset merge`).
///
/// Every source's shards are checked (readable, the trailer equals the FNV-1a 64 of the content and
/// the manifest's checksum) and copied in source order, renumbered; the merged manifest's
/// `generator` is `{"aggregate": "[…]"}`, the sources' generator records as a JSON list with
/// sorted keys in the spelling of Python's `json.dumps(…, sort_keys=True)` (what the former
/// `scripts/merge_datasets.py` wrote, so a merged set keeps its identity, D16). Shards are
/// self-contained (docs/DATASET.md), so their checksums stay valid. The manifest is written last,
/// so an interrupted merge leaves no dataset (the output directory has no manifest).
public enum DatasetMerge {
    /// Why a merge was refused.
    public enum MergeError: Error, Equatable, CustomStringConvertible {
        case noSources
        case missingManifest(source: String)
        case layoutMismatch(source: String, found: String, expected: String)
        case splitMismatch(source: String, found: String, expected: String)
        case badShard(source: String, shard: String, detail: String)
        case outputNotEmpty

        public var description: String {
            switch self {
            case .noSources: return "no source datasets given (need at least one)"
            case .missingManifest(let s): return "\(s): no \(DatasetManifest.fileName) (not a dataset split)"
            case .layoutMismatch(let s, let f, let e): return "\(s): layout \(f) differs from the first source's \(e)"
            case .splitMismatch(let s, let f, let e): return "\(s): split '\(f)' differs from the first source's '\(e)'"
            case .badShard(let s, let shard, let d): return "\(s)/\(shard): \(d)"
            case .outputNotEmpty: return "the output already holds a dataset (\(DatasetManifest.fileName)); merge into a new directory"
            }
        }
    }

    /// Merges the splits `sources` (name for messages, store) into `output`; returns the manifest.
    public static func merge(sources: [(name: String, store: any DatasetStore)], into output: any DatasetStore) throws
        -> DatasetManifest
    {
        guard !sources.isEmpty else { throw MergeError.noSources }
        guard try output.read(DatasetManifest.fileName) == nil else { throw MergeError.outputNotEmpty }
        var manifests: [DatasetManifest] = []
        for (name, store) in sources {
            guard let data = try store.read(DatasetManifest.fileName) else { throw MergeError.missingManifest(source: name) }
            let m: DatasetManifest
            do { m = try DatasetManifest.decode(data) } catch { throw MergeError.badShard(source: name, shard: DatasetManifest.fileName, detail: "\(error)") }
            if let reference = manifests.first {
                guard m.layout == reference.layout, m.labelKinds == reference.labelKinds, m.byteOrder == reference.byteOrder else {
                    throw MergeError.layoutMismatch(source: name, found: describe(m), expected: describe(reference))
                }
                guard m.split == reference.split else {
                    throw MergeError.splitMismatch(source: name, found: m.split, expected: reference.split)
                }
            }
            manifests.append(m)
        }
        var merged = manifests[0]
        merged.shards = []
        merged.generator = ["aggregate": pythonJSON(manifests.map(\.generator))]
        var next = 0
        for ((name, store), manifest) in zip(sources, manifests) {
            for shard in manifest.shards {
                guard let bytes = try store.read(shard.file) else {
                    throw MergeError.badShard(source: name, shard: shard.file, detail: "listed in the manifest but missing")
                }
                guard bytes.count >= 8, FNV1a.hash(bytes.prefix(bytes.count - 8)) == trailer(bytes),
                    DatasetManifest.checksum(ofShard: bytes) == shard.checksum
                else {
                    throw MergeError.badShard(source: name, shard: shard.file, detail: "checksum mismatch (file corrupted)")
                }
                let file = DatasetManifest.shardFileName(merged.shards.count)
                try output.writeAtomically(bytes, to: file)
                merged.shards.append(
                    DatasetManifest.Shard(
                        file: file, firstSample: next, sampleCount: shard.sampleCount, vehicleCount: shard.vehicleCount,
                        checksum: shard.checksum))
                next += shard.sampleCount
            }
        }
        try output.writeAtomically(merged.encoded(), to: DatasetManifest.fileName)
        return merged
    }

    private static func describe(_ m: DatasetManifest) -> String {
        "(F = \(m.featureCount), N_t = \(m.transmitAntennas), N_r = \(m.receiveAntennas), \(m.rsuCount) RSUs, labels \(m.labelKinds.joined(separator: "+")), \(m.byteOrder))"
    }

    private static func trailer(_ bytes: Data) -> UInt64 {
        var v: UInt64 = 0
        for (k, byte) in bytes.suffix(8).enumerated() { v |= UInt64(byte) << (8 * UInt64(k)) }
        return v
    }

    /// A list of string dictionaries as Python's `json.dumps(x, sort_keys=True)` spells it
    /// (separators ", " and ": ", non-ASCII as \uXXXX).
    static func pythonJSON(_ records: [[String: String]]) -> String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for unit in s.utf16 {
                switch unit {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x20..<0x7F: out.append(Character(Unicode.Scalar(UInt8(unit))))
                default:
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            return out + "\""
        }
        let items = records.map { r in
            "{" + r.keys.sorted().map { "\(quoted($0)): \(quoted(r[$0]!))" }.joined(separator: ", ") + "}"
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
