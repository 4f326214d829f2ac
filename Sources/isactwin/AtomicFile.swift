import Foundation

/// Writes files so that a reader never sees a half-written one: the content goes to a temporary
/// file in the same directory, which is then renamed over the destination (atomic on POSIX).
enum AtomicFile {
    /// Creates `directory` (and parents) if needed.
    static func ensureDirectory(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
            // POSIX rename(2) replaces an existing destination atomically (FileManager.replaceItemAt
            // fails on Linux when the destination exists: "The file doesn't exist").
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
