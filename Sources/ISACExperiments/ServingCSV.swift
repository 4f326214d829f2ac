import DigitalTwin

/// `serving.csv` of a closed-loop run on a corridor (C7): who served whom, one row per served
/// vehicle, every `stride`-th slot (text only; the CLI writes it). The corridor plot draws the
/// serving RSU along the road over time from it.
public enum ServingCSV {
    public static let header = ["time_s", "antennas", "policy", "vehicle", "x_m", "rsu"]

    /// Slots kept: every 25th (0.5 s at T = 20 ms), so 40 s of a 1.2 km corridor at λ = 5 with four
    /// policies is about 130 000 rows.
    public static let defaultStride = 25

    /// The rows of a block of slots, `records[policy][slot]`, slot-major; a slot is kept when its
    /// index n (time = (n+1)·T) is a multiple of `stride`.
    public static func rows(antennas: Int, records: [[SlotRecord]], slotSeconds: Double, stride: Int = defaultStride) -> String {
        var out = ""
        guard let slots = records.first?.count else { return out }
        for n in 0..<slots {
            for policy in records {
                let r = policy[n]
                let index = Int((r.time / slotSeconds).rounded()) - 1
                guard index % max(stride, 1) == 0 else { continue }
                for s in r.serving { out += "\(r.time),\(antennas),\(r.policy),\(s.vehicle),\(s.x),\(s.rsu + 1)\n" }
            }
        }
        return out
    }
}
