import Foundation
import ISACMath
import Testing
@testable import ISACLearning

struct TrainingTests {
    static let layout = FeatureLayout(transmitAntennas: 2, receiveAntennas: 2, rsuCount: 2)

    static func data(_ n: Int, seed: UInt64) -> Dataset {
        var rng = Xoshiro256StarStar(seed: seed)
        return SyntheticDataset.make(layout: layout, sampleCount: n, vehicleCounts: [3, 6, 9], using: &rng)
    }

    /// A small network memorises 16 samples: assignment accuracy on the training set reaches 100 %
    /// (the labels are a deterministic function of the inputs, so this is attainable), and the
    /// beamforming MSE falls by more than 10x from its first epoch.
    @Test(arguments: LearningTask.allCases)
    func smallNetworkOverfitsTinyDataset(task: LearningTask) throws {
        BLAS.setThreadCount(1)
        let tiny = Self.data(16, seed: 5)
        let config = TrainingConfiguration(
            task: task, hiddenCount: 16, denseCount: 16, epochs: 150, batchSize: 4, learningRate: 1e-2,
            seed: 7, threadCount: 1)
        let session = try TrainingSession(configuration: config, training: tiny, validation: tiny)
        for _ in 0..<config.epochs { session.trainEpoch() }
        let first = session.curve.first!, last = session.curve.last!
        switch task {
        case .assignment:
            #expect(last.validationAccuracy == 1)
            #expect(last.validationLoss! < 0.1 * first.validationLoss!)
        case .beamforming:
            #expect(last.validationMSE! < 0.1 * first.validationMSE!)
        }
    }

    /// Same seed → bit-identical parameters, whether the halves run on one thread or two; a run
    /// resumed from a checkpoint (encoded and decoded) ends exactly where an uninterrupted run ends.
    @Test func trainingIsDeterministicAndResumable() throws {
        BLAS.setThreadCount(1)
        let train = Self.data(24, seed: 6), validation = Self.data(8, seed: 9)
        var config = TrainingConfiguration(
            task: .beamforming, hiddenCount: 6, denseCount: 5, epochs: 4, batchSize: 5, learningRate: 3e-3,
            seed: 11, threadCount: 2)
        let a = try TrainingSession(configuration: config, training: train, validation: validation)
        for _ in 0..<4 { a.trainEpoch() }

        config.threadCount = 1
        let b = try TrainingSession(configuration: config, training: train, validation: validation)
        for _ in 0..<2 { b.trainEpoch() }
        let saved = b.checkpoint().encoded()
        let restored = try TrainingCheckpoint(decoding: saved)
        #expect(restored == b.checkpoint())
        let c = try TrainingSession(resuming: restored, configuration: config, training: train, validation: validation)
        #expect(c.epochsCompleted == 2)
        for _ in 0..<2 { c.trainEpoch() }

        #expect(a.model.parameters.map(\.bitPattern) == c.model.parameters.map(\.bitPattern))
        #expect(a.curve == c.curve)
        // A different seed gives a different run (the seed is actually used).
        config.seed = 12
        let d = try TrainingSession(configuration: config, training: train, validation: validation)
        d.trainEpoch()
        #expect(d.model.parameters != a.model.parameters)
        // Resuming with other hyperparameters is refused.
        config.seed = 11
        config.learningRate = 1e-2
        #expect(throws: TrainingError.self) {
            _ = try TrainingSession(resuming: restored, configuration: config, training: train, validation: validation)
        }
    }

    @Test func invalidConfigurationIsRejectedWithTheField() {
        let train = Self.data(4, seed: 1)
        var config = TrainingConfiguration(task: .assignment, epochs: 1, batchSize: 0)
        #expect(throws: TrainingError.invalidConfiguration("batch 0 outside 1...4096")) {
            _ = try TrainingSession(configuration: config, training: train, validation: nil)
        }
        config.batchSize = 4
        #expect(throws: TrainingError.emptyDataset(split: "validation")) {
            _ = try TrainingSession(configuration: config, training: train, validation: Dataset(layout: Self.layout, samples: []))
        }
    }

    /// Adam's first step moves every coordinate by η·g/(|g| + ε/…) ≈ η·sign(g) (m̂ = g, v̂ = g²).
    @Test func adamFirstStepIsLearningRateTimesSign() {
        var adam = AdamOptimizer(parameterCount: 3, learningRate: 0.01)
        var θ: [Float] = [1, 2, 3]
        adam.update(&θ, gradient: [0.5, -3, 1e-3])
        #expect(abs(θ[0] - 0.99) < 1e-6 && abs(θ[1] - 2.01) < 1e-6 && abs(θ[2] - 2.99) < 1e-5)
        #expect(adam.step == 1)
    }
}

