import ArgumentParser
import Foundation
import ISACExperiments
import ISACMath
import ISACPhysics
import ISACTracking

/// `isactwin track`: the twin's EKF tracking a vehicle's pass (or Poisson traffic) for several
/// array sizes; writes `DIR/rcrb.csv` (the data of Fig. 11) and prints a summary.
struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Track vehicles with the twin's EKF and write the RCRB of Fig. 11 (DIR/rcrb.csv).",
        discussion: """
            Every vehicle is tracked by both RSUs with beams matched to the predicted direction.
            Columns: time_s, antennas (N_t = N_r), rsu (1 or 2), vehicle, rcrb_d_m and rcrb_phi (the
            PCRB from the true states, docs/MODEL.md T5), err_d_m and err_phi (EKF posterior minus
            truth), nees (with the EKF's own covariance), track_age (slots since the track started).
            Example: isactwin track --antennas 16,32,64 --out results/fig11
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Comma-separated array sizes N (N_t = N_r = N), each in 2...1024.")
    var antennas: String = "16,32,64"

    @Option(help: "Poisson arrivals per direction, vehicles/s, in (0, 1000] (with --duration): traffic instead of one pass.")
    var arrivalRate: Double?

    @Option(help: "Simulated seconds of traffic, in (0, 3600] (with --arrival-rate).")
    var duration: Double?

    @Option(help: "Output directory (created if needed).")
    var out: String

    func validate() throws {
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        switch (arrivalRate, duration) {
        case (nil, nil): break
        case (.some(let rate), .some(let seconds)):
            try FlagCheck.number("--arrival-rate", rate, 0, 1000, lowerOpen: true, unit: " vehicles/s")
            try FlagCheck.number("--duration", seconds, 0, 3600, lowerOpen: true, unit: " s")
        case (.some, nil): throw ValidationError("--arrival-rate needs --duration.")
        case (nil, .some): throw ValidationError("--duration needs --arrival-rate.")
        }
        try OutputDirectory.check(out)
    }

    func run() throws {
        let sizes = try CommaSeparated.integers(antennas, flag: "--antennas", range: ScenarioConfig.antennaRange)
        // Every array size's configuration is checked before any work starts.
        let configs = try sizes.map { try scenario.load(arrivalRate: arrivalRate, antennas: $0) }
        if let seconds = duration {
            for c in configs { _ = try c.slots(forDuration: seconds, field: "--duration", maximumSeconds: 3600) }
        }
        try OutputDirectory.prepare(out)
        let interrupt = InterruptFlag.install()
        let path = (out as NSString).appendingPathComponent("rcrb.csv")
        // Rows stream to the temporary file and into constant-size summaries (D13).
        var summaries = sizes.map { TrackingSummary(antennas: $0) }
        try AtomicFile.streaming(to: path) { csv in
            try csv.append(TrackingCSV.header + "\n")
            var writeError: (any Error)?
            for (i, n) in sizes.enumerated() {
                let parameters = ScenarioParameters(configs[i])
                // One stream per array size: a run does not depend on which other sizes are listed.
                var rng = Xoshiro256StarStar(seed: seedOption.seed, stream: UInt64(n))
                let keepGoing = { !interrupt.isSet && writeError == nil }
                let emit = { (r: TrackingRecord) in
                    summaries[i].add(r)
                    do { try csv.append(TrackingCSV.row(r)) } catch { writeError = error }
                }
                let finished =
                    if let seconds = duration {
                        TrackingExperiment.traffic(
                            parameters: parameters, durationSeconds: seconds, using: &rng, shouldContinue: keepGoing, emit: emit)
                    } else {
                        TrackingExperiment.singlePass(parameters: parameters, using: &rng, shouldContinue: keepGoing, emit: emit)
                    }
                if let writeError { throw writeError }
                guard finished else { return false }
            }
            return true
        }

        print("Tracking (\(duration == nil ? "single pass" : "Poisson traffic, \(arrivalRate!)/s per direction, \(duration!) s"); seed \(seedOption.seed)): wrote \(path)")
        print("steady state = track age ≥ \(TrackingSummary.steadyStateAge) slots; RCRB = PCRB from truth; RMSE and NEES of the EKF")
        let header = ["N", "links", "RCRB_d start (m)", "RCRB_d steady (m)", "RCRB_phi steady", "RMSE_d (m)", "RMSE_phi", "mean NEES", "steady rows"]
        print(header.joined(separator: " | "))
        for s in summaries {
            let row = [
                "\(s.antennas)", "\(s.links)", Self.fmt(s.initialRCRBDistanceMeters), Self.fmt(s.steadyRCRBDistanceMeters),
                Self.fmt(s.steadyRCRBPhi), Self.fmt(s.rmsErrorDistanceMeters), Self.fmt(s.rmsErrorPhi),
                s.meanNEES.map { String(format: "%.2f", $0) } ?? "n/a", "\(s.steadyRecords)",
            ]
            print(row.joined(separator: " | "))
        }
    }

    /// Scientific notation; "n/a" for a statistic over no records (never "nan", D14).
    static func fmt(_ x: Double?) -> String { x.map { String(format: "%.3e", $0) } ?? "n/a" }

    static func csv(_ records: [TrackingRecord]) -> String { TrackingCSV.text(records) }
}
