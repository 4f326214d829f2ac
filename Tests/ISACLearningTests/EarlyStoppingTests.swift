import Foundation
import ISACMath
import Testing
@testable import ISACLearning

/// Early stopping (L11): the delivered model is the epoch with the lowest validation loss, bit for
/// bit, and training ends `patience` epochs after it.
struct EarlyStoppingTests {
    /// A small network on 12 training samples overfits, so the validation loss turns up and the
    /// run stops early. The best epoch is the curve's arg-min (recomputed here from the curve), the
    /// run ends exactly `patience` epochs after it, and the delivered parameters equal those of an
    /// independent run trained for exactly that many epochs without early stopping.
    static let train = TrainingTests.data(12, seed: 21), validation = TrainingTests.data(12, seed: 22)
    static let overfitting = TrainingConfiguration(
        task: .assignment, hiddenCount: 8, denseCount: 8, epochs: 400, batchSize: 4, learningRate: 1e-2,
        seed: 3, threadCount: 1, patience: 6)

    @Test func bestEpochIsRestoredExactly() throws {
        BLAS.setThreadCount(1)
        let (train, validation) = (Self.train, Self.validation)
        var config = Self.overfitting
        let session = try TrainingSession(configuration: config, training: train, validation: validation)
        session.run { _ in }
        #expect(session.stoppedEarly)
        let losses = session.curve.map { $0.validationLoss! }
        let argmin = losses.indices.min { losses[$0] < losses[$1] || (losses[$0] == losses[$1] && $0 < $1) }!
        let best = try #require(session.best)
        #expect(best.epoch == argmin + 1)
        #expect(best.validationLoss == losses[argmin])
        #expect(session.epochsCompleted == best.epoch + config.patience)
        #expect(session.epochsCompleted < config.epochs)
        // The last epoch's parameters differ from the delivered ones (it kept training).
        #expect(session.model.parameters != session.selectedModel.parameters)
        #expect(session.selectedModel.metadata["epoch"] == "\(best.epoch)")

        config.epochs = best.epoch
        config.patience = 0
        let replay = try TrainingSession(configuration: config, training: train, validation: validation)
        replay.run { _ in }
        #expect(replay.epochsCompleted == best.epoch)
        #expect(replay.model.parameters.map(\.bitPattern) == session.selectedModel.parameters.map(\.bitPattern))
    }

    /// A run interrupted after its best epoch and resumed from the encoded checkpoint keeps that
    /// best epoch and stops where the uninterrupted run stops, with the same parameters.
    @Test func resumedRunKeepsTheBestEpoch() throws {
        BLAS.setThreadCount(1)
        let (train, validation, config) = (Self.train, Self.validation, Self.overfitting)
        let whole = try TrainingSession(configuration: config, training: train, validation: validation)
        whole.run { _ in }
        let best = try #require(whole.best)

        let part = try TrainingSession(configuration: config, training: train, validation: validation)
        for _ in 0..<(best.epoch + 2) { part.trainEpoch() }
        let decoded = try TrainingCheckpoint(decoding: part.checkpoint().encoded())
        #expect(decoded.best == part.best)
        let resumed = try TrainingSession(resuming: decoded, configuration: config, training: train, validation: validation)
        resumed.run { _ in }
        #expect(resumed.epochsCompleted == whole.epochsCompleted)
        #expect(resumed.best == whole.best)
        #expect(resumed.selectedModel == whole.selectedModel)
    }

    /// Without a validation set nothing is kept or stopped: the last epoch is delivered.
    @Test func withoutValidationTheLastEpochIsDelivered() throws {
        BLAS.setThreadCount(1)
        let train = TrainingTests.data(8, seed: 23)
        let config = TrainingConfiguration(
            task: .beamforming, hiddenCount: 4, denseCount: 4, epochs: 3, batchSize: 4, seed: 3, threadCount: 1,
            patience: 1)
        let session = try TrainingSession(configuration: config, training: train, validation: nil)
        session.run { _ in }
        #expect(session.best == nil && !session.stoppedEarly && session.epochsCompleted == 3)
        #expect(session.selectedModel.parameters == session.model.parameters)
    }
}
