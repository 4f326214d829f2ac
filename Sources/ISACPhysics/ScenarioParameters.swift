import ISACMath

/// Physical constants.
public enum PhysicalConstants {
    /// Speed of light c, m/s.
    public static let speedOfLight = 299_792_458.0
}

/// The scenario in linear SI units, converted once from a validated ``ScenarioConfig``.
/// Hot code reads these fields; nothing converts dB inside a loop.
public struct ScenarioParameters: Sendable, Equatable {
    public let config: ScenarioConfig
    /// P, W (M0).
    public let transmitPowerWatts: Double
    /// α̃, linear, eq. (9).
    public let channelGain: Double
    /// σ_c², W.
    public let communicationNoiseWatts: Double
    /// σ_e², W.
    public let echoNoiseWatts: Double
    public let transmitAntennas: Int
    public let receiveAntennas: Int
    /// κ = √(N_t N_r), eq. (3).
    public let kappa: Double
    /// κ' = √N_t, eq. (8).
    public let kappaPrime: Double
    public let carrierFrequencyHz: Double
    public let slotSeconds: Double
    public let matchedFilterGain: Double
    public let fading: ComplexNumber
    public let rhoR: Double
    public let rhoNu: Double
    public let rhoMu: Double
    public let highway: Highway

    public init(_ config: ScenarioConfig) {
        self.config = config
        transmitPowerWatts = Decibel.wattsFromDBm(config.radio.transmitPowerDBm)
        channelGain = Decibel.toLinear(config.radio.channelGainDB)
        communicationNoiseWatts = Decibel.wattsFromDBm(config.radio.communicationNoiseDBm)
        echoNoiseWatts = Decibel.wattsFromDBm(config.radio.echoNoiseDBm)
        transmitAntennas = config.antennas.transmit
        receiveAntennas = config.antennas.receive
        kappa = Double(config.antennas.transmit * config.antennas.receive).squareRoot()
        kappaPrime = Double(config.antennas.transmit).squareRoot()
        carrierFrequencyHz = config.radio.carrierFrequencyHz
        slotSeconds = config.radio.slotSeconds
        matchedFilterGain = config.radio.matchedFilterGain
        fading = config.radio.fadingCoefficient
        rhoR = config.radio.rhoR
        rhoNu = config.radio.rhoNu
        rhoMu = config.radio.rhoMu
        highway = Highway(config.geometry)
    }

    /// Number of RSUs.
    public var rsuCount: Int { highway.rsus.count }
}
