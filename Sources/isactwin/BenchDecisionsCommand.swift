import ArgumentParser
import Foundation
import ISACExperiments
import ISACMath
import ISACOptimization
import ISACPhysics

/// `isactwin bench decisions`: per-slot decision latency of each scheme on one thread.
struct BenchDecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "Per-slot decision latency of each scheme (one thread; build with -c release).",
        discussion: "Example: isactwin bench decisions --vehicles 10,20,50,100 --antennas 16,32,64")

    @Option(help: "Comma-separated vehicle counts K.")
    var vehicles: String = "10,20,50,100"

    @Option(help: "Comma-separated antenna counts N_t = N_r.")
    var antennas: String = "16,32,64"

    @Option(help: "Seeded drops timed per point.")
    var drops: Int = 20

    @Flag(help: "Print JSON (one object per scheme, vehicles and antennas) instead of a table.")
    var json = false

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seed: SeedOption
    @OptionGroup var solver: DecisionOptionsFlags
    @OptionGroup var budget: BudgetFlags

    func validate() throws {
        _ = try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...1000)
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        try FlagCheck.integer("--drops", drops, 1...100_000)
    }

    func run() throws {
        let config = try scenario.load()
        let antennaCounts = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        let sweep = DecisionSweep(
            kind: .vehicles, config: config, antennaCounts: antennaCounts,
            vehicleCounts: try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...1000), drops: drops,
            schemes: solver.schemeList, seed: seed.seed, options: solver.options,
            registry: try solver.registry(config: config, antennas: antennaCounts), budget: budget.budget)
        let entries: [DecisionBenchmark.Entry]
        do { entries = try DecisionBenchmark(sweep: sweep).run() } catch let e as DecisionError {
            throw ValidationError("\(e)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        } else {
            #if DEBUG
                print("warning: debug build; benchmark with -c release")
            #endif
            print("preset \(config.preset), sensing \(solver.noSensing ? "off" : "on"), one thread, slot \(config.radio.slotSeconds * 1e3) ms"
                + (budget.budget.isUnlimited ? "" : ", budget \(budget.summary)"))
            print(DecisionBenchmark.table(entries), terminator: "")
            let missed = Dictionary(grouping: entries, by: \.scheme).mapValues { $0.reduce(0) { $0 + $1.missedSlots } }
            for s in solver.schemeList { print("\(s): \(missed[s] ?? 0) of \(entries.filter { $0.scheme == s }.reduce(0) { $0 + $1.drops }) slots missed") }
        }
    }
}
