/// The twin's picture of one link: the posterior of the last slot and the prediction for the next.
public struct Track: Sendable {
    public let key: LinkKey
    /// (x̃_n, M̃_n): the estimate after this slot's measurement (or the prediction if none came).
    public internal(set) var posterior: GaussianEstimate
    /// (x̂_{n+1}, M̂_{n+1}): what decisions for the next slot use.
    public internal(set) var prediction: GaussianEstimate
    /// Measurement updates applied since the track started.
    public internal(set) var updateCount: Int
    /// Slots with no measurement (predict only) since the track started.
    public internal(set) var coastCount: Int
    /// Outcome of the last update (``UpdateStatus/updated`` before the first).
    public internal(set) var lastStatus: UpdateStatus
    /// Linearisations used by the last update (0 before the first).
    public internal(set) var lastIterations: Int
}

/// What the twin hands to the decision layer for one link and the next slot.
public struct LinkPrediction: Sendable {
    public let key: LinkKey
    /// (x̂_{n+1}, M̂_{n+1}).
    public let prediction: GaussianEstimate
    /// √m̃_n^(11) and √m̃_n^(22) of the EKF posterior: the twin's own RCRB estimates (the filter's
    /// covariance is the PCRB recursion evaluated at the estimate, T5).
    public let rcrbPhi: Double
    public let rcrbDistanceMeters: Double
    /// Λ, Λ_eff of the sensing constraint (37) for the next slot (nil if not computable).
    public let sensing: SensingRequirement?
}
