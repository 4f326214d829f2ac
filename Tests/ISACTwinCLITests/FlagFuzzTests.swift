import Foundation
import ISACMath
import Testing

/// Issue 13's flag fuzz: every numeric or list flag of the fast commands, given seeded hostile
/// values, either exits 64 with a message naming that flag, or exits 0 with finite output (no
/// "nan" or "inf" in stdout or in any file written).
@Suite struct FlagFuzzTests {
    typealias CLI = CLIRunner

    /// Command, base flags (a fast run), and the flags to mutate.
    static let commands: [(args: [String], flags: [String])] = [
        (["traffic", "--duration", "0.4", "--warmup", "0.1"], ["--arrival-rate", "--duration", "--warmup", "--seed", "--preset"]),
        (["simulate", "--duration", "0.1", "--policies", "distance-mf", "--antennas", "4", "--out", "o"],
         ["--arrival-rate", "--duration", "--warmup", "--antennas", "--policies", "--fp-tolerance", "--fp-max-iterations", "--inner-fp-iterations", "--beam-step"]),
        (["track", "--antennas", "2", "--arrival-rate", "2", "--duration", "0.2", "--out", "o"], ["--antennas", "--arrival-rate", "--duration"]),
        (["sweep", "vehicles", "--counts", "2", "--antennas", "4", "--drops", "1", "--schemes", "distance-mf", "--out", "o"],
         ["--counts", "--antennas", "--drops", "--schemes", "--exhaustive-limit", "--budget-fp-iterations", "--budget-ms"]),
        (["dataset", "--samples", "2", "--validation", "0", "--vehicles", "1", "--out", "o"], ["--samples", "--validation", "--vehicles", "--stride"]),
    ]

    static let hostile = [
        "0", "-1", "1e308", "-1e308", "nan", "inf", "-inf", "1e-320", "abc", "", "1,1", "1,,2", "99999999999999999999", "1", "2", "4", "0.05", "0.1", "3.5",
    ]

    @Test func everyFlagIsNamedOrFinite() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        var rejected = 0, accepted = 0
        for (n, command) in Self.commands.enumerated() {
            for flag in command.flags {
                for _ in 0..<4 {
                    let value = Self.hostile[rng.nextInt(below: Self.hostile.count)]
                    var args = command.args
                    if let i = args.firstIndex(of: flag) { args[i + 1] = value } else { args += [flag, value] }
                    let dir = CLI.scratch("fuzz-\(n)")
                    let r = try CLI.run(args, in: dir)
                    let context = "\(args.joined(separator: " ")) → \(r.status): \(r.stderr.prefix(300))"
                    if r.status == 0 {
                        accepted += 1
                        #expect(Self.finite(r.stdout), "\(context)")
                        for file in Self.outputs(in: (dir as NSString).appendingPathComponent("o")) {
                            #expect(Self.finite(file.text), "\(context): \(file.name)")
                        }
                    } else {
                        rejected += 1
                        #expect(r.status == 64, "\(context)")
                        #expect(r.stderr.contains(flag), "\(context)")
                    }
                }
            }
        }
        #expect(rejected > 40 && accepted > 8, "rejected \(rejected), accepted \(accepted)")
    }

    /// No NaN or infinity token in CSV, JSON or table text.
    static func finite(_ text: String) -> Bool {
        let tokens = text.lowercased().split { !$0.isLetter }
        return !tokens.contains { $0 == "nan" || $0 == "inf" || $0 == "infinity" }
    }

    static func outputs(in directory: String) -> [(name: String, text: String)] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }.map {
            ($0, (try? String(contentsOfFile: (directory as NSString).appendingPathComponent($0), encoding: .utf8)) ?? "")
        }
    }
}
