import Foundation

/// The output file of one task (R7): a short text header naming the task, the manifest it was
/// computed for, its wall time and its parts (name, size, FNV-1a 64 checksum), then the parts'
/// bytes:
///
///     isactwin-task 1
///     task fig7-N32-K20-d000-003
///     manifest 8c1f0a…
///     wall_seconds 12.5
///     part rows.csv 5120 1a2b…
///     end
///     <part bytes, in header order>
///
/// Written atomically (temporary file, then rename), so a killed task leaves no file; a
/// truncated, edited or foreign file fails ``init(decoding:task:manifest:)`` with the reason.
public struct ReproductionTaskFile: Sendable, Equatable {
    public static let magic = "isactwin-task 1"

    public var task: String
    public var manifestFingerprint: String
    /// Wall-clock time of the task's computation (a timing field: differs between runs).
    public var wallSeconds: Double
    /// Named parts in order.
    public var parts: [(name: String, data: Data)]

    public init(task: String, manifestFingerprint: String, wallSeconds: Double, parts: [(name: String, data: Data)]) {
        self.task = task
        self.manifestFingerprint = manifestFingerprint
        self.wallSeconds = wallSeconds
        self.parts = parts
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.task == b.task && a.manifestFingerprint == b.manifestFingerprint && a.wallSeconds == b.wallSeconds
            && a.parts.map(\.name) == b.parts.map(\.name) && a.parts.map(\.data) == b.parts.map(\.data)
    }

    public func part(_ name: String) -> Data? { parts.first { $0.name == name }?.data }

    public func encoded() -> Data {
        var header = "\(Self.magic)\ntask \(task)\nmanifest \(manifestFingerprint)\nwall_seconds \(wallSeconds)\n"
        for p in parts { header += "part \(p.name) \(p.data.count) \(TaskFileHash.hex(TaskFileHash.fnv1a64(p.data)))\n" }
        header += "end\n"
        var data = Data(header.utf8)
        for p in parts { data.append(p.data) }
        return data
    }

    /// Parses and verifies a task file: its task and manifest must be the expected ones, every
    /// part complete with its checksum, nothing after the last part.
    public init(decoding data: Data, task expectedTask: String, manifest expectedFingerprint: String) throws {
        func fail(_ reason: String) -> ReproductionError { .invalidTaskOutput(task: expectedTask, reason: reason) }
        guard let end = data.range(of: Data("\nend\n".utf8)) else { throw fail("no complete header (truncated or not a task file)") }
        let lines = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == Self.magic else { throw fail("not an isactwin task file") }
        var fields: [String: String] = [:]
        var declared: [(String, Int, String)] = []
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            if words.first == "part", words.count == 4, let size = Int(words[2]), size >= 0 {
                declared.append((words[1], size, words[3]))
            } else if words.count == 2 {
                fields[words[0]] = words[1]
            } else {
                throw fail("malformed header line '\(line)'")
            }
        }
        guard let task = fields["task"], task == expectedTask else {
            throw fail("the file belongs to task '\(fields["task"] ?? "?")'")
        }
        guard let fingerprint = fields["manifest"], fingerprint == expectedFingerprint else {
            throw fail("computed for another manifest (\(fields["manifest"] ?? "?"), this one is \(expectedFingerprint))")
        }
        guard let seconds = fields["wall_seconds"].flatMap(Double.init) else { throw fail("no wall_seconds") }
        var offset = end.upperBound
        var parts: [(String, Data)] = []
        for (name, size, checksum) in declared {
            guard data.endIndex - offset >= size else { throw fail("part \(name) is truncated") }
            let bytes = Data(data[offset..<(offset + size)])
            guard TaskFileHash.hex(TaskFileHash.fnv1a64(bytes)) == checksum else { throw fail("part \(name) fails its checksum (corrupted)") }
            parts.append((name, bytes))
            offset += size
        }
        guard offset == data.endIndex else { throw fail("\(data.endIndex - offset) bytes after the last part") }
        self.init(task: task, manifestFingerprint: fingerprint, wallSeconds: seconds, parts: parts)
    }
}

/// FNV-1a, 64 bit: integrity of task files and the manifest fingerprint (not cryptographic).
enum TaskFileHash {
    static func fnv1a64(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
