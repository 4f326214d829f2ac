import ArgumentParser
import Foundation
import ISACLearning

/// `isactwin dataset merge`: concatenates datasets (DAgger aggregation, docs/MODEL.md L15) with
/// ``DatasetMerge``. The merged dataset is assembled in a temporary sibling directory and renamed
/// into place at the end, so OUT either holds the whole merged dataset or nothing new.
struct DatasetMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Concatenate datasets (e.g. DAgger iterations) into one.",
        discussion: """
            Each SOURCE holds train/ (and optionally validation/) as written by `isactwin dataset` \
            (e.g. data/d20/K20); OUT receives both splits with every source's shards in the \
            given order, renumbered, each checked against its checksum, and a manifest whose \
            generator records every source's. All sources must share the feature layout and \
            either all have a validation split or none. OUT must not exist yet.

            Example:
              isactwin dataset merge data/agg/K20 data/c20/K20 data/d20/K20 data/e20/K20
            """)

    @Argument(help: ArgumentHelp("Output directory (must not exist).", valueName: "OUT"))
    var out: String

    @Argument(help: ArgumentHelp("Source datasets (directories with train/ and optionally validation/), in order.", valueName: "SOURCE"))
    var sources: [String] = []

    static let splits = ["train", "validation"]

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("dataset merge: give at least one SOURCE directory.") }
        guard !FileManager.default.fileExists(atPath: out) else {
            throw ValidationError("OUT '\(out)' already exists; dataset merge writes a new directory.")
        }
        for s in sources {
            guard FileDatasetStore.isDataset(Self.split(s, "train")) else {
                throw ValidationError("SOURCE '\(s)': no dataset at \(Self.split(s, "train")) (expected train/\(DatasetManifest.fileName)).")
            }
        }
        let withValidation = sources.filter { FileDatasetStore.isDataset(Self.split($0, "validation")) }
        guard withValidation.isEmpty || withValidation.count == sources.count else {
            let missing = sources.filter { !withValidation.contains($0) }
            throw ValidationError("SOURCE \(missing.map { "'\($0)'" }.joined(separator: ", ")): no validation/ split, but \(withValidation.map { "'\($0)'" }.joined(separator: ", ")) have one; all or none.")
        }
    }

    func run() throws {
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: out).standardizedFileURL
        let target = targetURL.path
        let staging = target + ".merging-\(getpid())"
        try? fm.removeItem(atPath: staging)
        defer { try? fm.removeItem(atPath: staging) }
        var lines: [String] = []
        for split in Self.splits where FileDatasetStore.isDataset(Self.split(sources[0], split)) {
            let inputs = try sources.map { s in
                (name: Self.split(s, split), store: try FileDatasetStore(directory: Self.split(s, split), create: false) as any DatasetStore)
            }
            let output = try FileDatasetStore(directory: Self.split(staging, split), create: true)
            let manifest: DatasetManifest
            do { manifest = try DatasetMerge.merge(sources: inputs, into: output) } catch let e as DatasetMerge.MergeError {
                throw ValidationError("dataset merge: \(e)")
            }
            lines.append("\(split): \(manifest.sampleCount) samples in \(manifest.shards.count) shards at \(Self.split(out, split))")
        }
        try AtomicFile.ensureDirectory(targetURL.deletingLastPathComponent().path)
        do { try fm.moveItem(atPath: staging, toPath: target) } catch {
            throw ValidationError("OUT '\(out)': could not move the merged dataset into place: \(error.localizedDescription)")
        }
        lines.forEach { print($0) }
    }

    static func split(_ directory: String, _ split: String) -> String {
        (directory as NSString).appendingPathComponent(split)
    }
}
