/// The tidy CSV of a sweep (text only; the CLI writes it). Doubles use Swift's shortest
/// round-trip representation, so equal values always print identically.
public enum SweepCSV {
    public static let header = [
        "sweep", "preset", "antennas", "vehicles", "drop", "scheme", "rate_per_vehicle_bps_hz",
        "sum_rate_bps_hz", "flips", "fp_iterations", "converged", "solve_time_s", "outcome",
    ]

    public static func text(_ rows: [SweepRow]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for r in rows {
            let fields: [String] = [
                r.sweep, r.preset, "\(r.antennas)", "\(r.vehicles)", "\(r.drop)", r.scheme,
                "\(r.ratePerVehicleBitsPerHertz)", "\(r.sumRateBitsPerHertz)", "\(r.flips)", "\(r.fpIterations)",
                r.converged ? "true" : "false", "\(r.solveTimeSeconds)", r.outcome.rawValue,
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }
}
