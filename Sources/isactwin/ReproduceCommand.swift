import ArgumentParser
import Foundation
import ISACExperiments

/// How much of Section VII `reproduce` runs.
enum ReproductionScale: String, EnumerableFlag {
    case quick, full, tiny

    static func help(for value: ReproductionScale) -> ArgumentHelp? {
        switch value {
        case .quick: return "Reduced drops, samples, epochs and durations (minutes on two cores)."
        case .full: return "The paper's scale (100 drops, 40 s runs, 10,000/3,000 samples, 200 epochs; hours)."
        case .tiny: return "A tiny plan for tests and the cluster test (seconds; every figure, several tasks each)."
        }
    }

    var plan: ReproductionPlan {
        switch self {
        case .quick: return .quick
        case .full: return .full
        case .tiny: return .tiny
        }
    }
}

/// `isactwin reproduce`: every figure of Section VII (Figs. 5-11) as CSV, PNG and a report, as
/// independent tasks (R6) run on all cores, or only their manifest for a cluster.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce Figs. 5-11 and the corridor: CSVs, plots and DIR/report.md (paper claim, measurement, verdict).",
        discussion: """
            Expands the plan into independent tasks (figure point × drop range, dataset shard, \
            training run, closed-loop run per policy, corridor run per λ and policy), writes DIR/manifest.json, runs every task on \
            all cores (outputs in DIR/tasks/) and merges them: one CSV per figure, the plots \
            (scripts/plot_figures.py, matplotlib; preferring .venv/bin/python) and DIR/report.md. \
            Fig. 7 is also run on the table1-literal preset (MODEL.md M0). Ctrl-C stops after the \
            running tasks' current drop, slot or epoch; finished tasks are kept and the same \
            command resumes. With --manifest-only only DIR/manifest.json is written, for \
            `isactwin run-task` (e.g. on Slurm: scripts/slurm/submit.sh) and `isactwin merge`.

            Examples:
              isactwin reproduce --quick --out out/quick
              isactwin reproduce --full --out out/full
              isactwin reproduce --quick --figures 7,11 --out out/fig7
              isactwin reproduce --quick --figures corridor --out out/corridor
              isactwin reproduce --quick --lstm-models 20=models/K20 --out out/shipped
              isactwin reproduce --full --manifest-only --out out/full
            """)

    @Flag var scale: ReproductionScale = .quick

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Comma-separated figures to run: 5...11 and corridor (the policies on a corridor of RSU pairs at λ = 5 and 12.5, MODEL.md R12), or all; each figure's tasks run only if requested (the lstm scheme of Figs. 7, 9, 10 needs 5 and 6, or --lstm-models).")
    var figures: String = "all"

    @Option(help: "The lstm scheme's networks instead of training them: comma-separated K=DIR, each DIR holding assignment/model.islm and beamforming/model.islm (e.g. 20=models/K20).")
    var lstmModels: String?

    @OptionGroup var plotting: PlotOptions

    @Flag(help: "Write DIR/manifest.json only (the tasks for `isactwin run-task` and `isactwin merge`).")
    var manifestOnly = false

    @Flag(help: "Run nothing: merge the task outputs already in DIR again (same as `isactwin merge DIR`).")
    var reportOnly = false

    @Option(help: "Sweep task size in K·N per task (drops per task = ⌈work/(K·N)⌉; default: the plan's, chosen for minutes per task).")
    var sweepTaskWork: Int?

    @Option(help: "Tasks run at once (1...256; default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output directory.")
    var out: String

    func validate() throws {
        _ = try figureSet()
        _ = try modelDirectories()
        if let w = sweepTaskWork { try FlagCheck.integer("--sweep-task-work", w, 1...10_000_000) }
        try FlagCheck.integer("--jobs", jobs, 1...256)
        try OutputDirectory.check(out)
    }

    func figureSet() throws -> Set<ReproductionFigure> {
        let items = figures.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if items == ["all"] { return Set(ReproductionFigure.all) }
        var out: Set<ReproductionFigure> = []
        for item in items {
            guard let f = ReproductionFigure(parsing: item), out.insert(f).inserted else {
                throw ValidationError("--figures '\(item)' in '\(figures)' is invalid; valid: comma-separated distinct figures from 5...11 and corridor, or all.")
            }
        }
        return out
    }

    /// --lstm-models as K → absolute directory (run-task may run in another working directory).
    func modelDirectories() throws -> [Int: String] {
        guard let lstmModels else { return [:] }
        var out: [Int: String] = [:]
        for item in lstmModels.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let k = Int(pair[0]), (1...200).contains(k), !pair[1].isEmpty, out[k] == nil else {
                throw ValidationError("--lstm-models '\(item)' is invalid; valid: K=DIR with K in 1...200, each K once.")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: pair[1], isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--lstm-models: '\(pair[1])' (K = \(k)) is not a directory.")
            }
            out[k] = URL(fileURLWithPath: pair[1]).standardizedFileURL.path
        }
        return out
    }

    func run() throws {
        let manifestPath = (out as NSString).appendingPathComponent(ReproductionManifest.fileName)
        if reportOnly {
            try MergeCommand.assemble(manifest: try FileReproductionStore.manifest(at: manifestPath), directory: out, plotting: plotting)
            return
        }
        var plan = scale.plan
        let models = try modelDirectories()
        if !models.isEmpty { plan = plan.using(models: models) }
        if let w = sweepTaskWork { plan.sweepTaskWork = w }
        let manifest: ReproductionManifest
        do {
            manifest = try ReproductionManifest(plan: plan, config: try scenario.load(), seed: seedOption.seed, figures: try figureSet())
        } catch let error as ReproductionError {
            throw ValidationError("\(error)")
        }
        try OutputDirectory.prepare(out)
        let store = FileReproductionStore(directory: out)
        try store.write(manifest.encoded(), to: ReproductionManifest.fileName)
        let stages = manifest.stageRanges.map { "\($0.stage.rawValue) \($0.indices.count)" }.joined(separator: ", ")
        if manifestOnly {
            print("manifest: \(manifestPath) (\(manifest.tasks.count) tasks: \(stages))")
            for (stage, range) in manifest.stageRanges { print("  \(stage.rawValue): tasks \(range.lowerBound)...\(range.upperBound - 1)") }
            print("run one task: isactwin run-task --manifest \(manifestPath) --task I;  all on Slurm: scripts/slurm/submit.sh \(out)")
            return
        }

        log("reproduce: \(plan.name) plan, preset \(manifest.config.preset), seed \(manifest.seed), \(manifest.tasks.count) tasks (\(stages)), \(jobs) at once, into \(out)")
        let interrupt = InterruptFlag.install()
        let bar = ProgressBar(label: "tasks", total: manifest.tasks.count)
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try ReproductionExecutor(manifest: manifest, store: store).run(workers: jobs, isCancelled: { interrupt.isSet }) { i, file in
                bar.advance()
                if isatty(STDERR_FILENO) == 0 { log("  [\(i)] \(manifest.tasks[i].id): \(file.wallSeconds) s") }
            }
        } catch is CancellationError {
            bar.finish()
            log("isactwin: interrupted; finished tasks are kept in \(store.resolve("tasks")), run the same command to resume.")
            throw ExitCode(130)
        }
        bar.finish()
        log("tasks done in \(String(format: "%.1f", (clock.now - started).seconds)) s")
        try MergeCommand.assemble(manifest: manifest, directory: out, plotting: plotting)
        print("reproduce (\(plan.name)) finished in \(String(format: "%.1f", (clock.now - started).seconds)) s")
    }
}

private func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
