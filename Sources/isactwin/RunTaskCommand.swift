import ArgumentParser
import Foundation
import ISACExperiments

/// `isactwin run-task`: one task of a reproduction manifest (one Slurm array element, R6).
struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one task of a reproduction manifest (e.g. one Slurm array task).",
        discussion: """
            Runs task I of MANIFEST (0-based; default: $SLURM_ARRAY_TASK_ID) and writes its output \
            atomically to tasks/<task>.task next to the manifest; the tasks it depends on must have \
            run. Running a task again rewrites the same file (only its timing fields differ); a \
            killed task leaves no output, a failed one leaves tasks/<task>.failed with its error, \
            which `isactwin merge` reports.

            Examples:
              isactwin run-task --manifest out/full/manifest.json --task 17
              isactwin run-task --manifest out/full/manifest.json --stages   # index range per stage
            """)

    @Option(help: "The manifest (DIR/manifest.json from `reproduce --manifest-only --out DIR`).")
    var manifest: String

    @Option(help: "Task index, 0-based (default: $SLURM_ARRAY_TASK_ID).")
    var task: Int?

    @Flag(help: "Use one core inside the task (default: all cores; the output is the same).")
    var serial = false

    @Flag(help: "Do nothing if the task's output is already there and valid (for resubmitted arrays).")
    var skipDone = false

    @Flag(help: "Print each stage's name, first and last task index and prerequisite stages (or -), one line per stage, and exit.")
    var stages = false

    @Flag(help: "Print the tasks (index, stage, id, dependencies) and exit.")
    var list = false

    func run() throws {
        let m = try FileReproductionStore.manifest(at: manifest)
        if stages {
            // name, first and last index, and the stages it must run after ("-": none).
            let present = Set(m.stageRanges.map(\.stage))
            for (stage, range) in m.stageRanges {
                let after = stage.prerequisites.filter(present.contains).map(\.rawValue).joined(separator: ",")
                print("\(stage.rawValue) \(range.lowerBound) \(range.upperBound - 1) \(after.isEmpty ? "-" : after)")
            }
            return
        }
        if list {
            for (i, t) in m.tasks.enumerated() { print("\(i)\t\(t.stage.rawValue)\t\(t.id)\t\(t.dependencies.joined(separator: ","))") }
            return
        }
        let index = try taskIndex(count: m.tasks.count)
        let t = m.tasks[index]
        let directory = (manifest as NSString).deletingLastPathComponent
        let store = FileReproductionStore(directory: directory.isEmpty ? "." : directory)
        let runner = ReproductionTaskRunner(manifest: m, store: store)
        if skipDone, let done = try? runner.output(of: t.id) {
            print("\(t.id): already done (\(store.resolve(t.output)), \(done.wallSeconds) s wall)")
            return
        }
        let interrupt = InterruptFlag.install()
        FileHandle.standardError.write(Data("run-task \(index) (\(t.stage.rawValue)): \(t.id)\n".utf8))
        let file: ReproductionTaskFile
        do {
            file = try runner.run(index, parallel: !serial, isCancelled: { interrupt.isSet })
        } catch is CancellationError {
            FileHandle.standardError.write(Data("isactwin: interrupted; no output written for \(t.id).\n".utf8))
            throw ExitCode(130)
        }
        print("\(t.id): \(store.resolve(t.output)) (\(file.wallSeconds) s wall)")
    }

    func taskIndex(count: Int) throws -> Int {
        var index = task
        if index == nil, let env = ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"] {
            guard let i = Int(env) else { throw ValidationError("SLURM_ARRAY_TASK_ID '\(env)' is not an integer.") }
            index = i
        }
        guard let index else { throw ValidationError("--task: a task index is required (or set SLURM_ARRAY_TASK_ID).") }
        guard (0..<count).contains(index) else {
            throw ValidationError("--task \(index) is out of range; valid: 0...\(count - 1) (the manifest has \(count) tasks).")
        }
        return index
    }
}
