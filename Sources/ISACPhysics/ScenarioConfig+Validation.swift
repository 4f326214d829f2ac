extension ScenarioConfig {
    /// N_t and N_r of every array (also the range of every `--antennas` flag).
    public static let antennaRange = 2...1024
    /// Every coordinate (RSUs, road ends, centre line) lies within ±this many metres of the
    /// origin (D9): one road segment of a digital twin, twenty times a mmWave RSU's coverage.
    public static let coordinateLimitMeters = 10_000.0
    /// Longest run the twin simulates, in slots (D9): `simulate`'s 100 000 s at the paper's 20 ms.
    /// Also bounds a vehicle's transit of the road, so no loop runs for an unchecked time.
    public static let maximumSlotsPerRun = 5_000_000
    /// Mean vehicles on the road by Little's law, 2λL/v̄, at most this per decision cell (D9: the
    /// sweeps' largest K; C2: a corridor of c cells may carry c times as many).
    public static let maximumMeanVehicles = 1000.0
    /// Most RSUs of a configuration (C2): a 20 km road (the coordinate limit) with pairs every
    /// 40 m. Per-RSU state is two entry beams; tracks and decisions are per cell (C3).
    public static let maximumRSUs = 1000

    /// Throws the first ``ConfigError`` found; a configuration that passes can be simulated
    /// without producing NaN or infinities from its parameters (every bound: D9, docs/MODEL.md).
    public func validate() throws {
        func within(_ field: String, _ v: Double, _ lo: Double, _ hi: Double, _ unit: String = "") throws {
            guard v.isFinite, v >= lo, v <= hi else {
                throw ConfigError(field: field, value: "\(v)", validRange: "[\(lo), \(hi)]\(unit)")
            }
        }
        func coordinate(_ field: String, _ v: Double) throws {
            let c = Self.coordinateLimitMeters
            try within(field, v, -c, c, " m")
        }
        func antennaCount(_ field: String, _ n: Int) throws {
            guard Self.antennaRange.contains(n) else {
                throw ConfigError(
                    field: field, value: "\(n)",
                    validRange: "an integer in [\(Self.antennaRange.lowerBound), \(Self.antennaRange.upperBound)]")
            }
        }

        try within("radio.transmitPowerDBm", radio.transmitPowerDBm, -100, 100, " dBm")
        try within("radio.channelGainDB", radio.channelGainDB, -200, 0, " dB")
        try within("radio.communicationNoiseDBm", radio.communicationNoiseDBm, -250, 50, " dBm")
        try within("radio.echoNoiseDBm", radio.echoNoiseDBm, -250, 50, " dBm")
        try within("radio.carrierFrequencyHz", radio.carrierFrequencyHz, 1e6, 1e13, " Hz")
        try within("radio.slotSeconds", radio.slotSeconds, 1e-5, 1, " s")
        try within("radio.matchedFilterGain", radio.matchedFilterGain, 1, 1e9, " (linear: 0 to 90 dB)")
        try within("radio.fadingCoefficient.re", radio.fadingCoefficient.re, -1e4, 1e4)
        try within("radio.fadingCoefficient.im", radio.fadingCoefficient.im, -1e4, 1e4)
        guard radio.fadingCoefficient.magnitudeSquared >= 1e-12 else {
            throw ConfigError(
                field: "radio.fadingCoefficient",
                value: "\(radio.fadingCoefficient.re)+\(radio.fadingCoefficient.im)j",
                validRange: "a complex number with magnitude ≥ 1e-6")
        }
        try within("radio.rhoR", radio.rhoR, 1e-3, 1e3)
        try within("radio.rhoNu", radio.rhoNu, 1e-10, 1e-3, " s")
        try within("radio.rhoMu", radio.rhoMu, 1, 1e7, " Hz")

        try antennaCount("antennas.transmit", antennas.transmit)
        try antennaCount("antennas.receive", antennas.receive)

        try validateCorridor()
        guard (1...Self.maximumRSUs).contains(geometry.rsus.count) else {
            throw ConfigError(
                field: "geometry.rsus", value: "\(geometry.rsus.count) RSUs",
                validRange: "1 to \(Self.maximumRSUs) RSUs (the paper uses 2; C2)")
        }
        for (i, p) in geometry.rsus.enumerated() {
            try coordinate("geometry.rsus[\(i)].x", p.x)
            try coordinate("geometry.rsus[\(i)].y", p.y)
        }
        try coordinate("geometry.roadStartX", geometry.roadStartX)
        try coordinate("geometry.roadEndX", geometry.roadEndX)
        guard geometry.roadEndX - geometry.roadStartX >= 1 else {
            throw ConfigError(
                field: "geometry.roadEndX", value: "\(geometry.roadEndX)",
                validRange: "at least geometry.roadStartX + 1 = \(geometry.roadStartX + 1) m")
        }
        try coordinate("geometry.roadCenterY", geometry.roadCenterY)
        try within("geometry.roadWidthMeters", geometry.roadWidthMeters, 0.1, 1000, " m")
        try within(
            "geometry.laneOffsetMeters", geometry.laneOffsetMeters, 0,
            geometry.roadWidthMeters / 2, " m (half the road width)")
        // Every RSU must be off the road, so no vehicle can sit on top of an array (d > 0).
        for (i, p) in geometry.rsus.enumerated()
        where abs(p.y - geometry.roadCenterY) <= geometry.roadWidthMeters / 2 {
            throw ConfigError(
                field: "geometry.rsus[\(i)].y", value: "\(p.y)",
                validRange: "off the road: |y − roadCenterY| > roadWidthMeters/2 = \(geometry.roadWidthMeters / 2) m")
        }

        try within("traffic.meanSpeed", traffic.meanSpeed, 0.1, 150, " m/s")
        try within("traffic.speedStandardDeviation", traffic.speedStandardDeviation, 0, 50, " m/s")
        try within("traffic.minimumSpeed", traffic.minimumSpeed, 0.01, traffic.meanSpeed, " m/s (≤ meanSpeed)")
        let roadLength = geometry.roadEndX - geometry.roadStartX
        // A vehicle at the mean speed crosses the road within one run's slot budget.
        let slowest = roadLength / (Double(Self.maximumSlotsPerRun) * radio.slotSeconds)
        guard traffic.meanSpeed >= slowest else {
            throw ConfigError(
                field: "traffic.meanSpeed", value: "\(traffic.meanSpeed)",
                validRange: "≥ road length / (\(Self.maximumSlotsPerRun) slots · slotSeconds) = \(slowest) m/s")
        }
        let cells = Double(geometry.corridor?.cellCount ?? 1)
        let densest = Self.maximumMeanVehicles * cells * traffic.meanSpeed / (2 * roadLength)
        try within(
            "traffic.arrivalRatePerDirection", traffic.arrivalRatePerDirection, 0, min(1000, densest),
            " vehicles/s (≤ 1000 and at most \(Int(Self.maximumMeanVehicles)) vehicles per decision cell on the road: 2λL/v̄ ≤ \(Int(Self.maximumMeanVehicles * cells)))")

        try within("tracking.processNoise.phi", tracking.processNoise.phi, 1e-9, 1, " per slot")
        try within("tracking.processNoise.distanceMeters", tracking.processNoise.distanceMeters, 1e-6, 100, " m per slot")
        try within("tracking.processNoise.speedMetersPerSecond", tracking.processNoise.speedMetersPerSecond, 1e-6, 50, " m/s per slot")
        try within("tracking.prior.phi", tracking.prior.phi, 1e-9, 2)
        try within("tracking.prior.distanceMeters", tracking.prior.distanceMeters, 1e-6, 1000, " m")
        try within("tracking.prior.speedMetersPerSecond", tracking.prior.speedMetersPerSecond, 1e-6, 150, " m/s")

        guard options.sensingCapFraction > 0, options.sensingCapFraction < 1 else {
            throw ConfigError(
                field: "options.sensingCapFraction", value: "\(options.sensingCapFraction)",
                validRange: "(0, 1)")
        }
    }

    /// Slots of a run of `durationSeconds` (at least one), or a ``ConfigError`` naming `field` if
    /// the duration is not finite and positive or the run would exceed ``maximumSlotsPerRun``.
    public func slots(forDuration durationSeconds: Double, field: String, maximumSeconds: Double) throws -> Int {
        let limit = min(maximumSeconds, Double(Self.maximumSlotsPerRun) * radio.slotSeconds)
        guard durationSeconds.isFinite, durationSeconds > 0, durationSeconds <= limit else {
            throw ConfigError(
                field: field, value: "\(durationSeconds)",
                validRange: "(0, \(limit)] s (at most \(Self.maximumSlotsPerRun) slots of radio.slotSeconds = \(radio.slotSeconds) s)")
        }
        return max(1, Int((durationSeconds / radio.slotSeconds).rounded()))
    }
}
