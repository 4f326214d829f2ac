import DigitalTwin
import ISACLearning

/// The stages of a reproduction, in dependency order (R6): every task of a stage depends only on
/// tasks of the stages in its ``prerequisites``, so a stage is one Slurm array submitted `afterok`
/// of those, and the tasks of a stage are a contiguous range of manifest indices.
public enum ReproductionStage: String, Sendable, Codable, CaseIterable, Comparable {
    /// Dataset shards: no dependencies.
    case data
    /// Sweeps, closed loops and tracking without the learned scheme: no dependencies.
    case simulate
    /// Training runs: after their datasets.
    case train
    /// The learned scheme's sweep and closed-loop tasks: after the training of its networks.
    case learned

    /// The stages whose tasks this stage's tasks may depend on.
    public var prerequisites: [ReproductionStage] {
        switch self {
        case .data, .simulate: return []
        case .train: return [.data]
        case .learned: return [.train]
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One independent unit of a reproduction (R6): what it computes, which tasks it needs, and its
/// own output file. Its random numbers are a pure function of the manifest's seed and the task's
/// coordinates (``seedStreams`` says which), so any split of the tasks, any order and any re-run
/// compute the same numbers.
public struct ReproductionTask: Sendable, Codable, Equatable {
    public enum Work: Sendable, Codable, Equatable {
        /// Fig. 11: one vehicle's pass per N.
        case tracking(antennas: [Int])
        /// Drops `firstDrop ..< firstDrop + dropCount` of one point of a sweep, for `schemes`.
        case sweep(ReproductionSweep, point: Int, firstDrop: Int, dropCount: Int, schemes: [String])
        /// One shard of a learning dataset (``LearningDatasetRecipe``).
        case datasetShard(vehicles: Int, split: LearningDatasetRecipe.Split, shard: Int)
        /// One network trained on the K's dataset (Fig. 5: assignment, Fig. 6: beamforming).
        case training(vehicles: Int, network: LearningTask)
        /// One policy's twin in the closed loop at arrival rate number `run` (Fig. 9: 0, Fig. 10: 1).
        case closedLoop(run: Int, policy: String)
        /// One policy's twin on the corridor (R12) at the corridor plan's arrival rate number `run`.
        case corridorLoop(run: Int, policy: String)
    }

    /// A unique name, also the output file's stem.
    public var id: String
    public var stage: ReproductionStage
    public var work: Work
    /// Ids of the tasks whose outputs this task reads.
    public var dependencies: [String]
    /// The random streams the task draws from (documentation for the reader of the manifest).
    public var seedStreams: String

    public init(id: String, stage: ReproductionStage, work: Work, dependencies: [String] = [], seedStreams: String) {
        self.id = id
        self.stage = stage
        self.work = work
        self.dependencies = dependencies
        self.seedStreams = seedStreams
    }

    /// The output file, relative to the run directory.
    public var output: String { "tasks/\(id).task" }

    /// The marker a failed run leaves (its error message), relative to the run directory.
    public var failureMarker: String { "tasks/\(id).failed" }

    /// A long task's progress so far (a training run's checkpoint, R14), relative to the run
    /// directory; removed when the task's output is written. Never read by `merge`.
    public var checkpoint: String { "tasks/\(id).isck" }
}
