import ArgumentParser
import Foundation
import ISACExperiments

/// A reproduction's run directory on disk: paths are relative to it (absolute paths, e.g. the
/// `lstm` scheme's model directories, are read as given); writes are atomic (``AtomicFile``).
struct FileReproductionStore: ReproductionStore {
    let directory: String

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    func read(_ path: String) throws -> Data? { FileManager.default.contents(atPath: resolve(path)) }

    func write(_ data: Data, to path: String) throws {
        let full = resolve(path)
        try AtomicFile.ensureDirectory((full as NSString).deletingLastPathComponent)
        try AtomicFile.write(data, to: full)
    }

    func remove(_ path: String) throws {
        let full = resolve(path)
        if FileManager.default.fileExists(atPath: full) { try FileManager.default.removeItem(atPath: full) }
    }

    /// Reads and verifies DIR/manifest.json.
    static func manifest(at path: String) throws -> ReproductionManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): no such manifest (write one with `isactwin reproduce --manifest-only --out DIR`).")
        }
        do { return try ReproductionManifest(decoding: data, name: path) } catch { throw ValidationError("\(error)") }
    }
}
