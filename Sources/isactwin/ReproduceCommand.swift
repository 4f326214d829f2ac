import ArgumentParser
import DigitalTwin
import Foundation
import ISACExperiments
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking

/// How much of Section VII `reproduce` runs.
enum ReproductionScale: String, EnumerableFlag {
    case quick, full

    static func help(for value: ReproductionScale) -> ArgumentHelp? {
        switch value {
        case .quick: return "Reduced drops, samples, epochs and durations (minutes on two cores)."
        case .full: return "The paper's scale (100 drops, 40 s runs, 10,000/3,000 samples, 200 epochs; hours)."
        }
    }
}

/// `isactwin reproduce`: every figure of Section VII (Figs. 5-11) as CSV, PNG and a report.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce Figs. 5-11: CSVs, plots and DIR/report.md (paper claim, measurement, verdict).",
        discussion: """
            Runs the experiments of Section VII, writes one CSV per figure into DIR, renders them \
            with scripts/plot_figures.py (matplotlib; preferring .venv/bin/python) and writes \
            DIR/report.md. Fig. 7 is also run on the table1-literal preset (MODEL.md M0). Without \
            Python or matplotlib the CSVs and the report are still written and the plotting command \
            is printed. Ctrl-C stops after the current drop, slot or epoch; files already written \
            are complete, nothing is half-written.

            Examples:
              isactwin reproduce --quick --out out/quick
              isactwin reproduce --full --out out/full
              isactwin reproduce --quick --figures 7,11 --out out/fig7
            """)

    @Flag var scale: ReproductionScale = .quick

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Comma-separated figures to run, from 5...11 (5 and 6 are one experiment).")
    var figures: String = "5,6,7,8,9,10,11"

    @Option(help: "The plotting script (default: scripts/plot_figures.py in the working directory or next to the repository of this executable).")
    var plotScript: String?

    @Option(help: "Python interpreter for plotting (default: .venv/bin/python if present, else python3).")
    var python: String?

    @Flag(help: "Write CSVs and the report only.")
    var noPlots = false

    @Flag(help: "Run nothing: re-plot and rewrite the report from the CSVs already in DIR (same --quick/--full as the run).")
    var reportOnly = false

    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        _ = try figureSet()
        try OutputDirectory.check(out)
    }

    func figureSet() throws -> Set<Int> {
        Set(try CommaSeparated.integers(figures, flag: "--figures", range: 5...11))
    }

    func run() throws {
        let plan = scale == .quick ? ReproductionPlan.quick : ReproductionPlan.full
        let config = try scenario.load()
        let wanted = try figureSet()
        let seed = seedOption.seed
        try OutputDirectory.prepare(out)
        let interrupt = InterruptFlag.install()
        let isCancelled: @Sendable () -> Bool = { interrupt.isSet }
        let clock = ContinuousClock()
        let started = clock.now
        var tables: [String: String] = [:]
        var written: [String] = []
        log("reproduce: \(plan.name) plan, preset \(config.preset), seed \(seed), into \(out)")

        func write(_ name: String, _ text: String) throws {
            let path = (out as NSString).appendingPathComponent(name)
            try AtomicFile.write(text, to: path)
            tables[name] = text
            written.append(path)
        }
        func stage(_ name: String, _ body: () throws -> Void) throws {
            guard !interrupt.isSet else { throw CancellationError() }
            log("[\(name)] start")
            let t0 = clock.now
            try body()
            log("[\(name)] done in \(seconds(clock.now - t0)) s")
        }

        var lstm: LearnedPolicy? = nil
        var learningNote: String? = nil
        if reportOnly {
            for name in ReproductionReport.csvFiles {
                let path = (out as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                tables[name] = String(decoding: data, as: UTF8.self)
                written.append(path)
            }
            guard !tables.isEmpty else { throw ValidationError("--report-only: no figure CSVs in '\(out)'.") }
        }
        do {
            guard !reportOnly else { throw SkipExperiments() }
            try stage("Fig. 11: RCRB vs time, N = \(plan.trackingAntennas.map(String.init).joined(separator: ","))") {
                try write("fig11.csv", try ReproductionExperiments.fig11(plan: plan, config: config, seed: seed))
            }
            if wanted.contains(5) || wanted.contains(6) {
                try stage("Figs. 5-6: datasets and training, K = \(plan.learningVehicleCounts.map(String.init).joined(separator: ","))") {
                    lstm = try runLearning(plan: plan, config: config, seed: seed, isCancelled: isCancelled, write: write)
                }
            } else {
                learningNote = "Figs. 5-6 were not requested (--figures), so the Bi-LSTM scheme is absent"
            }
            if wanted.contains(7) {
                // The learned policy joins the paper-preset sweep at its training N only (Fig. 8 varies N).
                let learned: [any DecisionPolicy] = plan.sweepAntennas == plan.closedLoopAntennas ? (lstm.map { [$0] } ?? []) : []
                for (preset, file, extra) in [(config, "fig7.csv", learned), (ScenarioConfig.table1Literal, "fig7_table1_literal.csv", [])] {
                    try stage("Fig. 7 (\(preset.preset)): rate vs K, \(plan.drops) drops") {
                        let sweep = ReproductionExperiments.fig7(plan: plan, config: preset, extraPolicies: extra, seed: seed)
                        try write(file, ReproductionCSV.sweep(try runSweep(sweep, label: "fig7 \(preset.preset)", isCancelled: isCancelled)))
                    }
                }
            }
            if wanted.contains(8) {
                try stage("Fig. 8: rate vs N at K = \(plan.antennaSweepVehicles), \(plan.drops) drops") {
                    let sweep = ReproductionExperiments.fig8(plan: plan, config: config, seed: seed)
                    try write("fig8.csv", ReproductionCSV.sweep(try runSweep(sweep, label: "fig8", isCancelled: isCancelled)))
                }
            }
            for (run, figure) in [9, 10].enumerated() where wanted.contains(figure) && run < plan.arrivalRates.count {
                try stage("Fig. \(figure): closed loop, λ = \(plan.arrivalRates[run])/s, \(plan.durationsSeconds[run]) s") {
                    let experiment = try ReproductionExperiments.closedLoop(
                        plan: plan, config: config, run: run, extraPolicies: lstm.map { [$0] } ?? [], seed: seed)
                    let bar = CurrentProgressBar()
                    let runs = try experiment.run(
                        beforeRun: { n in bar.start(label: "fig\(figure) N=\(n)", total: experiment.slots * experiment.twinCount) },
                        afterRun: { _ in bar.finish() },
                        step: {
                            bar.advance()
                            return !interrupt.isSet
                        })
                    guard let runs else { throw CancellationError() }
                    try write("fig\(figure).csv", TimeseriesCSV.text(runs))
                }
            }
        } catch is SkipExperiments {
        } catch is CancellationError {
            log("isactwin: interrupted; the files listed below are complete, the report was not written.")
            for path in written { log("  \(path)") }
            throw ExitCode(130)
        }

        // Plots, then the report (which says whether the plots exist).
        let plotted = noPlots ? PlotOutcome.skipped("--no-plots") : plot()
        var parsed: [String: CSVTable] = [:]
        for (name, text) in tables {
            do { parsed[name] = try CSVTable(parsing: text) } catch {
                throw ValidationError("\((out as NSString).appendingPathComponent(name)): \(error)")
            }
        }
        let built = ReproductionReport(
            tables: parsed, context: .init(plan: plan, seed: seed, preset: config.preset, learningNote: learningNote))
        var report = built.markdown
        if case .skipped(let why) = plotted {
            report = "> Plots not rendered (\(why)). To render them: `\(plotCommand())`\n\n" + report
        }
        let reportPath = (out as NSString).appendingPathComponent("report.md")
        try AtomicFile.write(report, to: reportPath)

        print("reproduce (\(plan.name)) finished in \(seconds(clock.now - started)) s")
        print("report: \(reportPath)")
        print("CSVs:   " + written.joined(separator: " "))
        if case .rendered(let pngs) = plotted { print("plots:  " + pngs.joined(separator: " ")) }
        if case .skipped(let why) = plotted { print("plots:  not rendered (\(why)); run: \(plotCommand())") }
        print("")
        for f in built.findings { print("\(f.figure): \(f.verdict) — \(f.finding)") }
    }

    // MARK: stages

    func runSweep(_ sweep: DecisionSweep, label: String, isCancelled: @escaping @Sendable () -> Bool) throws -> [SweepRow] {
        let bar = ProgressBar(label: label, total: sweep.points.count * sweep.drops)
        defer { bar.finish() }
        return try sweep.run(parallel: true, progress: { _, _ in bar.advance() }, isCancelled: isCancelled)
    }

    /// Figs. 5-6: per K a dataset and both networks; returns the `lstm` policy from the K nearest
    /// to the closed loop's mean vehicle count at the first arrival rate.
    func runLearning(
        plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, isCancelled: @escaping @Sendable () -> Bool,
        write: (String, String) throws -> Void
    ) throws -> LearnedPolicy? {
        var assignmentCurves: [(vehicles: Int, curve: [LearningCurveRecord])] = []
        var beamCurves: [(vehicles: Int, curve: [LearningCurveRecord])] = []
        var models: [Int: (LearnedModel, LearnedModel)] = [:]
        try AtomicFile.ensureDirectory((out as NSString).appendingPathComponent("models"))
        for k in plan.learningVehicleCounts {
            let experiment = try ReproductionExperiments.learning(plan: plan, config: config, vehicles: k, seed: seed)
            let (a, b) = experiment.chunkCounts
            let t0 = ContinuousClock.now
            let dataBar = ProgressBar(label: "dataset K=\(k)", total: a + b)
            let sets = try experiment.datasets(chunkDone: { dataBar.advance() }, isCancelled: isCancelled)
            dataBar.finish()
            guard let sets else { throw CancellationError() }
            log("  K = \(k): dataset in \(seconds(ContinuousClock.now - t0)) s, \(sets.training.samples.count) training, \(sets.validation.samples.count) validation samples (mean K \(String(format: "%.1f", Double(sets.training.vehicleCount) / Double(max(1, sets.training.samples.count)))))")
            var trained: [LearnedModel] = []
            for task in [LearningTask.assignment, .beamforming] {
                let bar = ProgressBar(label: "train \(task.rawValue) K=\(k)", total: plan.epochs)
                let (model, curve) = try experiment.train(task, training: sets.training, validation: sets.validation) { _ in
                    bar.advance()
                    if isCancelled() { throw CancellationError() }
                }
                bar.finish()
                let path = (out as NSString).appendingPathComponent("models/lstm_K\(k)_\(task.rawValue).islm")
                try AtomicFile.write(model.encoded(), to: path)
                trained.append(model)
                if task == .assignment { assignmentCurves.append((k, curve)) } else { beamCurves.append((k, curve)) }
                if let last = curve.last {
                    let metric = task == .assignment
                        ? String(format: "val_accuracy %.1f %%", 100 * (last.validationAccuracy ?? .nan))
                        : String(format: "val_mse %.4g", last.validationMSE ?? .nan)
                    log("  K = \(k) \(task.rawValue): \(metric) after \(curve.count) epochs")
                }
            }
            models[k] = (trained[0], trained[1])
        }
        try write("fig5.csv", ReproductionCSV.learningCurves(assignmentCurves))
        try write("fig6.csv", ReproductionCSV.learningCurves(beamCurves))
        guard let k = ReproductionExperiments.lstmVehicles(plan: plan, config: config, trained: Array(models.keys)),
            let (assignment, beams) = models[k]
        else { return nil }
        log("  lstm policy for Figs. 9-10: the models trained at K = \(k)")
        return LearnedPolicy(assignmentModel: assignment, beamformingModel: beams)
    }

    // MARK: plotting

    enum PlotOutcome {
        case rendered([String])
        case skipped(String)
    }

    /// The plotting script: --plot-script, else scripts/plot_figures.py in the working directory,
    /// else in the repository this executable was built in (.build/<config>/isactwin).
    func scriptPath() -> String? {
        if let plotScript { return plotScript }
        let local = "scripts/plot_figures.py"
        if FileManager.default.fileExists(atPath: local) { return local }
        let repo = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repo.appendingPathComponent(local).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    func interpreter() -> String {
        if let python { return python }
        return FileManager.default.isExecutableFile(atPath: ".venv/bin/python") ? ".venv/bin/python" : "python3"
    }

    func plotCommand() -> String {
        "\(interpreter()) \(scriptPath() ?? "scripts/plot_figures.py") \(out)"
    }

    func plot() -> PlotOutcome {
        guard let script = scriptPath(), FileManager.default.fileExists(atPath: script) else {
            return .skipped("plotting script not found; pass --plot-script")
        }
        let py = interpreter()
        guard runProcess(py, ["-c", "import matplotlib"], quiet: true) == 0 else {
            return .skipped("\(py) cannot import matplotlib; `make demo` installs it into .venv")
        }
        log("[plots] \(py) \(script) \(out)")
        guard runProcess(py, [script, out]) == 0 else { return .skipped("the plotting script failed (see above)") }
        let pngs = (try? FileManager.default.contentsOfDirectory(atPath: out))?.filter { $0.hasSuffix(".png") }.sorted() ?? []
        return .rendered(pngs.map { (out as NSString).appendingPathComponent($0) })
    }

    /// Runs a program (looked up in PATH when it has no slash; its output goes to stderr, or
    /// nowhere when `quiet`); returns its exit status, or −1 when it cannot start.
    func runProcess(_ program: String, _ arguments: [String], quiet: Bool = false) -> Int32 {
        let process = Process()
        if quiet { process.standardError = FileHandle.nullDevice }
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        process.standardOutput = quiet ? FileHandle.nullDevice : FileHandle.standardError
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Thrown to skip the experiments with --report-only.
private struct SkipExperiments: Error {}

private func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

private func seconds(_ d: Duration) -> String {
    String(format: "%.1f", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
}
