import ArgumentParser
import DigitalTwin
import Foundation
import ISACMath
import ISACPhysics

/// `isactwin bench labels`: how learnable the heuristic's assignment labels are (L12): agreement
/// with the nearest RSU (floor), with the heuristic from a perturbed start and with exhaustive
/// (ceilings), and slot-to-slot persistence, on the slots a dataset would record.
struct BenchLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Measure the label floor (nearest RSU) and ceiling (heuristic vs itself, vs exhaustive).",
        discussion: """
            Runs the dataset's heuristic twin (same traffic, stride and warm-up as `isactwin dataset`) \
            and, on every recorded slot, decides the same problem again with the heuristic from a \
            perturbed start (the labels' own start, carried from the previous slot or with --cold-start \
            matched beams, plus noise of relative power --perturbation) and, where K \
            is at most --exhaustive-limit, exhaustively. Shares are over the recorded vehicles.
            Example: isactwin bench labels --vehicles 10,20 --slots 200
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var solver: SolverFlags

    @Option(help: "Comma-separated mean vehicle counts K (1...200).")
    var vehicles: String = "10,20"

    @Option(help: "Recorded slots per K (1...100000).")
    var slots: Int = 200

    @Option(help: "Slots between recorded slots (1...1000).")
    var stride: Int = 5

    @Option(help: "Relative power of the start perturbation (0...10).")
    var perturbation: Double = 0.1

    @Flag(help: "Cold labels: the heuristic twin decides every slot from scratch (datasets before issue 10) instead of from the previous slot's decision carried over (the default, L14).")
    var coldStart = false

    func validate() throws {
        _ = try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...200)
        try FlagCheck.integer("--slots", slots, 1...100_000)
        try FlagCheck.integer("--stride", stride, 1...1000)
        try FlagCheck.number("--perturbation", perturbation, 0, 10)
    }

    func run() throws {
        let parameters = ScenarioParameters(try scenario.load())
        print("K,slots,vehicles,nearest_pct,perturbed_heuristic_pct,perturbed_over_label_sum_rate,exhaustive_slots,exhaustive_pct,label_over_exhaustive_sum_rate,persistence_pct")
        for k in try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...200) {
            let generator = LearningDatasetGenerator(
                parameters: parameters, decisionOptions: solver.options, targetVehicles: k, stride: stride,
                seed: seedOption.seed &+ UInt64(k), chunkSize: 50, warmStart: !coldStart)
            let r = try LabelNoiseStudy(generator: generator, perturbation: perturbation).run(slots: slots)
            func pct(_ a: Int, _ b: Int) -> String { b > 0 ? String(format: "%.1f", 100 * Double(a) / Double(b)) : "" }
            func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.4f", a / b) : "" }
            print(
                "\(k),\(r.slots),\(r.vehicles),\(pct(r.nearest, r.vehicles)),\(pct(r.perturbed, r.vehicles)),"
                    + "\(ratio(r.perturbedSumRate, r.labelSumRate)),\(r.exhaustiveSlots),\(pct(r.exhaustive, r.exhaustiveVehicles)),"
                    + "\(ratio(r.labelSumRateOnExhaustiveSlots, r.exhaustiveSumRate)),\(pct(r.persistent, r.followed))")
        }
    }
}
