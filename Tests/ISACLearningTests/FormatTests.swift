import Foundation
import ISACMath
import Testing
@testable import ISACLearning

struct FormatTests {
    static let layout = FeatureLayout(transmitAntennas: 2, receiveAntennas: 3, rsuCount: 2)

    static func samples(_ n: Int, seed: UInt64) -> [LearningSample] {
        var rng = Xoshiro256StarStar(seed: seed)
        return SyntheticDataset.make(layout: layout, sampleCount: n, vehicleCounts: [1, 4, 7], using: &rng).samples
    }

    @Test func featureLayoutMatchesM16Count() {
        // 2·(2N_r + 2N_t + 2) for two RSUs and N_r = N_t = 32.
        let paper = FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2)
        #expect(paper.featureCount == 260)
        #expect(paper.beamComponentCount == 64)
        #expect(paper.muOffset(rsu: 1) == 259)
        #expect(paper.echoRealOffset(rsu: 1) == 130)
    }

    @Test func shardRoundTripIsExactAndDamageIsDetected() throws {
        let original = Self.samples(9, seed: 1)
        let bytes = DatasetShardFormat.encode(original, layout: Self.layout)
        // Header 24 bytes + per sample (1 + K·F + K + K·2N_t)·4 + 8 trailer.
        let F = Self.layout.featureCount, R = Self.layout.beamComponentCount
        let expected = 24 + original.reduce(0) { $0 + 4 * (1 + $1.vehicleCount * (F + 1 + R)) } + 8
        #expect(bytes.count == expected)
        #expect(try DatasetShardFormat.decode(bytes, layout: Self.layout, name: "s") == original)
        #expect(throws: LearningFormatError.self) {
            try DatasetShardFormat.decode(bytes.prefix(bytes.count - 3), layout: Self.layout, name: "s")
        }
        var flipped = bytes
        flipped[100] ^= 0x10
        #expect(throws: LearningFormatError.checksumMismatch(what: "s")) {
            try DatasetShardFormat.decode(flipped, layout: Self.layout, name: "s")
        }
    }

    /// A generator killed mid-run resumes from the last complete shard and ends with exactly the
    /// files an uninterrupted run writes.
    @Test func writerResumesAfterInterruptionWithIdenticalResult() throws {
        let all = Self.samples(23, seed: 2)
        let meta = ["seed": "2"]

        let reference = InMemoryDatasetStore()
        var w = try DatasetWriter(store: reference, layout: Self.layout, split: "train", samplesPerShard: 5, generator: meta)
        try w.append(contentsOf: all)
        try w.finish()

        // Interrupted run: 13 samples appended (2 complete shards + 3 pending), then "killed":
        // the pending samples and a stray half-written shard file are lost/garbage.
        let store = InMemoryDatasetStore()
        var first = try DatasetWriter(store: store, layout: Self.layout, split: "train", samplesPerShard: 5, generator: meta)
        try first.append(contentsOf: Array(all[0..<13]))
        try store.writeAtomically(Data([1, 2, 3]), to: DatasetManifest.shardFileName(2))
        #expect(try Dataset.load(from: store).samples == Array(all[0..<10]))

        var resumed = try DatasetWriter(store: store, layout: Self.layout, split: "train", samplesPerShard: 5, generator: meta)
        #expect(resumed.nextSampleIndex == 10)
        try resumed.append(contentsOf: Array(all[10..<20]))
        try resumed.finish()  // 20 is a shard boundary: nothing pending
        // Extend an already finished dataset: the trailing partial shard is reloaded and completed.
        var extended = try DatasetWriter(store: store, layout: Self.layout, split: "train", samplesPerShard: 5, generator: meta)
        #expect(extended.nextSampleIndex == 20)
        try extended.append(contentsOf: Array(all[20..<23]))
        try extended.finish()

        #expect(store.files == reference.files)
        #expect(try Dataset.load(from: store).samples == all)
        let manifest = try DatasetManifest.decode(#require(store.files[DatasetManifest.fileName]))
        #expect(manifest.shards.map(\.sampleCount) == [5, 5, 5, 5, 3])
        #expect(manifest.featureCount == Self.layout.featureCount)

        // A different layout in the same directory is refused, not mixed in.
        #expect(throws: LearningFormatError.self) {
            _ = try DatasetWriter(store: store, layout: FeatureLayout(transmitAntennas: 4, receiveAntennas: 3, rsuCount: 2), split: "train", samplesPerShard: 5, generator: meta)
        }
        // Another run's generator settings are refused too (resuming would mix two datasets).
        #expect(throws: LearningFormatError.self) {
            _ = try DatasetWriter(store: store, layout: Self.layout, split: "train", samplesPerShard: 5, generator: ["seed": "3"])
        }
        // A shard swapped for another valid shard no longer matches the manifest's checksum.
        let swapped = InMemoryDatasetStore()
        for (name, data) in store.files { try swapped.writeAtomically(data, to: name) }
        try swapped.writeAtomically(#require(store.files[DatasetManifest.shardFileName(1)]), to: DatasetManifest.shardFileName(0))
        #expect(throws: LearningFormatError.checksumMismatch(what: DatasetManifest.shardFileName(0))) {
            _ = try Dataset.load(from: swapped)
        }
        // A missing shard is reported on load.
        store.remove(DatasetManifest.shardFileName(1))
        #expect(throws: LearningFormatError.self) { _ = try Dataset.load(from: store) }
    }

    @Test func modelSaveLoadRoundTripIsBitIdentical() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let net = NetworkArchitecture(task: .beamforming, inputCount: 6, hiddenCount: 5, denseCount: 4, outputCount: 4)
        var θ: [Float] = net.initialParameters(using: &rng)
        θ[3] = -0.0
        θ[7] = .leastNonzeroMagnitude
        let model = LearnedModel(
            architecture: net,
            normalisation: FeatureNormalisation(mean: (0..<6).map { Float($0) * 0.1 }, standardDeviation: (0..<6).map { 1 + Float($0) }),
            parameters: θ, metadata: ["epochs": "3", "note": "é"])
        let bytes = model.encoded()
        let back = try LearnedModel(decoding: bytes)
        #expect(back.parameters.map(\.bitPattern) == model.parameters.map(\.bitPattern))
        #expect(back.normalisation.mean.map(\.bitPattern) == model.normalisation.mean.map(\.bitPattern))
        #expect(back.architecture == model.architecture && back.metadata == model.metadata)
        #expect(back.encoded() == bytes)
        #expect(throws: LearningFormatError.self) { _ = try LearnedModel(decoding: bytes.dropLast()) }
        #expect(throws: LearningFormatError.self) { _ = try LearnedModel(decoding: Data("ISLX".utf8) + bytes.dropFirst(4)) }
    }

    @Test func normalisationMatchesTwoPassStatistics() {
        let data = Dataset(layout: Self.layout, samples: Self.samples(30, seed: 4))
        let n = FeatureNormalisation(fitting: data)
        let F = Self.layout.featureCount
        for j in [0, 5, F - 1] {
            let xs = data.samples.flatMap { s in (0..<s.vehicleCount).map { Double(s.features[$0 * F + j]) } }
            let μ = xs.reduce(0, +) / Double(xs.count)
            let σ = (xs.map { ($0 - μ) * ($0 - μ) }.reduce(0, +) / Double(xs.count)).squareRoot()
            #expect(abs(Double(n.mean[j]) - μ) < 1e-6)
            #expect(abs(Double(n.standardDeviation[j]) - σ) < 1e-6 * σ + 1e-7)
        }
        // A constant feature gets σ = 1 (floor), not a division by zero.
        var constant = data
        for s in constant.samples.indices {
            for k in 0..<constant.samples[s].vehicleCount { constant.samples[s].features[k * F] = 3 }
        }
        let c = FeatureNormalisation(fitting: constant)
        #expect(c.standardDeviation[0] == 1 && c.mean[0] == 3)
    }
}
