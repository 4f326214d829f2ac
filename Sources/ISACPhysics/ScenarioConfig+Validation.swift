extension ScenarioConfig {
    /// Throws the first ``ConfigError`` found; a configuration that passes can be simulated
    /// without producing NaN or infinities from its parameters.
    public func validate() throws {
        func finite(_ field: String, _ v: Double) throws {
            guard v.isFinite else {
                throw ConfigError(field: field, value: "\(v)", validRange: "a finite number")
            }
        }
        func positive(_ field: String, _ v: Double) throws {
            guard v.isFinite, v > 0 else {
                throw ConfigError(field: field, value: "\(v)", validRange: "a finite number > 0")
            }
        }
        func nonNegative(_ field: String, _ v: Double) throws {
            guard v.isFinite, v >= 0 else {
                throw ConfigError(field: field, value: "\(v)", validRange: "a finite number ≥ 0")
            }
        }
        func within(_ field: String, _ v: Double, _ lo: Double, _ hi: Double, _ unit: String = "") throws {
            guard v.isFinite, v >= lo, v <= hi else {
                throw ConfigError(field: field, value: "\(v)", validRange: "[\(lo), \(hi)]\(unit)")
            }
        }
        func antennaCount(_ field: String, _ n: Int) throws {
            guard (2...1024).contains(n) else {
                throw ConfigError(field: field, value: "\(n)", validRange: "an integer in [2, 1024]")
            }
        }

        try within("radio.transmitPowerDBm", radio.transmitPowerDBm, -100, 100, " dBm")
        try within("radio.channelGainDB", radio.channelGainDB, -200, 0, " dB")
        try within("radio.communicationNoiseDBm", radio.communicationNoiseDBm, -250, 50, " dBm")
        try within("radio.echoNoiseDBm", radio.echoNoiseDBm, -250, 50, " dBm")
        try within("radio.carrierFrequencyHz", radio.carrierFrequencyHz, 1e6, 1e13, " Hz")
        try within("radio.slotSeconds", radio.slotSeconds, 1e-5, 1, " s")
        try positive("radio.matchedFilterGain", radio.matchedFilterGain)
        try finite("radio.fadingCoefficient.re", radio.fadingCoefficient.re)
        try finite("radio.fadingCoefficient.im", radio.fadingCoefficient.im)
        guard radio.fadingCoefficient.magnitudeSquared > 0 else {
            throw ConfigError(
                field: "radio.fadingCoefficient",
                value: "\(radio.fadingCoefficient.re)+\(radio.fadingCoefficient.im)j",
                validRange: "a nonzero complex number")
        }
        try positive("radio.rhoR", radio.rhoR)
        try positive("radio.rhoNu", radio.rhoNu)
        try positive("radio.rhoMu", radio.rhoMu)

        try antennaCount("antennas.transmit", antennas.transmit)
        try antennaCount("antennas.receive", antennas.receive)

        guard (1...8).contains(geometry.rsus.count) else {
            throw ConfigError(
                field: "geometry.rsus", value: "\(geometry.rsus.count) RSUs",
                validRange: "1 to 8 RSUs (the paper uses 2)")
        }
        for (i, p) in geometry.rsus.enumerated() {
            try finite("geometry.rsus[\(i)].x", p.x)
            try finite("geometry.rsus[\(i)].y", p.y)
        }
        try finite("geometry.roadStartX", geometry.roadStartX)
        try finite("geometry.roadEndX", geometry.roadEndX)
        guard geometry.roadEndX - geometry.roadStartX >= 1 else {
            throw ConfigError(
                field: "geometry.roadEndX", value: "\(geometry.roadEndX)",
                validRange: "at least geometry.roadStartX + 1 = \(geometry.roadStartX + 1) m")
        }
        try finite("geometry.roadCenterY", geometry.roadCenterY)
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

        try within("traffic.arrivalRatePerDirection", traffic.arrivalRatePerDirection, 0, 1000, " vehicles/s")
        try within("traffic.meanSpeed", traffic.meanSpeed, 0.1, 150, " m/s")
        try within("traffic.speedStandardDeviation", traffic.speedStandardDeviation, 0, 50, " m/s")
        try within("traffic.minimumSpeed", traffic.minimumSpeed, 0.01, traffic.meanSpeed, " m/s (≤ meanSpeed)")

        try positive("tracking.processNoise.phi", tracking.processNoise.phi)
        try positive("tracking.processNoise.distanceMeters", tracking.processNoise.distanceMeters)
        try positive("tracking.processNoise.speedMetersPerSecond", tracking.processNoise.speedMetersPerSecond)
        try positive("tracking.prior.phi", tracking.prior.phi)
        try positive("tracking.prior.distanceMeters", tracking.prior.distanceMeters)
        try positive("tracking.prior.speedMetersPerSecond", tracking.prior.speedMetersPerSecond)

        guard options.sensingCapFraction > 0, options.sensingCapFraction < 1 else {
            throw ConfigError(
                field: "options.sensingCapFraction", value: "\(options.sensingCapFraction)",
                validRange: "(0, 1)")
        }
    }
}
