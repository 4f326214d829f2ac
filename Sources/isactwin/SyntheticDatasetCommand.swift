import ArgumentParser
import Foundation
import ISACLearning
import ISACMath

/// `isactwin synthetic-dataset`: writes a dataset with a learnable synthetic rule (not the twin's
/// labels) in the on-disk format of docs/DATASET.md, to exercise `train` before real data exists.
struct SyntheticDatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic-dataset",
        abstract: "Write a synthetic learning dataset (train/ and validation/) for testing `train`.",
        discussion: "Example: isactwin synthetic-dataset --samples 2000 --validation 500 --vehicles 10,20,50 --out synth/")

    @Option(help: "Training samples (1...1000000).")
    var samples: Int = 2000

    @Option(help: "Validation samples (0...1000000).")
    var validation: Int = 500

    @Option(help: "Comma-separated vehicle counts K to draw from (each 1...1000).")
    var vehicles: String = "10,20,50"

    @Option(help: "Transmit = receive antennas N (1...256).")
    var antennas: Int = 32

    @OptionGroup var seedOption: SeedOption

    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        try FlagCheck.integer("--samples", samples, 1...1_000_000)
        try FlagCheck.integer("--validation", validation, 0...1_000_000)
        try FlagCheck.integer("--antennas", antennas, 1...256)
        _ = try counts()
        try OutputDirectory.check(out)
    }

    private func counts() throws -> [Int] {
        try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...1000)
    }

    func run() throws {
        let layout = FeatureLayout(transmitAntennas: antennas, receiveAntennas: antennas, rsuCount: 2)
        let ks = try counts()
        // Sample i of the training split uses stream i, of the validation split stream 2⁴⁰ + i.
        for (split, count, firstStream) in [("train", samples, UInt64(0)), ("validation", validation, UInt64(1) << 40)] where count > 0 {
            let store = try FileDatasetStore(directory: (out as NSString).appendingPathComponent(split), create: true)
            let meta = ["generator": "synthetic", "seed": "\(seedOption.seed)", "vehicles": vehicles]
            var writer = try DatasetWriter(store: store, layout: layout, split: split, samplesPerShard: 500, generator: meta)
            // Damaged shards of an earlier run are regenerated from their samples' own streams (D16).
            let repaired = try writer.repairDamagedShards { range in
                range.flatMap { i in
                    var rng = Xoshiro256StarStar(seed: seedOption.seed, stream: firstStream + UInt64(i))
                    return SyntheticDataset.make(layout: layout, sampleCount: 1, vehicleCounts: ks, using: &rng).samples
                }
            }
            for name in repaired { FileHandle.standardError.write(Data("isactwin: \(store.directory)/\(name) was missing or corrupt; regenerated it.\n".utf8)) }
            // Sample i comes from its own stream, so a resumed run continues exactly.
            while writer.nextSampleIndex < count {
                let i = writer.nextSampleIndex
                var rng = Xoshiro256StarStar(seed: seedOption.seed, stream: firstStream + UInt64(i))
                try writer.append(contentsOf: SyntheticDataset.make(layout: layout, sampleCount: 1, vehicleCounts: ks, using: &rng).samples)
            }
            try writer.finish()
            print("\(split): \(writer.manifest.sampleCount) samples in \(writer.manifest.shards.count) shards at \(store.directory)")
        }
    }
}
