import Foundation
import Testing

/// Issue 13, cases 1-11, end to end through the `isactwin` binary: each ends with exit 64 and a
/// message naming the field, or with correct output; nothing half-written, no NaN.
@Suite(.serialized) struct EdgeCaseTests {
    typealias CLI = CLIRunner

    func write(_ text: String, _ name: String, in dir: String) {
        FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(name), contents: Data(text.utf8))
    }

    func path(_ dir: String, _ parts: String...) -> String {
        parts.reduce(dir) { ($0 as NSString).appendingPathComponent($1) }
    }

    func dataset(_ extra: [String], out: String, in dir: String) throws -> CLI.Result {
        try CLI.run(["dataset", "--samples", "3", "--validation", "0", "--vehicles", "2", "--stride", "1", "--out", out] + extra, in: dir)
    }

    /// Case 1: a second run with another seed or scenario into the same --out stops, naming it.
    @Test func datasetsCannotBeMixed() throws {
        let dir = CLI.scratch("mix")
        #expect(try dataset(["--seed", "1"], out: "d", in: dir).status == 0)
        let seed = try dataset(["--seed", "2"], out: "d", in: dir)
        #expect(seed.status == 64 && seed.stderr.contains("seed: existing '1', this run '2'"), "\(seed.stderr)")
        write(#"{"radio": {"echoNoiseDBm": -60}}"#, "c.json", in: dir)
        let config = try dataset(["--seed", "1", "--config", "c.json"], out: "d", in: dir)
        #expect(config.status == 64 && config.stderr.contains("config: existing"), "\(config.stderr)")
        #expect(try dataset(["--seed", "1"], out: "d", in: dir).status == 0)
    }

    /// Case 2: a bit-flipped or truncated shard is detected on re-run and regenerated identically.
    @Test func damagedShardsAreRepaired() throws {
        let dir = CLI.scratch("repair")
        #expect(try dataset([], out: "d", in: dir).status == 0)
        let shard = path(dir, "d", "K2", "train", "shard-00000.bin")
        let original = try Data(contentsOf: URL(fileURLWithPath: shard))
        var flipped = original
        flipped[flipped.startIndex + 40] ^= 0x10
        try flipped.write(to: URL(fileURLWithPath: shard))
        let r = try dataset([], out: "d", in: dir)
        #expect(r.status == 0 && r.stderr.contains("shard-00000.bin"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: shard)) == original)
        try original.prefix(17).write(to: URL(fileURLWithPath: shard))
        #expect(try dataset([], out: "d", in: dir).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: shard)) == original)
    }

    /// Case 3: a checkpoint refuses other data and fewer epochs than it has.
    @Test func checkpointsCannotBeMixed() throws {
        let dir = CLI.scratch("ckpt")
        for (name, seed) in [("a", "1"), ("b", "2")] {
            let r = try CLI.run(["synthetic-dataset", "--samples", "8", "--validation", "4", "--vehicles", "3", "--antennas", "2", "--seed", seed, "--out", name], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let train = ["train", "--task", "assignment", "--hidden", "2", "--dense", "2", "--batch", "4", "--threads", "1", "--out", "m"]
        #expect(try CLI.run(train + ["--data", "a", "--epochs", "2"], in: dir).status == 0)
        let other = try CLI.run(train + ["--data", "b", "--epochs", "3"], in: dir)
        #expect(other.status == 64 && other.stderr.contains("--data"), "\(other.stderr)")
        let fewer = try CLI.run(train + ["--data", "a", "--epochs", "1"], in: dir)
        #expect(fewer.status == 64 && fewer.stderr.contains("--epochs = 1") && fewer.stderr.contains("2 epochs"), "\(fewer.stderr)")
        #expect(try CLI.run(train + ["--data", "a", "--epochs", "3"], in: dir).status == 0)
    }

    /// Cases 4 and 6: the overflowing road is rejected by name; a long but valid pass honours SIGINT
    /// and leaves nothing behind.
    @Test func trackRejectsHugeRoadsAndHonoursSIGINT() throws {
        let dir = CLI.scratch("track")
        write(#"{"geometry": {"roadEndX": 1e308}}"#, "huge.json", in: dir)
        let huge = try CLI.run(["track", "--config", "huge.json", "--out", "t"], in: dir)
        #expect(huge.status == 64 && huge.stderr.contains("geometry.roadEndX"), "\(huge.stderr)")
        // 20 km at 0.2 m/s: 5·10⁶ slots, the most a run may have.
        write(#"{"geometry": {"roadStartX": -10000, "roadEndX": 10000}, "traffic": {"meanSpeed": 0.2, "minimumSpeed": 0.1, "arrivalRatePerDirection": 0}}"#, "long.json", in: dir)
        try interrupted(["track", "--config", "long.json", "--antennas", "2", "--out", "t"], temporary: ".rcrb.csv.tmp-", in: dir, out: "t")
    }

    /// Case 5: simulate at its documented maximum duration streams and honours SIGINT.
    @Test func simulateHonoursSIGINT() throws {
        let dir = CLI.scratch("sim")
        try interrupted(["simulate", "--duration", "100000", "--policies", "distance-mf", "--out", "s"], temporary: ".timeseries.csv.tmp-", in: dir, out: "s")
    }

    /// Starts a long run, waits until it streams rows to its temporary file, sends SIGINT: exit 130,
    /// "interrupted", and neither the output nor the temporary file exists.
    func interrupted(_ args: [String], temporary: String, in dir: String, out: String) throws {
        let (process, _, err) = try CLI.start(args, in: dir)
        let outDir = path(dir, out)
        #expect(CLI.wait { !CLI.files(in: outDir, prefix: temporary).isEmpty || !process.isRunning })
        #expect(process.isRunning)
        process.interrupt()
        #expect(CLI.waitForExit(process), "did not stop after SIGINT")
        #expect(process.terminationStatus == 130)
        #expect(((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("interrupted"))
        #expect(CLI.files(in: outDir).isEmpty, "left \(CLI.files(in: outDir))")
    }

    /// Case 7: empty statistics are null or "n/a", never "nan".
    @Test func emptyStatisticsAreNeverNaN() throws {
        let dir = CLI.scratch("nan")
        write(#"{"radio": {"slotSeconds": 1.0}}"#, "slow.json", in: dir)
        let sim = try CLI.run(["simulate", "--config", "slow.json", "--arrival-rate", "0", "--duration", "1", "--policies", "distance-mf", "--out", "s"], in: dir)
        #expect(sim.status == 0, "\(sim.stderr)")
        let summary = try String(contentsOfFile: path(dir, "s", "summary.json"), encoding: .utf8)
        #expect(summary.contains(#""mean_rcrb_d_m" : null"#) && !summary.lowercased().contains("nan"))
        let track = try CLI.run(["track", "--config", "slow.json", "--antennas", "2", "--out", "t"], in: dir)
        #expect(track.status == 0 && track.stdout.contains("n/a") && !track.stdout.lowercased().contains("nan"), "\(track.stdout)")
        let sweep = try CLI.run(["sweep", "vehicles", "--counts", "2", "--antennas", "4", "--drops", "1", "--schemes", "distance-mf,distance-fp", "--out", "w"], in: dir)
        #expect(sweep.status == 0 && !sweep.stdout.lowercased().contains("nan"), "\(sweep.stdout)")
    }

    /// Cases 8-9: wrong acceptance and unclear messages.
    @Test(arguments: [
        (#"{"radio": {"slotSeconds": 0.02,}}"#, "(file)"),
        (#"{"antennas": {"transmit": null}}"#, "antennas.transmit"),
        (#"{"antennas": {"transmit": 3.5}}"#, "antennas.transmit"),
        (#"{"antennas": {"transmit": 99999999999999999999999}}"#, "antennas.transmit"),
        (#"{"options": {"powerBudget": "all"}}"#, "perBeam, perRSU"),
        (#"{"radio": {"rhoMu": 1e29}}"#, "radio.rhoMu"),
    ])
    func badConfigsExit64NamingTheField(json: String, named: String) throws {
        let dir = CLI.scratch("cfg")
        write(json, "c.json", in: dir)
        let r = try CLI.run(["config", "--config", "c.json"], in: dir)
        #expect(r.status == 64 && r.stderr.contains(named) && !r.stderr.contains(" = ;"), "\(r.stderr)")
    }

    @Test func flagsFollowTheConfigsRules() throws {
        let dir = CLI.scratch("flags")
        let antennas = try CLI.run(["sweep", "vehicles", "--antennas", "1", "--out", "w"], in: dir)
        #expect(antennas.status == 64 && antennas.stderr.contains("--antennas = 1; valid: an integer in [2, 1024]"), "\(antennas.stderr)")
        let lstm = try CLI.run(["sweep", "vehicles", "--schemes", "lstm", "--out", "w"], in: dir)
        #expect(lstm.status == 64 && lstm.stderr.contains("lstm needs --lstm"), "\(lstm.stderr)")
        let dense = try CLI.run(["traffic", "--arrival-rate", "900"], in: dir)
        #expect(dense.status == 64 && dense.stderr.contains("--arrival-rate"), "\(dense.stderr)")
    }

    /// Case 10: --out problems are usage errors found before any work.
    @Test func outIsCheckedFirst() throws {
        let dir = CLI.scratch("out")
        write("x", "file", in: dir)
        for out in ["file", "file/sub"] {
            let r = try CLI.run(["simulate", "--duration", "100000", "--out", out], in: dir)
            #expect(r.status == 64 && r.stderr.contains("--out = '\(out)'"), "\(r.stderr)")
            let d = try dataset([], out: out, in: dir)
            #expect(d.status == 64 && d.stderr.contains("--out"), "\(d.stderr)")
        }
    }

    /// Case 11: an interrupted sweep says so; stale temporary files of dead processes are removed,
    /// those of live ones kept.
    @Test func sweepInterruptAndStaleTemporaries() throws {
        let dir = CLI.scratch("sweep")
        try FileManager.default.createDirectory(atPath: path(dir, "w"), withIntermediateDirectories: true)
        write("stale", "w/.sweep.csv.tmp-2147483000", in: dir)
        write("live", "w/.other.csv.tmp-\(getpid())", in: dir)
        let (process, _, err) = try CLI.start(
            ["sweep", "vehicles", "--counts", "30", "--drops", "100000", "--schemes", "heuristic", "--out", "w"], in: dir)
        // The stale file goes when --out is prepared, just before the drops start.
        #expect(CLI.wait { CLI.files(in: path(dir, "w"), prefix: ".sweep.csv.tmp-2147483000").isEmpty || !process.isRunning })
        usleep(500_000)
        #expect(CLI.files(in: path(dir, "w")) == [".other.csv.tmp-\(getpid())"])
        process.interrupt()
        #expect(CLI.waitForExit(process), "did not stop after SIGINT")
        #expect(process.terminationStatus == 130)
        #expect(((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("interrupted"))
    }
}
