import Foundation
import Testing

/// Without `--lstm`, `lstm` and `lstm-fp` run on the shipped models/ of the repository the binary
/// was built in, from any working directory, and are refused for arrays they were not trained for
/// (TW11).
struct ShippedModelsCLITests {
    typealias CLI = CLIRunner

    @Test func learnedPoliciesDefaultToTheShippedModels() throws {
        let dir = CLI.scratch("shipped")
        let ok = try CLI.run(
            ["simulate", "--policies", "distance-mf,lstm,lstm-fp", "--duration", "0.4", "--warmup", "0.2", "--out", "run"],
            in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("lstm-fp"))
        let summary = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent("run/summary.json"))
        #expect(String(decoding: summary, as: UTF8.self).contains("\"lstm-fp\""))
        let wrong = try CLI.run(["simulate", "--policies", "lstm", "--antennas", "16", "--duration", "0.2", "--out", "w"], in: dir)
        #expect(wrong.status == 64 && wrong.stderr.contains("N_t = 32") && wrong.stderr.contains("N_t = 16"), "\(wrong.stderr)")
    }
}
