import DigitalTwin

/// `timeseries.csv` of a closed-loop run (Figs. 9-11): one row per slot, policy and antenna count
/// (text only; the CLI writes it). Doubles print in Swift's shortest round-trip form.
public enum TimeseriesCSV {
    public static let header = [
        "time_s", "antennas", "policy", "vehicles", "sum_rate_bps_hz", "gain_vs_distance_mf_bps_hz",
        "mean_rcrb_d_m", "decision_time_s", "deadline_missed",
        "flips", "fp_iterations", "outcome", "fallback",
    ]

    /// - Parameter runs: per antenna count, the records `[policy][slot]`.
    public static func text(_ runs: [(antennas: Int, records: [[SlotRecord]])]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for run in runs { out += rows(antennas: run.antennas, records: run.records) }
        return out
    }

    /// The rows of a block of slots, `records[policy][slot]`, slot-major (for streaming).
    public static func rows(antennas: Int, records: [[SlotRecord]]) -> String {
        var out = ""
        guard let slots = records.first?.count else { return out }
        for n in 0..<slots {
            for policy in records {
                let r = policy[n]
                out += "\(r.time),\(antennas),\(r.policy),\(r.vehicles),\(r.sumRate),"
                    + "\(r.gainVsDistanceMF),\(r.meanRCRBDistance.map { "\($0)" } ?? ""),"
                    + "\(r.decisionTime),\(r.deadlineMissed),\(r.flips),\(r.fpIterations),\(r.outcome.rawValue),\(r.fallback)\n"
            }
        }
        return out
    }
}
