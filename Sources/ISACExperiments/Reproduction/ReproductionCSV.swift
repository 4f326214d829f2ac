import ISACLearning

/// The CSVs of `isactwin reproduce` that have no other command's format (text only).
public enum ReproductionCSV {
    /// A sweep (Figs. 7-8): ``SweepCSV``'s columns plus `gain_vs_distance_mf_pct`, the paired gain
    /// of the row's scheme over distance-mf on the same drop, 100·(S − S_mf)/S_mf (empty when the
    /// drop has no distance-mf row or S_mf = 0).
    public static func sweep(_ rows: [SweepRow]) -> String {
        var base: [String: Double] = [:]
        for r in rows where r.scheme == "distance-mf" { base["\(r.antennas)|\(r.vehicles)|\(r.drop)"] = r.sumRateBitsPerHertz }
        let lines = SweepCSV.text(rows).split(separator: "\n", omittingEmptySubsequences: false)
        var out = String(lines[0]) + ",gain_vs_distance_mf_pct\n"
        for (r, line) in zip(rows, lines.dropFirst()) {
            var gain = ""
            if let b = base["\(r.antennas)|\(r.vehicles)|\(r.drop)"], b > 0 { gain = "\(100 * (r.sumRateBitsPerHertz - b) / b)" }
            out += String(line) + "," + gain + "\n"
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
}
