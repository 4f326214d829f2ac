import Foundation
import ISACLearning

/// A dataset directory on disk: files are read whole and written through ``AtomicFile`` (temporary
/// file + rename), so a killed run never leaves a half-written shard or manifest.
struct FileDatasetStore: DatasetStore {
    let directory: String

    init(directory: String, create: Bool) throws {
        self.directory = directory
        if create {
            try AtomicFile.ensureDirectory(directory)
            AtomicFile.removeStaleTemporaries(in: directory)
        }
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    func read(_ name: String) throws -> Data? {
        FileManager.default.contents(atPath: path(name))
    }

    func writeAtomically(_ data: Data, to name: String) throws {
        try AtomicFile.write(data, to: path(name))
    }

    /// Whether `directory` holds a dataset manifest.
    static func isDataset(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(DatasetManifest.fileName))
    }
}
