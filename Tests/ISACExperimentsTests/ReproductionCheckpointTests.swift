import Foundation
import ISACExperiments
import ISACLearning
import ISACMath
import Synchronization
import Testing

/// R14: a training task interrupted midway resumes from its checkpoint and ends exactly where an
/// uninterrupted run ends; a checkpoint of another run is ignored.
@Suite("Reproduction training checkpoints")
struct ReproductionCheckpointTests {
    /// The tiny plan with 4 epochs (a checkpoint after epochs 1, 2 and 3), Fig. 5 only.
    static func manifest(seed: UInt64) throws -> ReproductionManifest {
        BLAS.setThreadCount(1)
        var plan = ReproductionPlan.tiny
        plan.epochs = 4
        return try ReproductionManifest(plan: plan, config: .paper, seed: seed, figures: [5])
    }

    /// A store holding every dataset shard of `manifest`, and the index of its first training task.
    static func dataStore(_ manifest: ReproductionManifest) throws -> (InMemoryReproductionStore, Int) {
        let store = InMemoryReproductionStore()
        let runner = ReproductionTaskRunner(manifest: manifest, store: store)
        for i in manifest.tasks.indices where manifest.tasks[i].stage == .data { try runner.run(i, parallel: false) }
        let training = try #require(manifest.tasks.firstIndex { $0.stage == .train })
        return (store, training)
    }

    /// Runs task `index`, cancelling it once `stopAfter` epochs are done (nil: to the end); returns
    /// the epochs it reported.
    static func train(
        _ manifest: ReproductionManifest, _ store: some ReproductionStore, _ index: Int, stopAfter: Int? = nil
    ) throws -> [Int] {
        let epochs = Mutex<[Int]>([])
        do {
            try ReproductionTaskRunner(manifest: manifest, store: store).run(
                index, parallel: false,
                isCancelled: { stopAfter.map { n in epochs.withLock { $0.last ?? 0 } >= n } ?? false },
                progress: { done, _ in epochs.withLock { $0.append(done) } })
        } catch is CancellationError {}
        return epochs.withLock { $0 }
    }

    @Test("an interrupted training task resumes after its last checkpoint and ends bit for bit where an uninterrupted one ends")
    func resumedTrainingEqualsUninterrupted() throws {
        let manifest = try Self.manifest(seed: 5)
        let (whole, index) = try Self.dataStore(manifest)
        let task = manifest.tasks[index]
        let interrupted = InMemoryReproductionStore(files: whole.allFiles)
        #expect(try Self.train(manifest, whole, index) == [1, 2, 3, 4])
        let reference = try #require(try ReproductionTaskRunner(manifest: manifest, store: whole).output(of: task.id))

        #expect(try Self.train(manifest, interrupted, index, stopAfter: 2) == [1, 2])
        #expect(try interrupted.read(task.output) == nil)
        let saved = try TrainingCheckpoint(decoding: try #require(try interrupted.read(task.checkpoint)))
        #expect(saved.curve.count == 2)

        #expect(try Self.train(manifest, interrupted, index) == [3, 4])
        let resumed = try #require(try ReproductionTaskRunner(manifest: manifest, store: interrupted).output(of: task.id))
        #expect(resumed.part("model.islm") == reference.part("model.islm"))
        #expect(resumed.part("curve.csv") == reference.part("curve.csv"))
        #expect(try interrupted.read(task.checkpoint) == nil)
        #expect(try whole.read(task.checkpoint) == nil)
    }

    @Test("a checkpoint of another run (other seed, hence other data) or a corrupt one is ignored: training starts at epoch 1")
    func foreignCheckpointIsIgnored() throws {
        let manifest = try Self.manifest(seed: 5)
        let other = try Self.manifest(seed: 6)
        let (otherStore, otherIndex) = try Self.dataStore(other)
        _ = try Self.train(other, otherStore, otherIndex, stopAfter: 2)
        let foreign = try #require(try otherStore.read(other.tasks[otherIndex].checkpoint))

        let (reference, index) = try Self.dataStore(manifest)
        let task = manifest.tasks[index]
        let start = reference.allFiles
        _ = try Self.train(manifest, reference, index)
        let expected = try #require(try ReproductionTaskRunner(manifest: manifest, store: reference).output(of: task.id))

        for checkpoint in [foreign, Data("not a checkpoint".utf8)] {
            var files = start
            files[task.checkpoint] = checkpoint
            let store = InMemoryReproductionStore(files: files)
            #expect(try Self.train(manifest, store, index) == [1, 2, 3, 4])
            let output = try #require(try ReproductionTaskRunner(manifest: manifest, store: store).output(of: task.id))
            #expect(output.part("model.islm") == expected.part("model.islm"))
        }
    }
}