/// The per-slot inference path equals the training path's forward pass.
struct InferenceTests {
    @Test(arguments: LearningTask.allCases)
    func inferenceMatchesBatchForwardPass(task: LearningTask) {
        var rng = Xoshiro256StarStar(seed: 41)
        let layout = TrainingTests.layout
        let data = SyntheticDataset.make(layout: layout, sampleCount: 3, vehicleCounts: [5], using: &rng)
        let net = NetworkArchitecture(
            task: task, inputCount: layout.featureCount, hiddenCount: 4, denseCount: 6,
            outputCount: task == .assignment ? 2 : layout.beamComponentCount)
        let θ: [Float] = net.initialParameters(using: &rng)
        let normalisation = FeatureNormalisation(fitting: data)
        let engine = InferenceEngine(model: LearnedModel(architecture: net, normalisation: normalisation, parameters: θ))
        let sample = data.samples[1]
        let out = engine.predict(features: sample.features, vehicleCount: 5)

        // Independent path: normalise by hand and run the generic forward pass in double precision.
        let F = layout.featureCount
        let x = (0..<(5 * F)).map { e in Double((sample.features[e] - normalisation.mean[e % F]) / normalisation.standardDeviation[e % F]) }
        let w = NetworkWorkspace<Double>()
        let y = net.forward(parameters: θ.map(Double.init), input: x, shape: SequenceShape(lengths: [5]), workspace: w)
        let O = net.outputCount
        for k in 0..<5 {
            var expected = (0..<O).map { y[k * O + $0] }
            if task == .assignment {
                let e = expected.map { Foundation.exp($0) }
                expected = e.map { $0 / e.reduce(0, +) }
                #expect(abs((0..<O).reduce(Float(0)) { $0 + out[k * O + $1] } - 1) < 1e-5)
            }
            for r in 0..<O { #expect(abs(Double(out[k * O + r]) - expected[r]) < 1e-4) }
        }
    }
}

/// The paired policy engine: RSU = arg-max of the assignment engine's probabilities, beams = the
/// beamforming engine's outputs, for every vehicle.
struct LearnedDecisionEngineTests {
    @Test func decisionsAgreeWithTheTwoEngines() {
        var rng = Xoshiro256StarStar(seed: 51)
        let layout = FeatureLayout(transmitAntennas: 2, receiveAntennas: 2, rsuCount: 3)
        let data = SyntheticDataset.make(layout: layout, sampleCount: 2, vehicleCounts: [7], using: &rng)
        let normalisation = FeatureNormalisation(fitting: data)
        func model(_ task: LearningTask, _ O: Int) -> LearnedModel {
            let net = NetworkArchitecture(task: task, inputCount: layout.featureCount, hiddenCount: 5, denseCount: 4, outputCount: O)
            return LearnedModel(architecture: net, normalisation: normalisation, parameters: net.initialParameters(using: &rng))
        }
        let a = model(.assignment, 3), b = model(.beamforming, layout.beamComponentCount)
        let engine = LearnedDecisionEngine(assignmentModel: a, beamformingModel: b)
        let f = data.samples[0].features
        var rsu = [Int](repeating: -1, count: 7)
        var beams = [Float](repeating: .nan, count: 7 * layout.beamComponentCount)
        f.withUnsafeBufferPointer { fp in
            rsu.withUnsafeMutableBufferPointer { r in
                beams.withUnsafeMutableBufferPointer { bp in engine.decide(features: fp, vehicleCount: 7, rsu: r, beams: bp) }
            }
        }
        let p = InferenceEngine(model: a).predict(features: f, vehicleCount: 7)
        for k in 0..<7 {
            let row = Array(p[(3 * k)..<(3 * k + 3)])
            #expect(rsu[k] == row.firstIndex(of: row.max()!)!)
        }
        #expect(beams == InferenceEngine(model: b).predict(features: f, vehicleCount: 7))
    }
}
