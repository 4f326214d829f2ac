import Foundation
import ISACPhysics

/// A reproduction as data (R6): the plan, configuration, seed and figures it was expanded from,
/// and the independent tasks that compute it, sorted by stage. `isactwin reproduce
/// --manifest-only` writes it as `DIR/manifest.json`; `run-task` runs one of its tasks;
/// `merge` assembles the figures from the tasks' outputs.
public struct ReproductionManifest: Sendable, Codable, Equatable {
    public static let fileName = "manifest.json"
    public static let currentVersion = 1
    /// The learned schemes (R4, TW10): the paper's Bi-LSTM and the Bi-LSTM refined by a short FP.
    public static let learnedSchemes = ["lstm", "lstm-fp"]

    public var formatVersion: Int
    public var plan: ReproductionPlan
    public var config: ScenarioConfig
    public var seed: UInt64
    /// The requested figures (5...11 as numbers, then `"corridor"`), sorted.
    public var figures: [ReproductionFigure]
    /// The K whose networks are the `lstm` scheme (R4), or nil when the scheme is absent.
    public var lstmVehicles: Int?
    /// Why Figs. 5-6 or the `lstm` scheme are absent, if they are.
    public var learningNote: String?
    public var tasks: [ReproductionTask]
    /// FNV-1a 64 of the manifest's canonical JSON with this field empty: task outputs carry it, so
    /// `merge` never takes an output computed for another manifest.
    public var fingerprint: String

    /// The task named `id`.
    public func task(named id: String) -> ReproductionTask? { tasks.first { $0.id == id } }

    /// The manifest indices of each stage that has tasks (contiguous ranges, in stage order).
    public var stageRanges: [(stage: ReproductionStage, indices: Range<Int>)] {
        ReproductionStage.allCases.compactMap { s in
            guard let first = tasks.firstIndex(where: { $0.stage == s }),
                let last = tasks.lastIndex(where: { $0.stage == s })
            else { return nil }
            return (s, first..<(last + 1))
        }
    }

    /// Pretty, key-sorted JSON (the same manifest always encodes to the same bytes).
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(self) + Data("\n".utf8)
    }

    /// Parses a manifest and checks its version and fingerprint; `name` labels errors.
    public init(decoding data: Data, name: String) throws {
        let decoded: ReproductionManifest
        do {
            decoded = try JSONDecoder().decode(ReproductionManifest.self, from: data)
        } catch {
            throw ReproductionError.invalidManifest(name: name, reason: "not a reproduction manifest (\(error))")
        }
        guard decoded.formatVersion == Self.currentVersion else {
            throw ReproductionError.invalidManifest(
                name: name, reason: "formatVersion \(decoded.formatVersion); this isactwin reads \(Self.currentVersion)")
        }
        guard decoded.computedFingerprint() == decoded.fingerprint else {
            throw ReproductionError.invalidManifest(name: name, reason: "its fingerprint does not match its content (edited?)")
        }
        self = decoded
    }

    func computedFingerprint() -> String {
        var m = self
        m.fingerprint = ""
        return TaskFileHash.hex(TaskFileHash.fnv1a64(m.encoded()))
    }
}

/// Errors of manifests, task runs and merges; each names the file or task.
public enum ReproductionError: Error, Equatable, CustomStringConvertible {
    case invalidManifest(name: String, reason: String)
    case invalidRequest(field: String, value: String, valid: String)
    case taskIndexOutOfRange(index: Int, count: Int)
    case missingInput(task: String, needs: String)
    case invalidTaskOutput(task: String, reason: String)
    /// Merge: tasks whose outputs are missing, failed or unusable (id: reason).
    case incomplete([(task: String, reason: String)])

    public static func == (a: Self, b: Self) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case .invalidManifest(let name, let reason): return "\(name): \(reason)"
        case .invalidRequest(let field, let value, let valid): return "\(field) \(value) is invalid; valid: \(valid)"
        case .taskIndexOutOfRange(let i, let n): return "task index \(i) is out of range; valid: 0...\(n - 1)"
        case .missingInput(let task, let needs):
            return "task \(task) needs the output of \(needs), which is missing or invalid (run that task first)"
        case .invalidTaskOutput(let task, let reason): return "task \(task): \(reason)"
        case .incomplete(let list):
            return "\(list.count) task(s) missing or failed:\n" + list.map { "  \($0.task): \($0.reason)" }.joined(separator: "\n")
        }
    }
}
