import ArgumentParser
import Foundation
import ISACExperiments

/// --plot-script, --python, --no-plots: how `reproduce` and `merge` render the figures.
struct PlotOptions: ParsableArguments {
    @Option(help: "The plotting script (default: scripts/plot_figures.py in the working directory or next to the repository of this executable).")
    var plotScript: String?

    @Option(help: "Python interpreter for plotting (default: .venv/bin/python if present, else python3).")
    var python: String?

    @Flag(help: "Write CSVs and the report only.")
    var noPlots = false
}

/// `isactwin merge DIR`: the figures, networks, report and task times from the task outputs in
/// DIR (R6, R7); fails naming every missing or failed task.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Assemble a reproduction's CSVs, plots and report.md from its task outputs (DIR/tasks/).",
        discussion: """
            Reads DIR/manifest.json and every task's output DIR/tasks/<task>.task (checked: task, \
            manifest fingerprint, per-part checksums), and writes the figure CSVs, \
            DIR/models/K<k>/{assignment,beamforming}/model.islm, DIR/task_times.csv, the plots and \
            DIR/report.md. If any task's output is missing, failed or corrupted, nothing is written \
            and every such task is named (exit 1). The result does not depend on how the tasks \
            were run (one process, a Slurm array, re-runs).

            Example: isactwin merge out/full
            """)

    @Argument(help: "The run directory (holds manifest.json and tasks/).")
    var directory: String

    @OptionGroup var plotting: PlotOptions

    func run() throws {
        let manifest = try FileReproductionStore.manifest(at: (directory as NSString).appendingPathComponent(ReproductionManifest.fileName))
        try Self.assemble(manifest: manifest, directory: directory, plotting: plotting)
    }

    /// Merges, writes every file, prints the summary.
    static func assemble(manifest: ReproductionManifest, directory: String, plotting: PlotOptions) throws {
        let store = FileReproductionStore(directory: directory)
        let merged = try ReproductionMerge(manifest: manifest, store: store)
        var written: [String] = []
        for (name, text) in merged.csv.sorted(by: { $0.key < $1.key }) {
            try store.write(Data(text.utf8), to: name)
            written.append(store.resolve(name))
        }
        // Figures of an earlier run into the same directory that this merge does not have.
        for name in ReproductionReport.csvFiles + ReproductionReport.corridorCSVFiles + [ReproductionSweep.sensingOff.file] where merged.csv[name] == nil {
            try store.remove(name)
            try store.remove((name as NSString).deletingPathExtension + ".png")
        }
        for (name, data) in merged.models { try store.write(data, to: name) }
        try store.write(Data(merged.taskTimes.utf8), to: "task_times.csv")

        let plotter = FigurePlotter(plotScript: plotting.plotScript, python: plotting.python, directory: directory)
        let plotted = plotting.noPlots ? FigurePlotter.Outcome.skipped("--no-plots") : plotter.plot()
        var report = merged.report.markdown
        if case .skipped(let why) = plotted {
            report = "> Plots not rendered (\(why)). To render them: `\(plotter.command)`\n\n" + report
        }
        try store.write(Data(report.utf8), to: "report.md")

        print("merged \(manifest.tasks.count) tasks of the \(manifest.plan.name) plan (seed \(manifest.seed)) into \(directory)")
        print("report: \(store.resolve("report.md"))")
        print("CSVs:   " + written.joined(separator: " "))
        if !merged.models.isEmpty { print("models: \(store.resolve("models"))") }
        switch plotted {
        case .rendered(let pngs): print("plots:  " + pngs.joined(separator: " "))
        case .skipped(let why): print("plots:  not rendered (\(why)); run: \(plotter.command)")
        }
        print("task times (wall, s; \(store.resolve("task_times.csv"))):")
        for s in merged.stageTimes {
            let name = s.stage.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            print("  \(name)" + String(format: "%5d tasks  total %9.1f  longest %8.1f", s.tasks, s.totalSeconds, s.longestSeconds))
        }
        print("")
        for f in merged.report.findings { print("\(f.figure): \(f.verdict) — \(f.finding)") }
    }
}
