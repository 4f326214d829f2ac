/// One policy's outcome in one slot: a row of `timeseries.csv`.
public struct SlotRecord: Sendable, Equatable {
    /// Time of the slot, s.
    public var time: Double
    public var policy: String
    /// Vehicles on the road in this slot.
    public var vehicles: Int
    /// Vehicles served with a beam decided for this slot.
    public var servedVehicles: Int
    /// Σ_k log₂(1 + SINR_k) on the true geometry with the beams in use, bit/s/Hz.
    public var sumRate: Double
    /// Sum rate minus the distance-mf reference's in the same slot, bit/s/Hz.
    public var gainVsDistanceMF: Double
    /// Mean over the serving links (updated at least once) of the twin's RCRB of distance √m̃₂₂
    /// (EKF posterior), m; nil without such links.
    public var meanRCRBDistance: Double?
    /// Sum rate the policy predicted for the next slot on its predicted geometry, bit/s/Hz.
    public var predictedNextSumRate: Double
    /// Thread CPU time of this slot's decision, s (0 when latency is not measured).
    public var decisionTime: Double
    /// The decision took longer than the slot.
    public var deadlineMissed: Bool
    /// Assignment flips and FP iterations of this slot's decision.
    public var flips: Int
    public var fpIterations: Int
}
