import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import ISACExperiments

@Suite struct DecisionSweepTests {
    static func sweep(seed: UInt64 = 1) -> DecisionSweep {
        DecisionSweep(
            kind: .vehicles, config: .paper, antennaCounts: [8], vehicleCounts: [2, 5], drops: 4,
            schemes: ["distance-mf", "distance-fp", "heuristic"], seed: seed)
    }

    /// Parallel and serial runs give identical rows (all but the wall-clock column), in a fixed
    /// order; the same seed reproduces them; another seed does not.
    @Test func parallelEqualsSerialAndSeedsReproduce() throws {
        let s = Self.sweep()
        let serial = try s.run(parallel: false).map(\.withoutTiming)
        let parallel = try s.run(parallel: true).map(\.withoutTiming)
        #expect(serial == parallel)
        #expect(serial.count == 2 * 4 * 3)
        #expect(serial.map(\.vehicles) == [2, 5].flatMap { k in Array(repeating: k, count: 12) })
        #expect(try s.run(parallel: true).map(\.withoutTiming) == serial)
        let other = try Self.sweep(seed: 2).run(parallel: false).map(\.withoutTiming)
        #expect(other != serial)
    }

    /// The CSV has the documented header and one line per row, and its fields read back.
    @Test func csvHasTheDocumentedColumns() throws {
        let rows = try Self.sweep().run(parallel: false)
        let lines = SweepCSV.text(rows).split(separator: "\n")
        #expect(lines.first == "sweep,preset,antennas,vehicles,drop,scheme,rate_per_vehicle_bps_hz,sum_rate_bps_hz,flips,fp_iterations,converged,solve_time_s,outcome")
        #expect(lines.count == rows.count + 1)
        let fields = lines[1].split(separator: ",")
        #expect(fields.count == 13)
        #expect(Double(fields[7]) == rows[0].sumRateBitsPerHertz)
        #expect(fields[12] == Substring(rows[0].outcome.rawValue))
    }

    /// The summary's paired gain, recomputed by hand on synthetic rows.
    @Test func pairedGainByHand() {
        func row(_ scheme: String, _ drop: Int, _ s: Double) -> SweepRow {
            SweepRow(
                sweep: "vehicles", preset: "paper", antennas: 8, vehicles: 2, drop: drop, scheme: scheme,
                ratePerVehicleBitsPerHertz: s / 2, sumRateBitsPerHertz: s, flips: 0, fpIterations: 0, converged: true,
                outcome: .converged, solveTimeSeconds: 0)
        }
        let rows = [row("distance-mf", 0, 10), row("x", 0, 11), row("distance-mf", 1, 20), row("x", 1, 26)]
        let summary = SweepSummary(rows: rows)
        let x = summary.entries.first { $0.scheme == "x" }!
        // gains 10 % and 30 %: mean 20, sample sd √200, se √200/√2 = 10.
        #expect(abs(x.gainPercent - 20) < 1e-12)
        #expect(abs(x.gainStandardErrorPercent - 10) < 1e-12)
        #expect(abs(x.meanSumRate - 18.5) < 1e-12)
    }

    /// The exhaustive limit and unknown schemes are refused before any work.
    @Test func validationRefusesBadSweeps() {
        var s = Self.sweep()
        s.schemes = ["exhaustive"]
        s.points = [(antennas: 8, vehicles: 13)]
        #expect(throws: DecisionError.tooManyVehicles(policy: "exhaustive", vehicles: 13, limit: 12)) { try s.validate() }
        s.schemes = ["nope"]
        #expect(throws: DecisionError.self) { try s.validate() }
    }

    /// Sensing on: every decision of the sweep problem meets its (capped) requirement.
    @Test func sweepProblemsCarryTheSensingRequirement() throws {
        let s = Self.sweep()
        let problem = s.problem(antennas: 8, vehicles: 5, drop: 0)
        #expect(problem.effectiveSensingRequirements.joined().contains { $0 > 0 })
        let d = try DecisionPolicyRegistry.standard.policy(named: "heuristic").decide(problem)
        #expect(d.sensingViolations == 0)
    }
}
