/// The scale of a reproduction run: which points of Figs. 5-11 are computed and with how many
/// drops, samples, epochs and seconds. Data only; ``quick`` fits in minutes on two cores,
/// ``full`` is the paper's scale (Section VII).
public struct ReproductionPlan: Sendable, Equatable {
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
    /// The schemes compared in Figs. 7-10 (the learned policy is added when trained).
    public var schemes: [String]

    public static let quick = ReproductionPlan(
        name: "quick", learningVehicleCounts: [5, 10, 20], trainingSamples: 200, validationSamples: 60,
        epochs: 60, learningStride: 2, vehicleCounts: [2, 5, 10, 20, 30, 50], sweepAntennas: 32,
        antennaCounts: [8, 16, 32, 64], antennaSweepVehicles: 50, drops: 12, arrivalRates: [5, 12.5],
        durationsSeconds: [3, 2.4], warmupsSeconds: [2, 1.6], closedLoopAntennas: 32, trackingAntennas: [16, 32, 64],
        schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"])

    public static let full = ReproductionPlan(
        name: "full", learningVehicleCounts: [10, 20, 50], trainingSamples: 10_000, validationSamples: 3_000,
        epochs: 200, learningStride: 5, vehicleCounts: [2, 5, 10, 20, 30, 50, 100], sweepAntennas: 32,
        antennaCounts: [8, 16, 32, 64, 128], antennaSweepVehicles: 50, drops: 100, arrivalRates: [5, 12.5],
        durationsSeconds: [40, 40], warmupsSeconds: [4, 4], closedLoopAntennas: 32, trackingAntennas: [16, 32, 64],
        schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"])

    /// A tiny plan for tests: every figure, seconds of work.
    public static let tiny = ReproductionPlan(
        name: "tiny", learningVehicleCounts: [3], trainingSamples: 8, validationSamples: 4, epochs: 2,
        learningStride: 3, vehicleCounts: [2, 4], sweepAntennas: 8, antennaCounts: [4, 8], antennaSweepVehicles: 3,
        drops: 3, arrivalRates: [5, 12.5], durationsSeconds: [0.5, 0.5], warmupsSeconds: [0.1, 0.1], closedLoopAntennas: 8,
        trackingAntennas: [8, 16], schemes: ["distance-mf", "distance-fp", "greedy", "heuristic"])
}
