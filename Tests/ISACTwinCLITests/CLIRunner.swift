import Foundation

/// Runs the built `isactwin` binary (next to the test bundle in `.build/<configuration>/`).
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL? = {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for c in ["release", "debug"] { candidates.append(root.appendingPathComponent(".build/\(c)")) }
        for directory in candidates {
            for d in [directory, directory.deletingLastPathComponent()] {
                let url = d.appendingPathComponent("isactwin")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    /// A fresh scratch directory.
    static func scratch(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("isactwin-cli-\(getpid())-\(name)").path
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts `isactwin args` with stdout and stderr going to files in `directory`.
    static func start(_ args: [String], in directory: String) throws -> (Process, String, String) {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "isactwin (build it first)"]) }
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = (directory as NSString).appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = (directory as NSString).appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        return (process, out, err)
    }

    /// Runs to completion.
    static func run(_ args: [String], in directory: String) throws -> Result {
        let (process, out, err) = try start(args, in: directory)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Polls `condition` up to `polls` times, 50 ms apart. The bound only turns a hang into a failed
    /// test (a liveness guard, generous on a loaded machine); no clock is read and no speed asserted.
    static func wait(polls: Int = 2400, _ condition: () -> Bool) -> Bool {
        for _ in 0..<polls {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Waits for `process` to exit; kills it (and returns false) after `polls` polls, so a run that
    /// ignores SIGINT fails the test instead of hanging the suite.
    static func waitForExit(_ process: Process, polls: Int = 1200) -> Bool {
        if wait(polls: polls, { !process.isRunning }) { return true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return false
    }

    /// Files of a directory whose names start with `prefix` (temporary files are hidden).
    static func files(in directory: String, prefix: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
