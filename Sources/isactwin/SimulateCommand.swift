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
            policy and antenna count) and DIR/summary.json. On a corridor (--preset corridor, \
            or geometry.corridor in --config) vehicles are tracked and decided per cell, \
            summary.json adds hand-overs per vehicle-km, the served share and per-RSU load, and \
            DIR/serving.csv lists the serving RSU (1-based) of every served vehicle every 0.5 s.

            Examples:
              isactwin simulate --arrival-rate 5 --duration 40 --out runs/fig9
              isactwin simulate --arrival-rate 12.5 --duration 40 --out runs/fig10
              isactwin simulate --antennas 16,32,64 --policies distance-mf --out runs/fig11
              isactwin simulate --preset corridor --duration 10 --out runs/corridor
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var solver: SolverFlags
    @OptionGroup var learned: LearnedPolicyOption

    @Option(help: "Arrival rate per direction, vehicles/s (default: the configuration's, 5).")
    var arrivalRate: Double?

    @Option(help: "Simulated time, s.")
    var duration: Double = 40

    @Option(help: "Comma-separated policies: \(DecisionPolicyRegistry.standard.names.joined(separator: ", ")), lstm, lstm-fp (shipped models, or --lstm).")
    var policies: String = "distance-mf,distance-fp,greedy,heuristic"

    @Option(help: "Comma-separated antenna counts N_t = N_r (one run each).")
    var antennas: String = "32"

    @Option(help: "Initial time excluded from the summary's rate statistics, s (default: 4 s, at most half the duration; the road starts empty).")
    var warmup: Double?

    var effectiveWarmup: Double { warmup ?? min(4, duration / 2) }

    @Flag(help: "Give each decision the slot's time budget (75 % of T, thread CPU time; anytime policies return their best so far) and replace a decision later than the slot by the fallback: the previous assignment with matched beams at the predicted positions. On a corridor the cells share the slot as --deadline-scope says.")
    var enforceDeadline = false

    @OptionGroup var budget: BudgetFlags

    @OptionGroup var cells: CellFlags

    @Flag(help: "Decide every slot cold instead of starting from the previous slot's decision carried over by vehicle id.")
    var noWarmStart = false

    var decisionBudget: DecisionBudget { budget.budget }

    @Flag(help: "Start from the road's steady state (Poisson traffic already on the whole road; the twin acquires each vehicle once with a beam at its position) instead of an empty road: a long corridor takes L/v̄ to fill (40 s at 1.2 km).")
    var startFilled = false

    @Option(help: "How a corridor cell acquires a vehicle crossing into it: prediction (from the twin's estimate at the previous cell's RSU, mapped with its covariance) or cold (from the new RSU's first echo, as a vehicle entering the road).")
    var handOver: String = HandOverAcquisition.prediction.rawValue

    @Flag(help: "Decide on the true next-slot geometry instead of the twin's prediction.")
    var perfectTracking = false

    @Option(help: "Output directory (timeseries.csv and summary.json are written there).")
    var out: String

    func validate() throws {
        if let r = arrivalRate { try FlagCheck.number("--arrival-rate", r, 0, 1000, unit: " vehicles/s") }
        try FlagCheck.number("--duration", duration, 0, 100_000, lowerOpen: true, unit: " s")
        if let w = warmup { try FlagCheck.number("--warmup", w, 0, duration.nextDown, unit: " s (less than --duration)") }
        try FlagCheck.oneOf("--hand-over", handOver, HandOverAcquisition.allCases.map(\.rawValue))
        _ = try CommaSeparated.names(policies, flag: "--policies", known: learned.knownNames, hint: learned.hint)
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        try OutputDirectory.check(out)
    }

    /// The policies; `lstm`/`lstm-fp` use the model pair trained for the vehicle count nearest
    /// the scene's mean K = 2Lλ/v̄ per decision cell (Little's law, TW11, C3), checked against
    /// every --antennas run.
    func policyList(config: ScenarioConfig, antennaCounts: [Int]) throws -> [any DecisionPolicy] {
        let names = try CommaSeparated.names(policies, flag: "--policies", known: learned.knownNames, hint: learned.hint)
        let base = ScenarioParameters(config)
        // Per decision cell on a corridor: each cell is one problem (C3).
        let meanVehicles = 2 * base.highway.length * config.traffic.arrivalRatePerDirection / config.traffic.meanSpeed
            / Double(base.highway.cells.count)
        var registry = DecisionPolicyRegistry.standard
        for n in antennaCounts {
            var c = config
            c.antennas.transmit = n
            c.antennas.receive = n
            registry = try learned.registry(requested: names, parameters: ScenarioParameters(c), meanVehicles: meanVehicles)
        }
        return try names.map { try registry.policy(named: $0) }
    }

    func run() throws {
        let config = try scenario.load(arrivalRate: arrivalRate)
        let antennaCounts = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        let policyValues = try policyList(config: config, antennaCounts: antennaCounts)
        let slots = try config.slots(forDuration: duration, field: "--duration", maximumSeconds: 100_000)
        var options = TwinOptions(
            perfectTracking: perfectTracking, enforceDeadline: enforceDeadline, warmStart: !noWarmStart,
            decisionBudget: decisionBudget)
        let onCorridor = config.geometry.corridor != nil
        options.recordServing = onCorridor
        options.handOver = HandOverAcquisition(rawValue: handOver)
        options = try cells.applied(to: options)
        try OutputDirectory.prepare(out)
        let interrupt = InterruptFlag.install()
        var experiment = ClosedLoopExperiment(
            config: config, policies: policyValues, antennaCounts: antennaCounts, durationSeconds: duration,
            options: options, decisionOptions: solver.options, seed: seedOption.seed)
        experiment.startFilled = startFilled
        let csvPath = (out as NSString).appendingPathComponent("timeseries.csv")
        let jsonPath = (out as NSString).appendingPathComponent("summary.json")
        let warmupSlots = Int((effectiveWarmup / config.radio.slotSeconds).rounded())
        // Rows stream to the temporary CSV and into constant-size summaries (D13); the CSV appears
        // only when the whole run has finished, and summary.json after it.
        var summaries: [(antennas: Int, policies: [PolicySummary.Accumulator])] = []
        let bar = CurrentProgressBar()
        let perRun = slots * experiment.twinCount
        var json = ""
        let servingPath = (out as NSString).appendingPathComponent("serving.csv")
        var servingCSV = onCorridor ? try AtomicFile.Stream(path: servingPath) : nil
        defer { servingCSV?.abandon() }  // interrupted or failed: no half-written serving.csv
        try AtomicFile.streaming(to: csvPath) { csv in
            try csv.append(TimeseriesCSV.header.joined(separator: ",") + "\n")
            try servingCSV?.append(ServingCSV.header.joined(separator: ",") + "\n")
            let finished = try experiment.stream(
                beforeRun: { n in
                    bar.start(label: "simulate N=\(n)", total: perRun)
                    summaries.append((n, policyValues.map { _ in
                        var a = PolicySummary.Accumulator(slots: slots, warmupSlots: warmupSlots)
                        if onCorridor {
                            a.corridor = CorridorSummary.Accumulator(
                                rsuCount: config.geometry.rsus.count, meanSpeed: config.traffic.meanSpeed,
                                slotSeconds: config.radio.slotSeconds, warmupSlots: warmupSlots)
                        }
                        return a
                    }))
                },
                afterRun: { _ in bar.finish() },
                step: {
                    bar.advance()
                    return !interrupt.isSet
                },
                onBlock: { n, block in
                    try csv.append(TimeseriesCSV.rows(antennas: n, records: block))
                    try servingCSV?.append(ServingCSV.rows(antennas: n, records: block, slotSeconds: config.radio.slotSeconds))
                    for p in block.indices { for r in block[p] { summaries[summaries.count - 1].policies[p].add(r) } }
                })
            if finished {
                try servingCSV?.commit()
                servingCSV = nil
                json = try SimulationReport.json(
                    summaries.map { SimulationReport(antennas: $0.antennas, policies: $0.policies.map(\.summary)) },
                    arrivalRate: config.traffic.arrivalRatePerDirection, duration: duration, seed: seedOption.seed)
            }
            return finished
        }
        try AtomicFile.write(json, to: jsonPath)
        let reports = summaries.map { SimulationReport(antennas: $0.antennas, policies: $0.policies.map(\.summary)) }
        print("closed loop: λ = \(config.traffic.arrivalRatePerDirection)/s per direction, \(duration) s, "
            + "preset \(config.preset), seed \(seedOption.seed), summary after \(effectiveWarmup) s warm-up"
            + (enforceDeadline ? ", deadline enforced" : "") + (perfectTracking ? ", perfect tracking" : "")
            + (noWarmStart ? ", cold decisions" : "") + (startFilled ? ", road filled at start" : ""))
        for s in reports {
            print(s.table, terminator: "")
            for p in s.policies {
                guard let c = p.corridor else { continue }
                func number(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "n/a" }
                var line = "  \(p.policy): \(c.handovers) hand-overs, "
                line += number(c.handoversPerVehicleKm, "%.2f") + " per vehicle-km, served share "
                line += number(c.meanServedShare, "%.3f")
                line += ", slot " + number(1000 * c.meanSlotTime, "%.2f") + " ms (decisions "
                line += number(1000 * c.meanDecisionTime, "%.2f") + " ms) thread CPU, RCRB_d after hand-over "
                line += number(c.handOverRCRBDistance, "%.2e") + " m, one slot later "
                line += number(c.handOverRCRBDistanceNextSlot, "%.2e") + " m"
                line += "\n    decisions p99: " + number(1000 * c.decisionCPUP99, "%.2f") + " ms thread CPU over "
                line += "\(options.resolvedCellWorkers) worker(s), critical path " + number(1000 * c.decisionCriticalPathP99, "%.2f")
                line += " ms (\((options.deadlineScope ?? .corridor).rawValue) deadline), wall " + number(1000 * c.decisionWallP99, "%.2f")
                line += " ms; " + number(c.meanDecidedCells, "%.1f") + " cells per slot, quiet share "
                line += number(c.meanQuietShare, "%.3f")
                print(line)
            }
        }
        print("wrote \(csvPath)\nwrote \(jsonPath)" + (onCorridor ? "\nwrote \(servingPath)" : ""))
    }
}
