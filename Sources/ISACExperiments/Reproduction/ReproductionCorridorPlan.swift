import ISACPhysics

/// The corridor figure's scale (R12): the closed loop on a corridor of `lengthMeters` (pairs of
/// RSUs every `spacingMeters`, one decision cell per pair, as the `corridor` preset), started from
/// the road's steady state (C8) so a short run is already in steady state, at each arrival rate.
public struct ReproductionCorridorPlan: Sendable, Equatable, Codable {
    public var lengthMeters: Double
    public var spacingMeters: Double
    /// Arrival rates per direction (vehicles/s).
    public var arrivalRates: [Double]
    /// Simulated time per run and the leading time excluded from the statistics (s).
    public var durationSeconds: Double
    public var warmupSeconds: Double
    /// The policies compared (distance-mf first: the reference of the gain).
    public var policies: [String]

    public init(
        lengthMeters: Double, spacingMeters: Double = 60, arrivalRates: [Double] = [5, 12.5], durationSeconds: Double,
        warmupSeconds: Double, policies: [String] = ["distance-mf", "distance-fp", "greedy", "heuristic"]
    ) {
        self.lengthMeters = lengthMeters
        self.spacingMeters = spacingMeters
        self.arrivalRates = arrivalRates
        self.durationSeconds = durationSeconds
        self.warmupSeconds = warmupSeconds
        self.policies = policies
    }

    /// The corridor of this plan on `base`'s radio, traffic and road width (pairs at 30 m from the
    /// centre line, cells of one spacing, as the `corridor` preset), at arrival rate `rate`.
    public func config(_ base: ScenarioConfig, arrivalRate rate: Double, antennas: Int) throws -> ScenarioConfig {
        var c = base
        c.geometry.corridor = nil
        c = c.with(corridor: Corridor(
            lengthMeters: lengthMeters, spacingMeters: spacingMeters, layout: .pairs,
            lateralOffsetMeters: ScenarioConfig.corridor.geometry.corridor!.lateralOffsetMeters, cellMeters: spacingMeters))
        c.traffic.arrivalRatePerDirection = rate
        c.antennas.transmit = antennas
        c.antennas.receive = antennas
        try c.validate()
        return c
    }
}
