import Dispatch
import DigitalTwin
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// Figs. 5-6 for one K: a dataset from the heuristic twin (``LearningDatasetGenerator``, labels
/// L10), then both networks trained on it (``TrainingSession``) with their learning curves.
///
/// Training samples are the generator's chunks 0, 1, … in order; validation samples come from the
/// chunks after the last training chunk, so the two sets are independent runs.
public struct LearningCurveExperiment: Sendable {
    public var parameters: ScenarioParameters
    public var decisionOptions: DecisionOptions
    public var vehicles: Int
    public var trainingSamples: Int
    public var validationSamples: Int
    public var epochs: Int
    public var stride: Int
    public var seed: UInt64

    public init(
        parameters: ScenarioParameters, decisionOptions: DecisionOptions = .standard, vehicles: Int,
        trainingSamples: Int, validationSamples: Int, epochs: Int, stride: Int, seed: UInt64
    ) {
        self.parameters = parameters
        self.decisionOptions = decisionOptions
        self.vehicles = vehicles
        self.trainingSamples = trainingSamples
        self.validationSamples = validationSamples
        self.epochs = epochs
        self.stride = stride
        self.seed = seed
    }

    public var generator: LearningDatasetGenerator {
        LearningDatasetGenerator(
            parameters: parameters, decisionOptions: decisionOptions, targetVehicles: vehicles, stride: stride,
            seed: seed, chunkSize: min(50, max(1, trainingSamples)))
    }

    /// Chunks needed for the two splits.
    public var chunkCounts: (training: Int, validation: Int) {
        let c = generator.chunkSize
        return ((trainingSamples + c - 1) / c, (validationSamples + c - 1) / c)
    }

    /// Generates both splits, chunks in parallel. `chunkDone` is called after each chunk (from
    /// worker threads); `isCancelled` is polled before each chunk (cancelled → nil).
    public func datasets(
        chunkDone: (@Sendable () -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> (training: Dataset, validation: Dataset)? {
        let g = generator
        let (a, b) = chunkCounts
        let slots = ResultSlots<Result<[LearningSample], Error>?>(count: a + b)
        DispatchQueue.concurrentPerform(iterations: a + b) { c in
            if isCancelled?() == true {
                _ = slots.store(nil, at: c)
                return
            }
            _ = slots.store(Result { try g.chunk(c) }, at: c)
            chunkDone?()
        }
        var chunks: [[LearningSample]] = []
        for r in slots.values() {
            guard let r = r ?? nil else { return nil }
            chunks.append(try r.get())
        }
        let layout = FeatureLayout(
            transmitAntennas: parameters.transmitAntennas, receiveAntennas: parameters.receiveAntennas,
            rsuCount: parameters.highway.rsus.count)
        let training = Array(chunks[0..<a].joined().prefix(trainingSamples))
        let validation = Array(chunks[a...].joined().prefix(validationSamples))
        return (Dataset(layout: layout, samples: training), Dataset(layout: layout, samples: validation))
    }

    /// Trains one network; `onEpoch` sees every learning-curve record (throw to stop).
    public func train(
        _ task: LearningTask, training: Dataset, validation: Dataset, onEpoch: (LearningCurveRecord) throws -> Void
    ) throws -> (model: LearnedModel, curve: [LearningCurveRecord]) {
        let configuration = TrainingConfiguration(task: task, epochs: epochs, seed: seed)
        let session = try TrainingSession(
            configuration: configuration, training: training, validation: validation,
            metadata: ["vehicles": "\(vehicles)", "seed": "\(seed)", "source": "isactwin reproduce"])
        try session.run(onEpoch: onEpoch)
        return (session.model, session.curve)
    }
}
