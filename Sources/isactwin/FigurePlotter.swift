import Foundation

/// Renders a run directory's figure CSVs with scripts/plot_figures.py (matplotlib).
struct FigurePlotter {
    enum Outcome {
        case rendered([String])
        case skipped(String)
    }

    /// --plot-script, --python and the directory.
    var plotScript: String?
    var python: String?
    var directory: String

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

    var command: String { "\(interpreter()) \(scriptPath() ?? "scripts/plot_figures.py") \(directory)" }

    func plot() -> Outcome {
        guard let script = scriptPath(), FileManager.default.fileExists(atPath: script) else {
            return .skipped("plotting script not found; pass --plot-script")
        }
        let py = interpreter()
        guard Self.runProcess(py, ["-c", "import matplotlib"], quiet: true) == 0 else {
            return .skipped("\(py) cannot import matplotlib; `make demo` installs it into .venv")
        }
        FileHandle.standardError.write(Data("[plots] \(py) \(script) \(directory)\n".utf8))
        guard Self.runProcess(py, [script, directory]) == 0 else { return .skipped("the plotting script failed (see above)") }
        let pngs = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasSuffix(".png") }.sorted() ?? []
        return .rendered(pngs.map { (directory as NSString).appendingPathComponent($0) })
    }

    /// Runs a program (looked up in PATH when it has no slash; its output goes to stderr, or
    /// nowhere when `quiet`); returns its exit status, or −1 when it cannot start.
    static func runProcess(_ program: String, _ arguments: [String], quiet: Bool = false) -> Int32 {
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
