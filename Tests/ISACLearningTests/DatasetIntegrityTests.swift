import Foundation
import ISACMath
import Testing

@testable import ISACLearning

/// Issue 13, cases 1-3: a dataset cannot be mixed or silently damaged, a checkpoint cannot resume
/// on other data or below its epoch count.
@Suite struct DatasetIntegrityTests {
    static let layout = FeatureLayout(transmitAntennas: 2, receiveAntennas: 2, rsuCount: 2)

    /// Sample i from its own stream, as the dataset commands do.
    static func sample(_ i: Int, seed: UInt64 = 1) -> LearningSample {
        var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(i))
        return SyntheticDataset.make(layout: layout, sampleCount: 1, vehicleCounts: [3], using: &rng).samples[0]
    }

    static func write(_ store: InMemoryDatasetStore, count: Int, generator: [String: String] = ["seed": "1"]) throws -> DatasetWriter<InMemoryDatasetStore> {
        var w = try DatasetWriter(store: store, layout: layout, split: "train", samplesPerShard: 4, generator: generator)
        _ = try w.repairDamagedShards { range in range.map { Self.sample($0) } }
        while w.nextSampleIndex < count { try w.append(Self.sample(w.nextSampleIndex)) }
        try w.finish()
        return w
    }

    /// Case 1: different generator settings into the same store are refused, naming the setting.
    @Test func differentSettingsAreRefusedByName() throws {
        let store = InMemoryDatasetStore()
        _ = try Self.write(store, count: 10)
        do {
            _ = try Self.write(store, count: 10, generator: ["seed": "2"])
            Issue.record("a second seed was accepted into the same dataset")
        } catch let e as LearningFormatError {
            #expect("\(e)".contains("seed: existing '1', this run '2'"), "\(e)")
        }
    }

    /// Case 2: a bit flip, a truncation and a deletion are all detected on re-open and the
    /// repaired dataset is byte-identical to the undamaged one.
    @Test func damagedShardsAreDetectedAndRegenerated() throws {
        let reference = InMemoryDatasetStore()
        _ = try Self.write(reference, count: 14)  // shards 0-2 complete, shard 3 partial (2 samples)
        let store = InMemoryDatasetStore()
        _ = try Self.write(store, count: 14)
        var flipped = store.files["shard-00000.bin"]!
        flipped[flipped.startIndex + 20] ^= 0x01
        try store.writeAtomically(flipped, to: "shard-00000.bin")
        try store.writeAtomically(store.files["shard-00002.bin"]!.prefix(10), to: "shard-00002.bin")
        store.remove("shard-00001.bin")
        try store.writeAtomically(Data([1, 2, 3]), to: "shard-00003.bin")
        let reopened = try DatasetWriter(store: store, layout: Self.layout, split: "train", samplesPerShard: 4, generator: ["seed": "1"])
        #expect(reopened.damagedShards == [0, 1, 2])
        #expect(reopened.droppedPartialShard == "shard-00003.bin")
        #expect(reopened.nextSampleIndex == 12)
        _ = try Self.write(store, count: 14)
        #expect(store.files == reference.files)
        #expect(try Dataset.load(from: store).samples.count == 14)
    }

    /// The identity changes with any shard's content and with the generator record.
    @Test func identityFollowsTheData() throws {
        let a = InMemoryDatasetStore(), b = InMemoryDatasetStore(), c = InMemoryDatasetStore()
        let ma = try Self.write(a, count: 8).manifest
        #expect(try Self.write(b, count: 8).manifest.identity == ma.identity)
        var w = try DatasetWriter(store: c, layout: Self.layout, split: "train", samplesPerShard: 4, generator: ["seed": "1"])
        for i in 0..<8 { try w.append(Self.sample(i, seed: i == 5 ? 2 : 1)) }
        #expect(w.manifest.identity != ma.identity)
        var other = ma
        other.generator["seed"] = "2"
        #expect(other.identity != ma.identity)
    }

    /// Case 3: a checkpoint refuses other data and fewer epochs than it has.
    @Test func checkpointRefusesOtherDataAndFewerEpochs() throws {
        let store = InMemoryDatasetStore()
        let manifest = try Self.write(store, count: 8).manifest
        let data = try Dataset.load(from: store)
        let config = TrainingConfiguration(task: .assignment, hiddenCount: 3, denseCount: 3, epochs: 2, batchSize: 4, seed: 1, threadCount: 1)
        let session = try TrainingSession(
            configuration: config, training: data, validation: nil,
            metadata: [TrainingCheckpoint.datasetIdentityKey: manifest.identity])
        try session.run { _ in }
        let checkpoint = try TrainingCheckpoint(decoding: session.checkpoint().encoded())
        #expect(checkpoint.datasetIdentity == manifest.identity)
        try checkpoint.checkResumable(datasetIdentity: manifest.identity, epochs: 2)
        #expect(throws: TrainingError.self) { try checkpoint.checkResumable(datasetIdentity: "other", epochs: 3) }
        #expect(throws: TrainingError.self) { try checkpoint.checkResumable(datasetIdentity: manifest.identity, epochs: 1) }
    }
}
