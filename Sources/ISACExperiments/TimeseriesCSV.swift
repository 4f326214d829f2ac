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
        for run in runs {
            guard let slots = run.records.first?.count else { continue }
            for n in 0..<slots {
                for policy in run.records {
                    let r = policy[n]
                    out += "\(r.time),\(run.antennas),\(r.policy),\(r.vehicles),\(r.sumRate),"
                        + "\(r.gainVsDistanceMF),\(r.meanRCRBDistance.map { "\($0)" } ?? ""),"
                        + "\(r.decisionTime),\(r.deadlineMissed),\(r.flips),\(r.fpIterations),\(r.outcome.rawValue),\(r.fallback)\n"
                }
            }
        }
        return out
    }
}
