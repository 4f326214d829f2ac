import ArgumentParser
import Foundation

/// Writes files so that a reader never sees a half-written one (D12): the content goes to a
/// temporary file `.NAME.tmp-PID` in the same directory, is flushed to the disk (`fsync`), then
/// renamed over the destination (atomic on POSIX), and the directory is synced so the rename
/// survives a crash. Temporary files left by processes that no longer exist (a SIGKILL between
/// write and rename) are removed by ``removeStaleTemporaries(in:)``.
enum AtomicFile {
    /// A file system failure, with the path and the system's reason.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Creates `directory` (and parents) if needed.
    static func ensureDirectory(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        var stream = try Stream(path: path)
        do {
            try stream.append(data)
            try stream.commit()
        } catch {
            stream.abandon()
            throw error
        }
    }

    /// Streams a long run's output to `path`: `body` appends to the stream and returns false if
    /// the run was interrupted. The file appears only if `body` returns true; otherwise the
    /// temporary file is removed and the command ends with "interrupted" and exit code 130, and on
    /// an error it is removed and the error rethrown.
    static func streaming(to path: String, _ body: (inout Stream) throws -> Bool) throws {
        var stream = try Stream(path: path)
        let finished: Bool
        do { finished = try body(&stream) } catch {
            stream.abandon()
            throw error
        }
        guard finished else {
            stream.abandon()
            FileHandle.standardError.write(Data("isactwin: interrupted; nothing was written.\n".utf8))
            throw ExitCode(130)
        }
        try stream.commit()
    }

    /// The temporary name of `path` for process `pid`.
    static func temporaryPath(for path: String, pid: Int32 = getpid()) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(pid)").path
    }

    /// Removes `.NAME.tmp-PID` files in `directory` whose process no longer runs; returns their names.
    @discardableResult
    static func removeStaleTemporaries(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards),
                let pid = Int32(name[marker.upperBound...]), pid > 0, pid != getpid()
            else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) != 0, errno == ESRCH {
                if (try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))) != nil {
                    removed.append(name)
                }
            }
        }
        return removed
    }

    /// A file written piece by piece (rows streamed from a long run) that appears at `path` only
    /// on ``commit()``; until then only the temporary file exists. Memory stays bounded by the
    /// buffer, whatever the file's length.
    struct Stream {
        let path: String
        let temporary: String
        private var descriptor: Int32
        private var buffer: [UInt8] = []
        private static let bufferBytes = 1 << 20

        init(path: String) throws {
            self.path = path
            temporary = AtomicFile.temporaryPath(for: path)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            buffer.reserveCapacity(Self.bufferBytes)
        }

        mutating func append(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.bufferBytes { try flush() }
        }

        mutating func append(_ data: Data) throws {
            try flush()
            try data.withUnsafeBytes { try writeAll($0) }
        }

        private mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try buffer.withUnsafeBytes { try writeAll($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }

        /// Flushes, syncs and renames the temporary file to `path`, then syncs the directory.
        mutating func commit() throws {
            try flush()
            guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
            close(descriptor)
            descriptor = -1
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            let directory = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
        }

        /// Removes the temporary file (the destination is untouched).
        mutating func abandon() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
        }
    }
}
