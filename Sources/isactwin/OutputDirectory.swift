import ArgumentParser
import Foundation
import ISACPhysics

/// `--out DIR` checks, done before any work starts (D12): DIR must be a directory (or creatable:
/// its nearest existing ancestor is a writable directory) and writable. Errors name the flag.
enum OutputDirectory {
    /// Throws a usage error (exit 64) naming `flag` if `path` cannot receive output files.
    static func check(_ path: String, flag: String = "--out") throws {
        func fail(_ why: String) -> ValidationError {
            ValidationError(ConfigError(field: flag, value: "'\(path)'", validRange: "a writable directory (created if missing); \(why)").description)
        }
        guard !path.isEmpty else { throw fail("the path is empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw fail("it is a file") }
            guard access(path, W_OK | X_OK) == 0 else { throw fail("it is not writable") }
            return
        }
        // The nearest existing ancestor must be a writable directory.
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var ancestor = path.hasPrefix("/") ? "/" : "."
        while !components.isEmpty {
            components.removeLast()
            let candidate = (path.hasPrefix("/") ? "/" : "") + components.joined(separator: "/")
            if !components.isEmpty, FileManager.default.fileExists(atPath: candidate) {
                ancestor = candidate
                break
            }
        }
        _ = FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory)
        guard isDirectory.boolValue else { throw fail("'\(ancestor)' is a file") }
        guard access(ancestor, W_OK | X_OK) == 0 else { throw fail("'\(ancestor)' is not writable") }
    }

    /// Checks, creates `path` if needed and removes stale temporary files of dead processes.
    static func prepare(_ path: String, flag: String = "--out") throws {
        try check(path, flag: flag)
        try AtomicFile.ensureDirectory(path)
        AtomicFile.removeStaleTemporaries(in: path)
    }
}
