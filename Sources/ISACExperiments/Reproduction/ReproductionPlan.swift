/// The scale of a reproduction run: which points of Figs. 5-11 are computed and with how many
/// drops, samples, epochs and seconds, and how the work is cut into tasks (R6). Data only;
/// ``quick`` fits in minutes on two cores, ``full`` is the paper's scale (Section VII).
public struct ReproductionPlan: Sendable, Equatable, Codable {
    public var name: String
    /// Figs. 5-6: one dataset per K from the twin with the heuristic's labels.
    public var learningVehicleCounts: [Int]
    public var trainingSamples: Int
    public var validationSamples: Int
    public var epochs: Int
    /// Slots between two samples of one closed-loop run (consecutive slots are nearly identical).
    public var learningStride: Int
    /// Fig. 7 (`fig7.csv`, `fig7_table1_literal.csv`).
    public var vehicleCounts: [Int]
    public var sweepAntennas: Int
    /// Fig. 8.
    public var antennaCounts: [Int]
    public var antennaSweepVehicles: Int
    /// Drops per point of Figs. 7-8.
    public var drops: Int
    /// Figs. 9-10: arrival rates per direction (vehicles/s), and per rate the simulated time from
    /// an empty road and the warm-up excluded from the statistics (s).
    public var arrivalRates: [Double]
    public var durationsSeconds: [Double]
    public var warmupsSeconds: [Double]
    public var closedLoopAntennas: Int
    /// Fig. 11.
    public var trackingAntennas: [Int]
    /// The schemes compared in Figs. 7-10 (the learned policy is added when trained or given).
    public var schemes: [String]
    /// Task sizes (R6): a sweep task decides about this many K·N "vehicle-antennas" of drops
    /// (drops per task = ⌈sweepTaskWork / (K·N)⌉, clamped to 1...drops), so a task at K = 100
    /// holds fewer drops than one at K = 2. Dataset tasks are shards of
    /// ``LearningDatasetRecipe/samplesPerShard`` samples; training and closed-loop runs are one
    /// task each (per K and network, per rate and policy).
    public var sweepTaskWork: Int
    /// The `lstm` scheme's networks: per K a directory with `assignment/model.islm` and
    /// `beamforming/model.islm` (what `isactwin train` writes; e.g. the shipped `models/`). Empty:
    /// the networks trained in this run (Figs. 5-6). R4 picks the K.
    public var learnedModels: [LearnedModelDirectory]
    /// The corridor figure (R12); nil: the plan has none (plans written before it existed).
    public var corridor: ReproductionCorridorPlan?

    public init(
        name: String, learningVehicleCounts: [Int], trainingSamples: Int, validationSamples: Int, epochs: Int,
        learningStride: Int, vehicleCounts: [Int], sweepAntennas: Int, antennaCounts: [Int], antennaSweepVehicles: Int,
        drops: Int, arrivalRates: [Double], durationsSeconds: [Double], warmupsSeconds: [Double],
        closedLoopAntennas: Int, trackingAntennas: [Int], schemes: [String], sweepTaskWork: Int,
        learnedModels: [LearnedModelDirectory] = [], corridor: ReproductionCorridorPlan? = nil
    ) {
        self.name = name
        self.learningVehicleCounts = learningVehicleCounts
        self.trainingSamples = trainingSamples
        self.validationSamples = validationSamples
        self.epochs = epochs
        self.learningStride = learningStride
        self.vehicleCounts = vehicleCounts
        self.sweepAntennas = sweepAntennas
        self.antennaCounts = antennaCounts
        self.antennaSweepVehicles = antennaSweepVehicles
        self.drops = drops
        self.arrivalRates = arrivalRates
        self.durationsSeconds = durationsSeconds
        self.warmupsSeconds = warmupsSeconds
        self.closedLoopAntennas = closedLoopAntennas
        self.trackingAntennas = trackingAntennas
        self.schemes = schemes
        self.sweepTaskWork = sweepTaskWork
        self.learnedModels = learnedModels
        self.corridor = corridor
    }

