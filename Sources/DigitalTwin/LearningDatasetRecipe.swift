import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// The one seeding and sharding scheme of learning datasets (R8), shared by `isactwin dataset`
/// and `isactwin reproduce` so the same seed gives the same samples in both, and `isactwin train`
/// on the former trains the network the latter trains.
///
/// Split `train` (stream 0) or `validation` (stream 1) at K vehicles draws its generator seed as
/// the first output of `Xoshiro256StarStar(seed:, stream: K·2⁸ + split)`; the split's samples are
/// the generator's chunks 0, 1, … of ``chunkSize`` samples in order, cut into shards of
/// ``samplesPerShard`` (the shards of docs/DATASET.md).
public struct LearningDatasetRecipe: Sendable {
    public enum Split: String, Sendable, Codable, CaseIterable {
        case train, validation

        var stream: UInt64 { self == .train ? 0 : 1 }
    }

    public static let chunkSize = 50
    public static let samplesPerShard = 500

    public var parameters: ScenarioParameters
    public var decisionOptions: DecisionOptions
    public var vehicles: Int
    public var stride: Int
    public var seed: UInt64
    public var split: Split
    public var sampleCount: Int
    /// The policy the dataset's twin runs (nil: the heuristic; L15).
    public var rollout: (any DecisionPolicy)? = nil

    public init(
        parameters: ScenarioParameters, decisionOptions: DecisionOptions = .standard, vehicles: Int, stride: Int,
        seed: UInt64, split: Split, sampleCount: Int
    ) {
        self.parameters = parameters
        self.decisionOptions = decisionOptions
        self.vehicles = vehicles
        self.stride = stride
        self.seed = seed
        self.split = split
        self.sampleCount = sampleCount
    }

    /// The split's generator (its seed from the master seed, K and the split).
    public var generator: LearningDatasetGenerator {
        var seeds = Xoshiro256StarStar(seed: seed, stream: UInt64(vehicles) << 8 | split.stream)
        return LearningDatasetGenerator(
            parameters: parameters, decisionOptions: decisionOptions, targetVehicles: vehicles, stride: stride,
            seed: seeds.next(), chunkSize: Self.chunkSize, rollout: rollout)
    }

    public var shardCount: Int { (sampleCount + Self.samplesPerShard - 1) / Self.samplesPerShard }

    /// The sample indices of shard `index`.
    public func shardRange(_ index: Int) -> Range<Int> {
        index * Self.samplesPerShard..<min(sampleCount, (index + 1) * Self.samplesPerShard)
    }

    /// The chunks that hold the samples `range`.
    public func chunks(covering range: Range<Int>) -> ClosedRange<Int> {
        (range.lowerBound / Self.chunkSize)...((range.upperBound - 1) / Self.chunkSize)
    }

    /// Samples `range` of the split, from the chunks covering it (`generateChunk` runs each chunk,
    /// e.g. in parallel; the default runs them in order).
    public func samples(
        _ range: Range<Int>, generateChunks: (([Int], @escaping @Sendable (Int) throws -> [LearningSample]) throws -> [[LearningSample]])? = nil
    ) throws -> [LearningSample] {
        precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= sampleCount, "samples out of range")
        let g = generator
        let chunks = Array(chunks(covering: range))
        let generated = try generateChunks?(chunks, { try g.chunk($0) }) ?? chunks.map { try g.chunk($0) }
        let joined = Array(generated.joined())
        let offset = chunks[0] * Self.chunkSize
        return Array(joined[(range.lowerBound - offset)..<(range.upperBound - offset)])
    }

    /// The feature layout of the samples.
    public var layout: FeatureLayout {
        FeatureLayout(
            transmitAntennas: parameters.transmitAntennas, receiveAntennas: parameters.receiveAntennas,
            rsuCount: parameters.rsuCount)
    }
}
