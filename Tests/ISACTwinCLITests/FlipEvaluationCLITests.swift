import Foundation
import Testing

/// `--flip-evaluation` (issue 10, O20) on `sweep`: a value outside exact|screened is refused with
/// the flag named and no CSV written; `exact` gives the default's CSV byte for byte; the screened
/// heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct FlipEvaluationCLITests {
    typealias CLI = CLIRunner

    @Test func flagIsValidatedAndExactIsTheDefault() throws {
        let dir = CLI.scratch("flip-evaluation")
        let base = ["sweep", "vehicles", "--counts", "6", "--antennas", "8", "--drops", "2", "--schemes", "distance-mf,heuristic", "--no-timing"]
        let bad = try CLI.run(base + ["--flip-evaluation", "fast", "--out", "b"], in: dir)
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("--flip-evaluation") && bad.stderr.contains("screened"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/b/sweep.csv"))
        let plain = try CLI.run(base + ["--out", "p"], in: dir)
        let exact = try CLI.run(base + ["--flip-evaluation", "exact", "--out", "e"], in: dir)
        let screened = try CLI.run(base + ["--flip-evaluation", "screened", "--out", "s"], in: dir)
        #expect(plain.status == 0 && exact.status == 0 && screened.status == 0, "\(screened.stderr)")
        let p = try String(contentsOfFile: "\(dir)/p/sweep.csv", encoding: .utf8)
        #expect(p == (try String(contentsOfFile: "\(dir)/e/sweep.csv", encoding: .utf8)))
        let s = BudgetFlagsCLITests.sumRates(try String(contentsOfFile: "\(dir)/s/sweep.csv", encoding: .utf8))
        for drop in 0..<2 {
            let mf = try #require(s["\(drop) distance-mf"]), h = try #require(s["\(drop) heuristic"])
            #expect(h >= mf, "drop \(drop): \(h) < \(mf)")
        }
    }
}
