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
        _ = try CommaSeparated.integers(antennas, flag: "--antennas", range: 2...1024)
        switch (arrivalRate, duration) {
        case (nil, nil): break
        case (.some(let rate), .some(let seconds)):
            guard rate.isFinite, rate > 0, rate <= 1000 else {
                throw ValidationError("--arrival-rate \(rate): must be in (0, 1000] vehicles/s.")
            }
            guard seconds.isFinite, seconds > 0, seconds <= 3600 else {
                throw ValidationError("--duration \(seconds): must be in (0, 3600] s.")
            }
        case (.some, nil): throw ValidationError("--arrival-rate needs --duration.")
        case (nil, .some): throw ValidationError("--duration needs --arrival-rate.")
        }
        guard !out.isEmpty else { throw ValidationError("--out: an output directory is required.") }
    }

    func run() throws {
        let base = try scenario.load()
        let sizes = try CommaSeparated.integers(antennas, flag: "--antennas", range: 2...1024)
        var all: [TrackingRecord] = []
        for n in sizes {
            var config = base
            config.antennas.transmit = n
            config.antennas.receive = n
            if let rate = arrivalRate { config.traffic.arrivalRatePerDirection = rate }
            do { try config.validate() } catch let error as ConfigError {
                throw ValidationError("--antennas \(n): \(error)")
            }
            let parameters = ScenarioParameters(config)
            // One stream per array size: a run does not depend on which other sizes are listed.
            var rng = Xoshiro256StarStar(seed: seedOption.seed, stream: UInt64(n))
            if let seconds = duration {
                all += TrackingExperiment.traffic(parameters: parameters, durationSeconds: seconds, using: &rng)
            } else {
                all += TrackingExperiment.singlePass(parameters: parameters, using: &rng)
            }
        }
        try AtomicFile.ensureDirectory(out)
        let path = (out as NSString).appendingPathComponent("rcrb.csv")
        try AtomicFile.write(Self.csv(all), to: path)

        print("Tracking (\(duration == nil ? "single pass" : "Poisson traffic, \(arrivalRate!)/s per direction, \(duration!) s"); seed \(seedOption.seed)): wrote \(path)")
        print("steady state = track age ≥ \(TrackingSummary.steadyStateAge) slots; RCRB = PCRB from truth; RMSE and NEES of the EKF")
        let header = ["N", "links", "RCRB_d start (m)", "RCRB_d steady (m)", "RCRB_phi steady", "RMSE_d (m)", "RMSE_phi", "mean NEES"]
        print(header.joined(separator: " | "))
        for n in sizes {
            let s = TrackingSummary(records: all, antennas: n)
            let row = [
                "\(n)", "\(s.links)", Self.fmt(s.initialRCRBDistanceMeters), Self.fmt(s.steadyRCRBDistanceMeters),
                Self.fmt(s.steadyRCRBPhi), Self.fmt(s.rmsErrorDistanceMeters), Self.fmt(s.rmsErrorPhi),
                String(format: "%.2f", s.meanNEES),
            ]
            print(row.joined(separator: " | "))
        }
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3e", x) }

    static func csv(_ records: [TrackingRecord]) -> String { TrackingCSV.text(records) }
}
