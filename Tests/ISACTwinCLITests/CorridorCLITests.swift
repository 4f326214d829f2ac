import Foundation
import Testing

/// `simulate` on a corridor (C7): the corridor section of summary.json, serving.csv, and the
/// configuration error style for a bad corridor.
@Suite struct CorridorCLITests {
    typealias CLI = CLIRunner

    @Test func simulateOnACorridorWritesItsOutputs() throws {
        let dir = CLI.scratch("corridor")
        try #"{"preset": "corridor", "geometry": {"corridor": {"lengthMeters": 240}}}"#.write(
            toFile: (dir as NSString).appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try CLI.run(
            ["simulate", "--config", "c.json", "--start-filled", "--duration", "1", "--warmup", "0.2",
             "--policies", "distance-mf", "--out", "s"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let summaryPath = ((dir as NSString).appendingPathComponent("s") as NSString).appendingPathComponent("summary.json")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath))) as? [String: Any]
        let runs = try #require(summary?["runs"] as? [[String: Any]])
        let policy = try #require((runs.first?["policies"] as? [[String: Any]])?.first)
        let corridor = try #require(policy["corridor"] as? [String: Any])
        let load = try #require(corridor["rsu_load_mean_vehicles"] as? [Double])
        #expect(load.count == 8)
        // The loads add up to the mean served vehicles per slot: about the vehicles on the road.
        let vehicles = try #require(policy["mean_vehicles"] as? Double)
        #expect(abs(load.reduce(0, +) - vehicles) < 0.1 * vehicles, "\(load) vs \(vehicles)")
        let share = try #require(corridor["mean_served_share"] as? Double)
        #expect(share > 0.9 && share <= 1)
        let servingPath = ((dir as NSString).appendingPathComponent("s") as NSString).appendingPathComponent("serving.csv")
        let serving = try String(contentsOfFile: servingPath, encoding: .utf8).split(separator: "\n")
        #expect(serving.first == "time_s,antennas,policy,vehicle,x_m,rsu")
        #expect(serving.count > 10)
        // A plain run writes no serving.csv and no corridor section.
        let plain = try CLI.run(["simulate", "--duration", "0.2", "--policies", "distance-mf", "--out", "p"], in: dir)
        #expect(plain.status == 0)
        #expect(!FileManager.default.fileExists(atPath: ((dir as NSString).appendingPathComponent("p") as NSString).appendingPathComponent("serving.csv")))
    }

    @Test func badCorridorIsAConfigurationError() throws {
        let dir = CLI.scratch("corridor-bad")
        try #"{"geometry": {"corridor": {"lengthMeters": 100, "spacingMeters": 60}}}"#.write(
            toFile: (dir as NSString).appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["simulate", "--config", "c.json", "--duration", "1", "--out", "s"], in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("invalid configuration: geometry.corridor.spacingMeters = 60.0"), "\(r.stderr)")
        let h = try CLI.run(["simulate", "--hand-over", "warm", "--duration", "1", "--out", "s"], in: dir)
        #expect(h.status == 64 && h.stderr.contains("--hand-over"), "\(h.stderr)")
        for (flag, value) in [("--cell-workers", "0"), ("--deadline-scope", "rsu"), ("--quiet-cells", "-1")] {
            let r = try CLI.run(["simulate", "\(flag)=\(value)", "--duration", "1", "--out", "s"], in: dir)
            #expect(r.status == 64 && r.stderr.contains(flag) && r.stderr.contains(value), "\(flag): \(r.stderr)")
        }
    }
}
