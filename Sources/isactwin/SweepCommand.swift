import ArgumentParser
import Foundation
import ISACExperiments
import ISACMath
import ISACOptimization
import ISACPhysics

/// `isactwin sweep vehicles|antennas`: the static sweeps of Figs. 7 and 8.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Static-drop sweeps of the decision schemes (Figs. 7 and 8).",
        subcommands: [SweepVehiclesCommand.self, SweepAntennasCommand.self])
}

/// Flags common to both sweeps.
struct SweepCommonOptions: ParsableArguments {
    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seed: SeedOption
    @OptionGroup var solver: DecisionOptionsFlags
    @OptionGroup var budget: BudgetFlags

    @Option(help: "Drops per point.")
    var drops: Int = 100

    @Option(help: "Output directory (sweep.csv is written there).")
    var out: String

    @Flag(help: "Run drops one after another instead of on all cores.")
    var serial = false

    @Flag(name: .customLong("no-timing"), help: "Write solve_time_s as 0, so the CSV is byte-identical between runs.")
    var noTiming = false

    func validate() throws {
        try FlagCheck.integer("--drops", drops, 1...1_000_000)
        try OutputDirectory.check(out)
    }

    func run(kind: DecisionSweep.Kind, antennas: [Int], vehicles: [Int]) throws {
        let config = try scenario.load()
        let sweep = DecisionSweep(
            kind: kind, config: config, antennaCounts: antennas, vehicleCounts: vehicles, drops: drops,
            schemes: solver.schemeList, seed: seed.seed, options: solver.options,
            registry: try solver.registry(config: config, antennas: antennas), budget: budget.budget)
        do { try sweep.validate() } catch let e as DecisionError { throw ValidationError("\(e)") }
        try OutputDirectory.prepare(out)
        let interrupt = InterruptFlag.install()
        let total = sweep.points.count * drops
        let step = max(1, total / 20)
        var rows: [SweepRow]
        do {
            rows = try sweep.run(
                parallel: !serial,
                progress: { done, total in
                    if done % step == 0 || done == total {
                        FileHandle.standardError.write(Data("sweep \(kind.rawValue): \(done)/\(total) drops\n".utf8))
                    }
                }, isCancelled: { interrupt.isSet })
        } catch is CancellationError {
            FileHandle.standardError.write(Data("isactwin: interrupted; nothing was written.\n".utf8))
            throw ExitCode(130)
        }
        if noTiming { rows = rows.map(\.withoutTiming) }
        let path = (out as NSString).appendingPathComponent("sweep.csv")
        try AtomicFile.write(SweepCSV.text(rows), to: path)
        print("preset \(config.preset), sensing \(solver.noSensing ? "off" : "on"), seed \(seed.seed), \(drops) drops"
            + (budget.budget.isUnlimited ? "" : ", budget \(budget.summary)"))
        print(SweepSummary(rows: rows).table, terminator: "")
        print("wrote \(path)")
    }
}

struct SweepVehiclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vehicles", abstract: "Sum rate against the number of vehicles (Fig. 7).",
        discussion: "Example: isactwin sweep vehicles --counts 2,5,10,20 --antennas 32 --drops 100 --out runs/fig7")

    @Option(help: "Comma-separated vehicle counts K.")
    var counts: String = "2,5,10,20,30,50,100"

    @Option(help: "Antennas per array N_t = N_r.")
    var antennas: Int = 32

    @OptionGroup var common: SweepCommonOptions

    func validate() throws {
        _ = try CommaSeparated.integers(counts, flag: "--counts", range: 1...1000)
        try FlagCheck.integer("--antennas", antennas, ScenarioConfig.antennaRange)
    }

    func run() throws {
        try common.run(
            kind: .vehicles, antennas: [antennas], vehicles: CommaSeparated.integers(counts, flag: "--counts", range: 1...1000))
    }
}

struct SweepAntennasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "antennas", abstract: "Sum rate against the number of antennas (Fig. 8).",
        discussion: "Example: isactwin sweep antennas --antennas 8,16,32,64,128 --vehicles 50 --out runs/fig8")

    @Option(help: "Comma-separated antenna counts N_t = N_r.")
    var antennas: String = "8,16,32,64,128"

    @Option(help: "Vehicles per drop K.")
    var vehicles: Int = 50

    @OptionGroup var common: SweepCommonOptions

    func validate() throws {
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        try FlagCheck.integer("--vehicles", vehicles, 1...1000)
    }

    func run() throws {
        try common.run(
            kind: .antennas, antennas: CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange), vehicles: [vehicles])
    }
}
