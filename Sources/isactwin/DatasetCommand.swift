import ArgumentParser
import DigitalTwin
import Dispatch
import Foundation
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// `isactwin dataset [generate]`: labelled samples for the learned policy from the heuristic's twin on
/// Poisson traffic (M16, TW6), in the format of docs/DATASET.md.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate learning datasets (features and the heuristic's labels) from the twin.",
        discussion: """
            For each vehicle count K, a twin running the heuristic on Poisson traffic with mean K \
            vehicles records every --stride slots its features (last echoes and beams) and the \
            heuristic's assignment and beams. Writes DIR/K<K>/train and DIR/K<K>/validation. \
            Chunks of samples run on all cores; the output does not depend on the core count. A \
            killed run continues where it stopped when started again with the same flags.

            Example:
              isactwin dataset --samples 10000 --validation 3000 --vehicles 10,20,50 --out data/
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var solver: SolverFlags

    @Option(help: "Training samples per vehicle count (1...1000000).")
    var samples: Int = 10_000

    @Option(help: "Validation samples per vehicle count (0...1000000).")
    var validation: Int = 3_000

    @Option(help: "Comma-separated mean vehicle counts K (1...200).")
    var vehicles: String = "10,20,50"

    @Option(help: "Slots between recorded samples (1...1000).")
    var stride: Int = 5

    @Option(help: "Output directory.")
    var out: String

    @Option(
        name: .customLong("rollout-lstm"),
        help: "Imitation on the learner's own states (DAgger, docs/MODEL.md L15): the twin runs 'lstm-fp' with these networks (a pair directory or a K<count>/ set; the pair nearest each K) and every label is the heuristic's decision from that twin's start. Default: the heuristic's own loop.")
    var rolloutModels: String?

    static let samplesPerShard = LearningDatasetRecipe.samplesPerShard
    static let chunkSize = LearningDatasetRecipe.chunkSize

    func validate() throws {
        try FlagCheck.integer("--samples", samples, 1...1_000_000)
        try FlagCheck.integer("--validation", validation, 0...1_000_000)
        try FlagCheck.integer("--stride", stride, 1...1000)
        _ = try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...200)
        try OutputDirectory.check(out)
    }

    func run() throws {
        let config = try scenario.load()
        let parameters = ScenarioParameters(config)
        let counts = try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...200)
        let layout = FeatureLayout(
            transmitAntennas: parameters.transmitAntennas, receiveAntennas: parameters.receiveAntennas,
            rsuCount: parameters.rsuCount)
        let interrupt = InterruptFlag.install()
        for k in counts {
            let rollout = try rolloutModels.map { try Self.rolloutPolicy(directory: $0, vehicles: k, parameters: parameters) }
            for (split, count) in [(LearningDatasetRecipe.Split.train, samples), (.validation, validation)] where count > 0 {
                // The seeding scheme shared with `reproduce` (R8).
                var recipe = LearningDatasetRecipe(
                    parameters: parameters, decisionOptions: solver.options, vehicles: k, stride: stride,
                    seed: seedOption.seed, split: split, sampleCount: count)
                recipe.rollout = rollout
                let generator = recipe.generator
                let directory = ((out as NSString).appendingPathComponent("K\(k)") as NSString).appendingPathComponent(split.rawValue)
                let store = try FileDatasetStore(directory: directory, create: true)
                var provenance = [
                    "generator": "isactwin dataset (heuristic twin on Poisson traffic)", "seed": "\(seedOption.seed)",
                    "preset": config.preset, "vehicles": "\(k)", "stride": "\(stride)",
                    "sensing": solver.noSensing ? "off" : "on", "beamStep": solver.beamStep,
                    "config": config.fingerprint, "solver": Self.solverRecord(solver.options),
                ]
                if let rolloutModels { provenance["rollout"] = "lstm-fp (\(rolloutModels))" }
                var writer: DatasetWriter<FileDatasetStore>
                do {
                    writer = try DatasetWriter(
                        store: store, layout: layout, split: split.rawValue, samplesPerShard: Self.samplesPerShard,
                        generator: provenance)
                } catch let e as LearningFormatError {
                    throw ConfigError(field: "--out", value: "'\(out)' (\(directory))", validRange: "an empty directory or one made with the same flags: \(e)")
                }
                try Self.repair(&writer, generator: generator, directory: directory)
                let bar = ProgressBar(label: "dataset K=\(k) \(split.rawValue)", total: count)
                bar.advance(by: min(writer.nextSampleIndex, count))
                while writer.nextSampleIndex < count {
                    if interrupt.isSet {
                        bar.finish()
                        FileHandle.standardError.write(Data("isactwin: interrupted; complete shards are kept, run again to resume.\n".utf8))
                        throw ExitCode(130)
                    }
                    // The rest of the current shard, as whole chunks generated in parallel.
                    let first = writer.nextSampleIndex
                    let last = min(count, (first / Self.samplesPerShard + 1) * Self.samplesPerShard)
                    let generated = try Self.samples(first..<last, generator: generator, isCancelled: { interrupt.isSet }) {
                        bar.advance(by: Self.chunkSize)
                    }
                    guard let generated else { continue }  // interrupted: reported at the top of the loop
                    try writer.append(contentsOf: generated)
                }
                try writer.finish()
                bar.finish()
                let vehiclesMean = Double(writer.manifest.shards.reduce(0) { $0 + $1.vehicleCount }) / Double(max(writer.manifest.sampleCount, 1))
                print("K=\(k) \(split.rawValue): \(writer.manifest.sampleCount) samples (mean \(format(vehiclesMean, digits: 1)) vehicles) at \(directory)")
            }
        }
    }
}

extension DatasetCommand {
    /// `lstm-fp` with the pair in `directory` (or its pair nearest `vehicles`), checked against the
    /// scenario (L15).
    static func rolloutPolicy(directory: String, vehicles: Int, parameters: ScenarioParameters) throws -> any DecisionPolicy {
        var path = directory
        if !LearnedPolicyOption.isPair(directory) {
            let set = ShippedModels.pairDirectories(in: directory)
            guard let k = NearestVehicleCountPolicy.nearest(Double(vehicles), among: Array(set.keys)) else {
                throw ValidationError("--rollout-lstm '\(directory)': neither assignment/ and beamforming/ nor K<count>/ subdirectories holding them.")
            }
            path = set[k]!
        }
        let learned = try LearnedPolicyOption.load(directory: path)
        do { try learned.checkCompatible(with: parameters) } catch let e as DecisionError {
            throw ValidationError("--rollout-lstm '\(directory)': \(e)")
        }
        // TW12's lstm-fp (no TW13 flips): the policy the shipped DAgger sets were rolled out with,
        // so models/README.md's commands reproduce them.
        return LearnedRefinedPolicy(learned: learned, guide: nil)
    }

    /// Samples `range` (global indices) from whole chunks generated in parallel on all cores; nil
    /// if `isCancelled` turned true (polled before each chunk).
    static func samples(
        _ range: Range<Int>, generator: LearningDatasetGenerator, isCancelled: @escaping @Sendable () -> Bool = { false },
        chunkDone: @escaping @Sendable () -> Void = {}
    ) throws -> [LearningSample]? {
        let chunks = Array((range.lowerBound / chunkSize)...((range.upperBound - 1) / chunkSize))
        let box = ChunkResults(count: chunks.count)
        ParallelLoop.run(iterations: chunks.count) { j in
            guard !isCancelled() else { return }
            box.set(j, Result { try generator.chunk(chunks[j]) })
            chunkDone()
        }
        if isCancelled() { return nil }
        let generated = try box.samples()
        let offset = chunks[0] * chunkSize
        return Array(generated[(range.lowerBound - offset)..<(range.upperBound - offset)])
    }

    /// Regenerates shards that are missing, truncated or corrupted (D16); says which.
    static func repair(_ writer: inout DatasetWriter<FileDatasetStore>, generator: LearningDatasetGenerator, directory: String) throws {
        if let dropped = writer.droppedPartialShard {
            FileHandle.standardError.write(Data("isactwin: \(directory)/\(dropped) was damaged; regenerating it.\n".utf8))
        }
        for name in try writer.repairDamagedShards(generate: { try samples($0, generator: generator)! }) {
            FileHandle.standardError.write(Data("isactwin: \(directory)/\(name) was missing or corrupt; regenerated it.\n".utf8))
        }
    }

    /// The solver settings that shape the labels, as recorded in the manifest.
    static func solverRecord(_ o: DecisionOptions) -> String {
        "fpTolerance=\(o.fpTolerance),fpMaxIterations=\(o.fpMaxIterations),innerFPIterations=\(o.innerFPIterations),"
            + "exhaustiveVehicleLimit=\(o.exhaustiveVehicleLimit),sensingConstraint=\(o.sensingConstraint),beamStep=\(o.beamStep.rawValue)"
    }
}

/// Chunk results gathered from worker threads, read back in chunk order.
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[LearningSample], any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<[LearningSample], any Error>) {
        lock.lock()
        results[i] = r
        lock.unlock()
    }

    func samples() throws -> [LearningSample] {
        lock.lock()
        defer { lock.unlock() }
        return try results.flatMap { try $0!.get() }
    }
}
