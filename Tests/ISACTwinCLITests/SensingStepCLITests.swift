import Foundation
import Testing

/// `--sensing-step` (issue 10, O21) on `sweep`: a value outside sca|dual is refused with the flag
/// named and no CSV written; `sca` gives the default's CSV byte for byte; with `dual` the
/// heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct SensingStepCLITests {
    typealias CLI = CLIRunner

    @Test func flagIsValidatedAndSCAIsTheDefault() throws {
        let dir = CLI.scratch("sensing-step")
        let base = ["sweep", "vehicles", "--counts", "6", "--antennas", "8", "--drops", "2", "--schemes", "distance-mf,heuristic", "--no-timing"]
        let bad = try CLI.run(base + ["--sensing-step", "sdp", "--out", "b"], in: dir)
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("--sensing-step") && bad.stderr.contains("dual"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/b/sweep.csv"))
        let plain = try CLI.run(base + ["--out", "p"], in: dir)
        let sca = try CLI.run(base + ["--sensing-step", "sca", "--out", "s"], in: dir)
        let dual = try CLI.run(base + ["--sensing-step", "dual", "--out", "d"], in: dir)
        #expect(plain.status == 0 && sca.status == 0 && dual.status == 0, "\(dual.stderr)")
        let p = try String(contentsOfFile: "\(dir)/p/sweep.csv", encoding: .utf8)
        #expect(p == (try String(contentsOfFile: "\(dir)/s/sweep.csv", encoding: .utf8)))
        let d = BudgetFlagsCLITests.sumRates(try String(contentsOfFile: "\(dir)/d/sweep.csv", encoding: .utf8))
        for drop in 0..<2 {
            let mf = try #require(d["\(drop) distance-mf"]), h = try #require(d["\(drop) heuristic"])
            #expect(h >= mf, "drop \(drop): \(h) < \(mf)")
        }
    }
}
