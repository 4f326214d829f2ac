extension ScenarioConfig {
    /// The names accepted by ``preset(named:)``.
    public static let presetNames = ["paper", "table1-literal", "corridor"]

    /// Table I with P = 30 dBm per beam (MODEL.md M0): SNR ≈ +15.5 dB at 30 m with N_t = 32,
    /// the interference-limited regime in which the paper's throughput claims can show.
    public static let paper = ScenarioConfig(
        preset: "paper",
        radio: Radio(
            transmitPowerDBm: 30, channelGainDB: -70, communicationNoiseDBm: -70,
            echoNoiseDBm: -70, carrierFrequencyHz: 30e9, slotSeconds: 0.02,
            matchedFilterGain: 10, fadingCoefficient: ComplexNumber(re: 10, im: 10),
            rhoR: 1, rhoNu: 6.7e-7, rhoMu: 2e4),
        antennas: Antennas(transmit: 32, receive: 32),
        geometry: Geometry(
            rsus: [Point(x: 0, y: 30), Point(x: 0, y: -30)], roadStartX: -30, roadEndX: 30,
            roadCenterY: 0, roadWidthMeters: 10, laneOffsetMeters: 2.5),
        traffic: Traffic(
            arrivalRatePerDirection: 5, meanSpeed: 30, speedStandardDeviation: 2, minimumSpeed: 1),
        tracking: Tracking(
            processNoise: StateStd(phi: 1e-4, distanceMeters: 0.01, speedMetersPerSecond: 0.1),
            prior: StateStd(phi: 3e-3, distanceMeters: 0.1, speedMetersPerSecond: 1),
            adaptiveGain: false),
        options: Options(
            sensingConstraint: true, sensingCapFraction: 0.99, interRSUInterference: false,
            powerBudget: .perBeam, echoNoiseModel: .sharedSNR))

    /// Table I read literally: unit transmit power against −70 dB noise, SNR = N_t/d² ≈ −14.5 dB at
    /// 30 m with N_t = 32 (noise-limited; every scheme lands within 0.2 % of every other, M0).
    public static let table1Literal: ScenarioConfig = {
        var c = paper
        c.preset = "table1-literal"
        c.radio.transmitPowerDBm = 0
        return c
    }()

    /// The paper's radio and traffic on a 1.2 km corridor (C1): pairs of RSUs as in Table I (one
    /// each side, 30 m from the centre line) every 60 m, 40 RSUs, one decision cell per pair (C3).
    /// At λ = 5 per direction about 400 vehicles are on the road.
    public static let corridor: ScenarioConfig = {
        var c = paper.with(corridor: Corridor(
            lengthMeters: 1200, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60))
        c.preset = "corridor"
        return c
    }()

    /// The preset of that name, or nil.
    public static func preset(named name: String) -> ScenarioConfig? {
        switch name {
        case "paper": return paper
        case "table1-literal": return table1Literal
        case "corridor": return corridor
        default: return nil
        }
    }
}
