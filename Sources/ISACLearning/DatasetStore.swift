import Foundation

/// Where a dataset's files live. The library never touches the file system: the CLI implements
/// this over a directory (writing through a temporary file and a rename), tests in memory.
public protocol DatasetStore {
    /// The file's bytes, or nil if it does not exist.
    func read(_ name: String) throws -> Data?
    /// Replaces the file atomically: a reader sees either the old or the new content.
    func writeAtomically(_ data: Data, to name: String) throws
}

/// A dataset kept in memory (tests, small synthetic sets).
public final class InMemoryDatasetStore: DatasetStore, @unchecked Sendable {
    public private(set) var files: [String: Data] = [:]

    public init() {}

    public func read(_ name: String) throws -> Data? { files[name] }

    public func writeAtomically(_ data: Data, to name: String) throws { files[name] = data }

    /// Removes a file (to simulate damage in tests).
    public func remove(_ name: String) { files[name] = nil }
}
