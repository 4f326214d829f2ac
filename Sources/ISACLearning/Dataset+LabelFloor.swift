extension Dataset {
    /// The nearest-RSU floor of assignment accuracy (L12): the share of vehicles whose label is the
    /// RSU with the smallest echo delay ν̃ (ν̃ = 2d/c, so the nearest RSU by the last echo).
    /// Vehicles without an echo at some RSU (a zero delay feature) are left out; nil if none
    /// remain. A network that only learned "nearest" would reach this accuracy.
    public var nearestRSUAgreement: Double? {
        let F = layout.featureCount, R = layout.rsuCount
        var agree = 0, counted = 0
        for s in samples {
            for k in 0..<s.vehicleCount {
                var nearest = -1
                var smallest = Float.infinity
                var complete = true
                for i in 0..<R {
                    let nu = s.features[k * F + layout.nuOffset(rsu: i)]
                    if !(nu > 0) { complete = false; break }
                    if nu < smallest { smallest = nu; nearest = i }
                }
                guard complete else { continue }
                counted += 1
                if Int32(nearest) == s.assignments[k] { agree += 1 }
            }
        }
        return counted > 0 ? Double(agree) / Double(counted) : nil
    }
}
