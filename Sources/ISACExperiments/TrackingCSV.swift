import ISACTracking

/// `rcrb.csv` of `isactwin track` and `fig11.csv` of `isactwin reproduce` (text only): one row per
/// link and slot. `rsu` is 1-based (RSU1/RSU2 of the paper); `track_age` counts slots since the
/// track started (steady state: ≥ ``TrackingSummary/steadyStateAge``).
public enum TrackingCSV {
    public static let header = "time_s,antennas,rsu,vehicle,rcrb_d_m,rcrb_phi,err_d_m,err_phi,nees,track_age"

    public static func text(_ records: [TrackingRecord]) -> String {
        var text = header + "\n"
        text.reserveCapacity(records.count * 120)
        for r in records { text += row(r) }
        return text
    }

    /// One CSV line; an undefined NEES (covariance not positive definite) is an empty field (D14).
    public static func row(_ r: TrackingRecord) -> String {
        "\(r.timeSeconds),\(r.antennas),\(r.rsu + 1),\(r.vehicle),\(r.rcrbDistanceMeters),\(r.rcrbPhi),"
            + "\(r.errorDistanceMeters),\(r.errorPhi),\(r.nees.isFinite ? "\(r.nees)" : ""),\(r.trackAge)\n"
    }
}
