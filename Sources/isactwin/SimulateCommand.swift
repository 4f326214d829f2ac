import ArgumentParser
import DigitalTwin
import Foundation
import ISACExperiments
import ISACMath
import ISACOptimization
import ISACPhysics

/// `isactwin simulate`: the closed-loop twin on Poisson traffic, every policy side by side
/// (Figs. 9-11).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the closed-loop digital twin on Poisson traffic (Figs. 9-11).",
        discussion: """
            Every slot: vehicles move, each RSU transmits last slot's beams, the echoes update \
            each policy's EKF tracks, the twin predicts the next slot and the policy decides the \
            assignment and beams; rates are evaluated on the true geometry. All policies see the \
            same traffic (common random numbers). Writes DIR/timeseries.csv (one row per slot, \
            policy and antenna count) and DIR/summary.json.

            Examples:
              isactwin simulate --arrival-rate 5 --duration 40 --out runs/fig9
              isactwin simulate --arrival-rate 12.5 --duration 40 --out runs/fig10
              isactwin simulate --antennas 16,32,64 --policies distance-mf --out runs/fig11
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var solver: SolverFlags
    @OptionGroup var learned: LearnedPolicyOption

    @Option(help: "Arrival rate per direction, vehicles/s (default: the configuration's, 5).")
    var arrivalRate: Double?

    @Option(help: "Simulated time, s.")
    var duration: Double = 40

    @Option(help: "Comma-separated policies: \(DecisionPolicyRegistry.standard.names.joined(separator: ", ")), lstm (with --lstm).")
    var policies: String = "distance-mf,distance-fp,greedy,heuristic"

    @Option(help: "Comma-separated antenna counts N_t = N_r (one run each).")
    var antennas: String = "32"

    @Option(help: "Initial time excluded from the summary's rate statistics, s (default: 4 s, at most half the duration; the road starts empty).")
    var warmup: Double?

    var effectiveWarmup: Double { warmup ?? min(4, duration / 2) }

    @Flag(help: "Give each decision the slot's time budget (75 % of T, thread CPU time; anytime policies return their best so far) and replace a decision later than the slot by the fallback: the previous assignment with matched beams at the predicted positions.")
    var enforceDeadline = false

    @Option(help: "Deterministic work budget per decision: FP iterations over all FP runs of the decision (default: unlimited).")
    var budgetFpIterations: Int?

    @Option(help: "Time budget per decision, ms of thread CPU time (default: unlimited; with --enforce-deadline the tighter one applies).")
    var budgetMs: Double?

    @Flag(help: "Decide every slot cold instead of starting from the previous slot's decision carried over by vehicle id.")
    var noWarmStart = false

    var decisionBudget: DecisionBudget { DecisionBudget(fpIterations: budgetFpIterations, cpuSeconds: budgetMs.map { $0 / 1e3 }) }

    @Flag(help: "Decide on the true next-slot geometry instead of the twin's prediction.")
    var perfectTracking = false

    @Option(help: "Output directory (timeseries.csv and summary.json are written there).")
    var out: String

    func validate() throws {
        if let r = arrivalRate, !(r.isFinite && r >= 0 && r <= 1000) {
            throw ValidationError("--arrival-rate \(r) is out of range; valid: 0 to 1000 vehicles/s.")
        }
        guard duration.isFinite, duration > 0, duration <= 100_000 else {
            throw ValidationError("--duration \(duration) is out of range; valid: (0, 100000] s.")
        }
        if let w = warmup, !(w.isFinite && w >= 0 && w < duration) {
            throw ValidationError("--warmup \(w) is out of range; valid: [0, --duration) = [0, \(duration)) s.")
        }
        if let n = budgetFpIterations, !(0...1_000_000).contains(n) {
            throw ValidationError("--budget-fp-iterations \(n) is out of range; valid: 0...1000000.")
        }
        if let t = budgetMs, !(t.isFinite && t >= 0 && t <= 60_000) {
            throw ValidationError("--budget-ms \(t) is out of range; valid: 0 to 60000 ms.")
        }
        try decisionBudget.validate()
        _ = try policyList()
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: 2...1024)
    }

    func policyList() throws -> [any DecisionPolicy] {
        let registry = try learned.registry()
        let names = policies.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
            throw ValidationError("--policies '\(policies)': expected a comma-separated list of \(registry.names.joined(separator: ", ")).")
        }
        guard Set(names).count == names.count else {
            throw ValidationError("--policies '\(policies)': a policy appears twice.")
        }
        return try names.map { name in
            do { return try registry.policy(named: name) } catch let e as DecisionError {
                throw ValidationError("--policies: \(e)")
            }
        }
    }

    func run() throws {
        var config = try scenario.load()
        if let r = arrivalRate { config.traffic.arrivalRatePerDirection = r }
        let policyValues = try policyList()
        let antennaCounts = try CommaSeparated.integers(antennas, flag: "--antennas", range: 2...1024)
        let options = TwinOptions(
            perfectTracking: perfectTracking, enforceDeadline: enforceDeadline, warmStart: !noWarmStart,
            decisionBudget: decisionBudget)
        try AtomicFile.ensureDirectory(out)
        let interrupt = InterruptFlag.install()
        let experiment = ClosedLoopExperiment(
            config: config, policies: policyValues, antennaCounts: antennaCounts, durationSeconds: duration,
            options: options, decisionOptions: solver.options, seed: seedOption.seed)
        let bar = CurrentProgressBar()
        let perRun = experiment.slots * experiment.twinCount
        let runs = try experiment.run(
            beforeRun: { n in bar.start(label: "simulate N=\(n)", total: perRun) },
            afterRun: { _ in bar.finish() },
            step: {
                bar.advance()
                return !interrupt.isSet
            })
        guard let allRecords = runs else {
            FileHandle.standardError.write(Data("isactwin: interrupted; nothing was written.\n".utf8))
            throw ExitCode(130)
        }
        let csvPath = (out as NSString).appendingPathComponent("timeseries.csv")
        let jsonPath = (out as NSString).appendingPathComponent("summary.json")
        let warmupSlots = Int((effectiveWarmup / config.radio.slotSeconds).rounded())
        let summaries = allRecords.map { run in
            SimulationReport(antennas: run.antennas, policies: run.records.map { PolicySummary(records: $0, warmupSlots: warmupSlots) })
        }
        try AtomicFile.write(TimeseriesCSV.text(allRecords), to: csvPath)
        try AtomicFile.write(try SimulationReport.json(summaries, arrivalRate: config.traffic.arrivalRatePerDirection, duration: duration, seed: seedOption.seed), to: jsonPath)
        print("closed loop: λ = \(config.traffic.arrivalRatePerDirection)/s per direction, \(duration) s, "
            + "preset \(config.preset), seed \(seedOption.seed), summary after \(effectiveWarmup) s warm-up"
            + (enforceDeadline ? ", deadline enforced" : "") + (perfectTracking ? ", perfect tracking" : "")
            + (noWarmStart ? ", cold decisions" : ""))
        for s in summaries { print(s.table, terminator: "") }
        print("wrote \(csvPath)\nwrote \(jsonPath)")
    }
}
