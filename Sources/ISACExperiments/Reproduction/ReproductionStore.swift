import Foundation

/// Where a reproduction's files live (R7): the CLI's directory (atomic writes) or memory (tests).
/// Paths are relative to the run directory; the `lstm` scheme's model paths
/// (``ReproductionPlan/learnedModels``) are read as given.
public protocol ReproductionStore: Sendable {
    func read(_ path: String) throws -> Data?
    /// Replaces the file atomically (readers see the old file or the new one, never a part).
    func write(_ data: Data, to path: String) throws
    func remove(_ path: String) throws
}

/// A store in memory.
public final class InMemoryReproductionStore: ReproductionStore, @unchecked Sendable {
    private var files: [String: Data] = [:]
    private let lock = NSLock()

    public init(files: [String: Data] = [:]) { self.files = files }

    public var allFiles: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return files
    }

    public func read(_ path: String) throws -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return files[path]
    }

    public func write(_ data: Data, to path: String) throws {
        lock.lock()
        files[path] = data
        lock.unlock()
    }

    public func remove(_ path: String) throws {
        lock.lock()
        files[path] = nil
        lock.unlock()
    }
}