    public static let quick = ReproductionPlan(
        name: "quick", learningVehicleCounts: [5, 10, 20], trainingSamples: 200, validationSamples: 60,
        epochs: 60, learningStride: 2, vehicleCounts: [2, 5, 10, 20, 30, 50], sweepAntennas: 32,
        antennaCounts: [8, 16, 32, 64], antennaSweepVehicles: 50, drops: 12, arrivalRates: [5, 12.5],
        durationsSeconds: [3, 2.4], warmupsSeconds: [2, 1.6], closedLoopAntennas: 32, trackingAntennas: [16, 32, 64],
        schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"], sweepTaskWork: 6_400,
        corridor: ReproductionCorridorPlan(lengthMeters: 300, durationSeconds: 0.6, warmupSeconds: 0.1))

    public static let full = ReproductionPlan(
        name: "full", learningVehicleCounts: [10, 20, 50], trainingSamples: 10_000, validationSamples: 3_000,
        epochs: 200, learningStride: 5, vehicleCounts: [2, 5, 10, 20, 30, 50, 100], sweepAntennas: 32,
        antennaCounts: [8, 16, 32, 64, 128], antennaSweepVehicles: 50, drops: 100, arrivalRates: [5, 12.5],
        durationsSeconds: [40, 40], warmupsSeconds: [4, 4], closedLoopAntennas: 32, trackingAntennas: [16, 32, 64],
        schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"], sweepTaskWork: 320_000,
        corridor: ReproductionCorridorPlan(lengthMeters: 1200, durationSeconds: 10, warmupSeconds: 1))

    /// A tiny plan for tests: every figure, seconds of work, several tasks per sweep.
    public static let tiny = ReproductionPlan(
        name: "tiny", learningVehicleCounts: [3], trainingSamples: 8, validationSamples: 4, epochs: 2,
        learningStride: 3, vehicleCounts: [2, 4], sweepAntennas: 8, antennaCounts: [4, 8], antennaSweepVehicles: 3,
        drops: 3, arrivalRates: [5, 12.5], durationsSeconds: [0.5, 0.5], warmupsSeconds: [0.1, 0.1], closedLoopAntennas: 8,
        trackingAntennas: [8, 16], schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"], sweepTaskWork: 20,
        corridor: ReproductionCorridorPlan(lengthMeters: 120, durationSeconds: 0.5, warmupSeconds: 0.1))

    /// Whether the learning stage has the paper's scale (Section VII-A: 10,000 training samples,
    /// about 200 epochs). The report explains a shortfall of Figs. 5-7 differently: a reduced run
    /// underfits, a paper-scale one shows what the labels allow (R15).
    public var trainsAtPaperScale: Bool { trainingSamples >= 10_000 && epochs >= 200 }

    /// This plan with the `lstm` scheme's networks taken from directories (per K) instead of
    /// trained in the run: `ReproductionPlan.quick.using(models: [20: "models/K20"])`.
    public func using(models: [Int: String]) -> ReproductionPlan {
        var p = self
        p.learnedModels = models.sorted { $0.key < $1.key }.map { LearnedModelDirectory(vehicles: $0.key, directory: $0.value) }
        return p
    }

    /// Drops per sweep task at K vehicles and N antennas (R6).
    public func dropsPerTask(vehicles: Int, antennas: Int) -> Int {
        let work = max(1, vehicles * antennas)
        return min(max(1, drops), max(1, (sweepTaskWork + work - 1) / work))
    }
}

/// A directory holding the two networks of the `lstm` policy trained at K vehicles.
public struct LearnedModelDirectory: Sendable, Equatable, Codable {
    public var vehicles: Int
    public var directory: String

    public init(vehicles: Int, directory: String) {
        self.vehicles = vehicles
        self.directory = directory
    }

    /// `directory/assignment/model.islm` or `directory/beamforming/model.islm`.
    public func modelPath(_ task: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + task + "/model.islm"
    }
}
