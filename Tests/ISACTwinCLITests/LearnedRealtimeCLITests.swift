import Foundation
import Testing

/// `--lstm-fp-realtime` (TW19) is its documented expansion, explicit flags override its values, and
/// `--lstm-fp-carry-flips` changes `lstm-fp`'s decisions.
struct LearnedRealtimeCLITests {
    typealias CLI = CLIRunner

    /// timeseries.csv without the decision-time column (the only timing-dependent one).
    static func rows(_ dir: String, _ run: String) throws -> [String] {
        let text = try String(contentsOfFile: "\(dir)/\(run)/timeseries.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let timing = try #require(lines.first?.firstIndex(of: "decision_time_s"))
        return lines.map { fields in fields.enumerated().filter { $0.offset != timing }.map(\.element).joined(separator: ",") }
    }

    @Test func realtimeIsItsExpansion() throws {
        let dir = CLI.scratch("lstm-fp-realtime")
        let base = ["simulate", "--policies", "lstm-fp", "--arrival-rate", "12.5", "--duration", "0.5", "--warmup", "0.2", "--start-filled"]
        // An ample time budget never refuses an iteration, so the work budget decides: deterministic.
        let runs: [(String, [String])] = [
            ("preset", ["--lstm-fp-realtime", "--lstm-fp-budget-ms", "1000"]),
            ("explicit", ["--lstm-fp-no-beam-network", "--lstm-fp-carry-flips", "--lstm-fp-flips", "1000", "--lstm-fp-flip-threshold", "1", "--lstm-fp-iterations", "8"]),
            ("preset2", ["--lstm-fp-realtime", "--lstm-fp-iterations", "2", "--lstm-fp-budget-ms", "1000", "--lstm-fp-flips", "16", "--lstm-fp-flip-threshold", "0.99"]),
            ("explicit2", ["--lstm-fp-no-beam-network", "--lstm-fp-carry-flips", "--lstm-fp-iterations", "2"]),
            ("nocarry2", ["--lstm-fp-no-beam-network", "--lstm-fp-iterations", "2"]),
        ]
        for (name, flags) in runs {
            let r = try CLI.run(base + flags + ["--out", name], in: dir)
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        #expect(try Self.rows(dir, "preset") == Self.rows(dir, "explicit"))
        #expect(try Self.rows(dir, "preset2") == Self.rows(dir, "explicit2"))
        #expect(try Self.rows(dir, "explicit2") != Self.rows(dir, "nocarry2"))
        #expect(try Self.rows(dir, "explicit") != Self.rows(dir, "explicit2"))
    }
}
