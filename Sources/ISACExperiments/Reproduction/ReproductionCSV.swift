import ISACLearning

/// The CSVs of `isactwin reproduce` that have no other command's format (text only).
public enum ReproductionCSV {
    /// A sweep (Figs. 7-8): ``SweepCSV``'s columns plus `gain_vs_distance_mf_pct`, the paired gain
    /// of the row's scheme over distance-mf on the same drop, 100·(S − S_mf)/S_mf (empty when the
    /// drop has no distance-mf row or S_mf = 0).
    public static func sweep(_ rows: [SweepRow]) -> String { sweep(csv: SweepCSV.text(rows)) }

    /// The same from a sweep CSV's text (columns found by name, so added columns pass through).
    public static func sweep(csv text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let head = lines.first else { return text }
        let names = head.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = { (name: String) in names.firstIndex(of: name)! }
        let (n, k, d, s, sum) = (column("antennas"), column("vehicles"), column("drop"), column("scheme"), column("sum_rate_bps_hz"))
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var base: [String: Double] = [:]
        for r in rows where r[s] == "distance-mf" { base["\(r[n])|\(r[k])|\(r[d])"] = Double(r[sum]) }
        var out = head + ",gain_vs_distance_mf_pct\n"
        for (r, line) in zip(rows, lines.dropFirst()) {
            var gain = ""
            if let b = base["\(r[n])|\(r[k])|\(r[d])"], b > 0, let x = Double(r[sum]) { gain = "\(100 * (x - b) / b)" }
            out += line + "," + gain + "\n"
        }
        return out
    }

    public static let learningCurveHeader = "vehicles,epoch,train_loss,val_loss,val_accuracy,val_mse"

    /// Learning curves of one task (Fig. 5: assignment, Fig. 6: beamforming), one block per K.
    public static func learningCurves(_ curves: [(vehicles: Int, curve: [LearningCurveRecord])]) -> String {
        var out = learningCurveHeader + "\n"
        for (k, curve) in curves {
            for r in curve { out += "\(k)," + r.csvRow + "\n" }
        }
        return out
    }

    /// The same from each K's `learning_curve.csv` text (``LearningCurveRecord/csvHeader`` + rows).
    public static func learningCurves(csv curves: [(vehicles: Int, text: String)]) -> String {
        var out = learningCurveHeader + "\n"
        for (k, text) in curves {
            for line in text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst() { out += "\(k),\(line)\n" }
        }
        return out
    }

    public static let sensingCostHeader =
        "antennas,vehicles,drop,sum_rate_sensing_bps_hz,sum_rate_no_sensing_bps_hz,sensing_cost_pct"

    /// `sensing_cost.csv` (R9): per drop the heuristic's sum rate with the sensing constraint
    /// (Fig. 7's rows) and without it, and the cost 100·(1 − S_sensing/S_free) (empty when S_free = 0).
    public static func sensingCost(withSensing: CSVTable, withoutSensing: CSVTable, vehicles: Int) throws -> String {
        func rates(_ t: CSVTable) throws -> [String: (String, String)] {
            let (n, k, d, s, sum) = try (
                t.columnIndex("antennas"), t.columnIndex("vehicles"), t.columnIndex("drop"), t.columnIndex("scheme"),
                t.columnIndex("sum_rate_bps_hz"))
            var out: [String: (String, String)] = [:]
            for r in t.rows where r[s] == "heuristic" && r[k] == "\(vehicles)" { out[r[d]] = (r[n], r[sum]) }
            return out
        }
        let on = try rates(withSensing), off = try rates(withoutSensing)
        var out = sensingCostHeader + "\n"
        for drop in off.keys.compactMap(Int.init).sorted() {
            guard let (n, free) = off["\(drop)"], let (_, constrained) = on["\(drop)"], let a = Double(constrained), let b = Double(free)
            else { continue }
            out += "\(n),\(vehicles),\(drop),\(constrained),\(free),\(b > 0 ? "\(100 * (1 - a / b))" : "")\n"
        }
        return out
    }
}
