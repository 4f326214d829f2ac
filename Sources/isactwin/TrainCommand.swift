import ArgumentParser
import Foundation
import ISACLearning
import ISACMath
import ISACPhysics

/// `isactwin train`: trains the assignment or beamforming BiLSTM (Section VI, M16) on a dataset
/// directory, with a learning curve, checkpoints and resume.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the bidirectional LSTM for vehicle assignment or beamforming.",
        discussion: """
            DATA is a dataset directory (manifest.json + shards, docs/DATASET.md) or a directory \
            holding train/ and validation/ datasets. OUT is a directory that receives model.islm, \
            learning_curve.csv and checkpoint.isck; if a checkpoint is there, training resumes from \
            it (same hyperparameters required; --epochs may grow).
            Example: isactwin train --task assignment --data data/ --epochs 200 --out models/assignment
            """)

    @Option(help: "assignment or beamforming.")
    var task: String

    @Option(help: "Training dataset directory (or a directory with train/ and validation/).")
    var data: String

    @Option(help: "Validation dataset directory (default: DATA/validation if present).")
    var validation: String?

    @Option(help: "Epochs (1...100000).")
    var epochs: Int = 200

    @Option(help: "Hidden units per LSTM direction (1...1024).")
    var hidden: Int = 64

    @Option(help: "Units of the dense ReLU layer (1...1024).")
    var dense: Int = 64

    @Option(help: "Mini-batch size in samples (1...4096).")
    var batch: Int = 64

    @Option(help: "Adam learning rate (1e-7...1).")
    var lr: Float = 1e-3

    @OptionGroup var seedOption: SeedOption

    @Option(help: "Write a checkpoint every this many epochs (1...100000).")
    var checkpointEvery: Int = 5

    @Option(help: "Training threads, 1 or 2 (results are identical; 2 is faster on 2 cores).")
    var threads: Int = 2

    @Option(help: "Output directory for model.islm, learning_curve.csv and checkpoint.isck.")
    var out: String

    func validate() throws {
        guard LearningTask(rawValue: task) != nil else {
            throw ValidationError(ConfigError(field: "--task", value: "'\(task)'", validRange: "one of: assignment, beamforming").description)
        }
        func check(_ name: String, _ value: Int, _ range: ClosedRange<Int>) throws {
            try FlagCheck.integer("--\(name)", value, range)
        }
        try check("epochs", epochs, TrainingConfiguration.epochRange)
        try check("hidden", hidden, TrainingConfiguration.hiddenRange)
        try check("dense", dense, TrainingConfiguration.hiddenRange)
        try check("batch", batch, TrainingConfiguration.batchRange)
        try check("checkpoint-every", checkpointEvery, 1...100_000)
        try check("threads", threads, 1...2)
        guard lr.isFinite, TrainingConfiguration.learningRateRange.contains(lr) else {
            throw ValidationError(ConfigError(field: "--lr", value: "\(lr)", validRange: "[1e-07, 1.0]").description)
        }
        try OutputDirectory.check(out)
    }

    func run() throws {
        let (trainDirectory, validationDirectory) = try resolveData()
        let training = try loadDataset(trainDirectory, flag: "--data")
        let validationSet = try validationDirectory.map { try loadDataset($0, flag: "--validation") }
        let identity = try Self.datasetIdentity(train: trainDirectory, validation: validationDirectory)
        let config = TrainingConfiguration(
            task: LearningTask(rawValue: task)!, hiddenCount: hidden, denseCount: dense, epochs: epochs,
            batchSize: batch, learningRate: lr, seed: seedOption.seed, threadCount: threads)

        try OutputDirectory.prepare(out)
        let checkpointPath = (out as NSString).appendingPathComponent("checkpoint.isck")
        let modelPath = (out as NSString).appendingPathComponent("model.islm")
        let curvePath = (out as NSString).appendingPathComponent("learning_curve.csv")

        let session: TrainingSession
        do {
            if let bytes = FileManager.default.contents(atPath: checkpointPath) {
                let checkpoint: TrainingCheckpoint
                do {
                    checkpoint = try TrainingCheckpoint(decoding: bytes, name: checkpointPath)
                } catch {
                    throw ValidationError("\(error) (delete it to start over)")
                }
                try Self.checkResume(checkpoint, identity: identity, epochs: epochs, data: data, out: out)
                session = try TrainingSession(resuming: checkpoint, configuration: config, training: training, validation: validationSet)
                FileHandle.standardError.write("resuming from \(checkpointPath) after epoch \(session.epochsCompleted)\n")
            } else {
                session = try TrainingSession(
                    configuration: config, training: training, validation: validationSet,
                    metadata: [
                        "data": trainDirectory, "validation": validationDirectory ?? "", "seed": "\(seedOption.seed)",
                        TrainingCheckpoint.datasetIdentityKey: identity,
                    ])
            }
        } catch let error as TrainingError {
            throw ValidationError("\(error)")
        }

        let net = session.model.architecture
        FileHandle.standardError.write(
            "training \(task): \(training.samples.count) samples (\(training.vehicleCount) vehicles), "
                + "validation \(validationSet?.samples.count ?? 0); F = \(net.inputCount), H = \(net.hiddenCount), "
                + "D = \(net.denseCount), O = \(net.outputCount), \(net.parameterCount) parameters\n")
        let clock = ContinuousClock()
        var totalSeconds = 0.0
        var trainedEpochs = 0
        var start = clock.now
        try session.run { r in
            let seconds = (clock.now - start).seconds
            totalSeconds += seconds
            trainedEpochs += 1
            var line = "epoch \(r.epoch)/\(epochs)  train_loss \(fmt(r.trainLoss))"
            if let v = r.validationLoss { line += "  val_loss \(fmt(v))" }
            if let a = r.validationAccuracy { line += "  val_accuracy \(fmt(100 * a))%" }
            if let m = r.validationMSE { line += "  val_mse \(fmt(m))" }
            line += "  \(Int(Double(training.samples.count) / max(seconds, 1e-9))) samples/s (incl. validation)"
            FileHandle.standardError.write(line + "\n")
            try AtomicFile.write(
                ([LearningCurveRecord.csvHeader] + session.curve.map(\.csvRow)).joined(separator: "\n") + "\n",
                to: curvePath)
            if r.epoch % checkpointEvery == 0 || r.epoch == epochs {
                try AtomicFile.write(session.checkpoint().encoded(), to: checkpointPath)
                try AtomicFile.write(session.model.encoded(), to: modelPath)
            }
            start = clock.now  // the next epoch's time excludes this bookkeeping
        }
        try AtomicFile.write(session.model.encoded(), to: modelPath)
        try AtomicFile.write(
            ([LearningCurveRecord.csvHeader] + session.curve.map(\.csvRow)).joined(separator: "\n") + "\n",
            to: curvePath)
        let last = session.curve.last
        print("task: \(task)")
        print("model: \(modelPath)  (\(net.parameterCount) parameters, H = \(net.hiddenCount), D = \(net.denseCount))")
        print("learning curve: \(curvePath)")
        print("epochs: \(session.epochsCompleted) (\(trainedEpochs) this run, \(fmt(totalSeconds)) s)")
        if let last {
            print("final train_loss: \(fmt(last.trainLoss))")
            if let a = last.validationAccuracy { print("final val_accuracy: \(fmt(100 * a)) %") }
            if let m = last.validationMSE { print("final val_mse: \(fmt(m))") }
        }
        if trainedEpochs > 0 {
            print("throughput: \(Int(Double(training.samples.count * trainedEpochs) / totalSeconds)) samples/s")
        }
    }

    private func resolveData() throws -> (String, String?) {
        var train = data
        var validationDirectory = validation
        if !FileDatasetStore.isDataset(data) {
            let nested = (data as NSString).appendingPathComponent("train")
            guard FileDatasetStore.isDataset(nested) else {
                throw ValidationError("--data '\(data)': no \(DatasetManifest.fileName) in it or in its train/ subdirectory.")
            }
            train = nested
            let v = (data as NSString).appendingPathComponent("validation")
            if validationDirectory == nil, FileDatasetStore.isDataset(v) { validationDirectory = v }
        }
        if let v = validationDirectory, !FileDatasetStore.isDataset(v) {
            throw ValidationError("--validation '\(v)': no \(DatasetManifest.fileName) in it.")
        }
        return (train, validationDirectory)
    }

    private func loadDataset(_ directory: String, flag: String) throws -> Dataset {
        do {
            return try Dataset.load(from: FileDatasetStore(directory: directory, create: false))
        } catch let error as LearningFormatError {
            throw ValidationError("\(flag) '\(directory)': \(error)")
        }
    }
}

private func fmt(_ x: Double) -> String { String(format: "%.4g", x) }

extension Duration {
    fileprivate var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

extension FileHandle {
    fileprivate func write(_ text: String) { write(Data(text.utf8)) }
}
