import Foundation
import Testing

/// The shared check of a solver-mode flag on `sweep` (`--flip-evaluation`, `--sensing-step`): a
/// value outside its set is refused with the flag named and no CSV written; the default value gives
/// the default's CSV byte for byte; with the alternative the heuristic is never below matched beams
/// on the nearest RSU (distance-mf).
enum SolverModeFlagCheck {
    typealias CLI = CLIRunner

    static func run(flag: String, invalid: String, defaultValue: String, alternative: String, scratch: String) throws {
        let dir = CLI.scratch(scratch)
        let base = ["sweep", "vehicles", "--counts", "6", "--antennas", "8", "--drops", "2", "--schemes", "distance-mf,heuristic", "--no-timing"]
        let bad = try CLI.run(base + [flag, invalid, "--out", "b"], in: dir)
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains(flag) && bad.stderr.contains(alternative), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/b/sweep.csv"))
        let plain = try CLI.run(base + ["--out", "p"], in: dir)
        let named = try CLI.run(base + [flag, defaultValue, "--out", "e"], in: dir)
        let other = try CLI.run(base + [flag, alternative, "--out", "s"], in: dir)
        #expect(plain.status == 0 && named.status == 0 && other.status == 0, "\(other.stderr)")
        let p = try String(contentsOfFile: "\(dir)/p/sweep.csv", encoding: .utf8)
        #expect(p == (try String(contentsOfFile: "\(dir)/e/sweep.csv", encoding: .utf8)))
        let s = BudgetFlagsCLITests.sumRates(try String(contentsOfFile: "\(dir)/s/sweep.csv", encoding: .utf8))
        for drop in 0..<2 {
            let mf = try #require(s["\(drop) distance-mf"]), h = try #require(s["\(drop) heuristic"])
            #expect(h >= mf, "drop \(drop): \(h) < \(mf)")
        }
    }
}
