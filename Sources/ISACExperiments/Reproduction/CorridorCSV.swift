import DigitalTwin
import ISACMath

/// The corridor figure's CSVs (R12): `corridor_timeseries.csv`, one row per slot, arrival rate
/// and policy (what each corridor task writes), and `corridor.csv`, one row per arrival rate and
/// policy summarising it over the slots after the warm-up.
public enum CorridorCSV {
    public static let timeseriesFile = "corridor_timeseries.csv"
    public static let summaryFile = "corridor.csv"

    public static let timeseriesHeader = [
        "arrival_rate", "time_s", "policy", "vehicles", "served_vehicles", "handovers", "vehicle_km",
        "sum_rate_bps_hz", "gain_vs_distance_mf_bps_hz", "decision_time_s", "slot_time_s",
    ]

    public static let summaryHeader = [
        "arrival_rate", "policy", "length_m", "slots", "mean_vehicles", "mean_sum_rate_bps_hz",
        "gain_vs_distance_mf_bps_hz", "gain_ci95_bps_hz", "gain_vs_distance_mf_pct", "handovers_per_vehicle_km",
        "mean_served_share", "decision_p99_s",
    ]

    /// The timing column of `corridor.csv`: differs between runs of the same manifest (R6).
    public static let timingColumns = ["decision_p99_s"]

    /// The rows of one twin's run, `records` in slot order; `kilometresPerVehicleSlot` = v̄T/1000.
    public static func timeseries(arrivalRate: Double, records: [SlotRecord], kilometresPerVehicleSlot: Double) -> String {
        var out = timeseriesHeader.joined(separator: ",") + "\n"
        for r in records {
            out += "\(arrivalRate),\(r.time),\(r.policy),\(r.vehicles),\(r.servedVehicles),\(r.handovers),"
                + "\(Double(r.vehicles) * kilometresPerVehicleSlot),\(r.sumRate),\(r.gainVsDistanceMF),\(r.decisionTime),\(r.slotTime)\n"
        }
        return out
    }

    /// `corridor.csv` from the merged time series: per arrival rate (in file order) and policy
    /// (in `policies` order), over the slots with `time_s` ≥ `warmup`: the mean gain over
    /// distance-mf ± t₀.₉₇₅(19)·SE of 20 batch means (R3) and in % of distance-mf's mean sum rate,
    /// hand-overs per vehicle-km (Σ hand-overs / Σ vehicle-km, C7), the mean served share over
    /// slots with vehicles, and the 99th percentile of the decision time.
    public static func summary(timeseries: CSVTable, policies: [String], warmup: Double, lengthMeters: Double) throws -> String {
        var out = summaryHeader.joined(separator: ",") + "\n"
        let rates = try timeseries.distinct("arrival_rate")
        for rate in rates {
            let reference = try timeseries.values("sum_rate_bps_hz", where: RowFilter(equals: ["arrival_rate": rate, "policy": "distance-mf"], atLeast: ["time_s": warmup]))
            let referenceMean = Statistics.mean(reference)
            for policy in policies {
                let f = RowFilter(equals: ["arrival_rate": rate, "policy": policy], atLeast: ["time_s": warmup])
                let vehicles = try timeseries.values("vehicles", where: f)
                guard !vehicles.isEmpty else { continue }
                let served = try timeseries.values("served_vehicles", where: f)
                let gain = try timeseries.values("gain_vs_distance_mf_bps_hz", where: f)
                let km = try timeseries.values("vehicle_km", where: f).reduce(0, +)
                let handovers = try timeseries.values("handovers", where: f).reduce(0, +)
                let shares = zip(served, vehicles).filter { $0.1 > 0 }.map { $0.0 / $0.1 }
                let decisions = try timeseries.values("decision_time_s", where: f).sorted()
                let meanGain = Statistics.mean(gain)
                let fields: [String] = [
                    rate, policy, "\(lengthMeters)", "\(vehicles.count)", "\(Statistics.mean(vehicles))",
                    "\(Statistics.mean(try timeseries.values("sum_rate_bps_hz", where: f)))", "\(meanGain)",
                    number(ReportStatistic.batchMeansCI95.apply(gain)),
                    referenceMean > 0 ? "\(100 * meanGain / referenceMean)" : "",
                    km > 0 ? "\(handovers / km)" : "",
                    shares.isEmpty ? "" : "\(Statistics.mean(shares))",
                    decisions.isEmpty ? "" : "\(percentile99(decisions))",
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The nearest-rank 99th percentile of sorted values.
    static func percentile99(_ sorted: [Double]) -> Double {
        sorted[min(sorted.count - 1, max(0, Int((0.99 * Double(sorted.count)).rounded(.up)) - 1))]
    }

    private static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }
}
