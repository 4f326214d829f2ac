/// The complete scenario of a run: every parameter of the paper's Table I and every option of the
/// model document (docs/MODEL.md). Powers are in dB/dBm here and converted once by
/// ``ScenarioParameters``.
///
/// Presets: ``paper`` (default; Table I plus a 30 dBm transmit power, MODEL.md M0) and
/// ``table1Literal`` (Table I with unit transmit power: the noise-limited regime). A JSON file may
/// override any subset of a preset (``ScenarioConfig/load(json:over:)``).
public struct ScenarioConfig: Codable, Equatable, Sendable {
    /// Name of the preset this configuration started from (informational).
    public var preset: String
    public var radio: Radio
    public var antennas: Antennas
    public var geometry: Geometry
    public var traffic: Traffic
    public var tracking: Tracking
    public var options: Options

    public init(
        preset: String, radio: Radio, antennas: Antennas, geometry: Geometry, traffic: Traffic,
        tracking: Tracking, options: Options
    ) {
        self.preset = preset
        self.radio = radio
        self.antennas = antennas
        self.geometry = geometry
        self.traffic = traffic
        self.tracking = tracking
        self.options = options
    }

    /// Radio and radar parameters (Table I, M0).
    public struct Radio: Codable, Equatable, Sendable {
        /// Transmit power P of one RSU beam with ‖f‖ = 1 (M0), dBm.
        public var transmitPowerDBm: Double
        /// Channel power gain α̃ at the reference distance d₀ = 1 m, eq. (9), dB.
        public var channelGainDB: Double
        /// Communication noise power σ_c², eq. (10), dBm.
        public var communicationNoiseDBm: Double
        /// Echo (sensing) noise power σ_e², eqs. (15)-(17), dBm.
        public var echoNoiseDBm: Double
        /// Carrier frequency f_c, Hz.
        public var carrierFrequencyHz: Double
        /// Slot duration T, s.
        public var slotSeconds: Double
        /// Matched-filter gain G, eq. (12) (linear).
        public var matchedFilterGain: Double
        /// Complex fading coefficient ϱ of the reflection coefficient β = ϱ/(2d), eq. (3).
        public var fadingCoefficient: ComplexNumber
        /// ρ_r of eq. (15).
        public var rhoR: Double
        /// ρ_ν of eq. (16), s.
        public var rhoNu: Double
        /// ρ_μ of eq. (17), Hz.
        public var rhoMu: Double
    }

    /// Array sizes N_t and N_r of every RSU's uniform linear array, eqs. (4)-(5).
    public struct Antennas: Codable, Equatable, Sendable {
        public var transmit: Int
        public var receive: Int
    }

    /// Road and RSU layout (M1).
    public struct Geometry: Codable, Equatable, Sendable {
        /// RSU positions (x, y), m. Their ULAs lie along the road (x axis).
        public var rsus: [Point]
        /// Where vehicles of the +x direction enter, m.
        public var roadStartX: Double
        /// Where vehicles of the +x direction leave, m.
        public var roadEndX: Double
        /// y of the road's centre line, m.
        public var roadCenterY: Double
        /// Road width, m; static drops are uniform on the road rectangle.
        public var roadWidthMeters: Double
        /// Distance of each lane's centre from the centre line, m (+x lane at +offset).
        public var laneOffsetMeters: Double
        /// A corridor of RSUs (C1): when present, `rsus`, `roadStartX` and `roadEndX` are its
        /// expansion (``ScenarioConfig/expandingCorridor()``) and its cells group the decisions
        /// (C3). Absent (nil, omitted from JSON): the RSUs are listed and form one cell.
        public var corridor: Corridor? = nil
    }

    /// Traffic (M2).
    public struct Traffic: Codable, Equatable, Sendable {
        /// Poisson arrival rate λ per direction, vehicles/s.
        public var arrivalRatePerDirection: Double
        /// Mean speed, m/s.
        public var meanSpeed: Double
        /// Standard deviation of the speed, m/s (speeds are truncated to stay positive).
        public var speedStandardDeviation: Double
        /// Speeds below this are redrawn, m/s.
        public var minimumSpeed: Double
    }

    /// EKF noises and priors (M6).
    public struct Tracking: Codable, Equatable, Sendable {
        /// Process-noise standard deviations per slot (σ_φ, σ_d, σ_v), eq. (18).
        public var processNoise: StateStd
        /// Standard deviations of a new track's prior.
        public var prior: StateStd
        /// Use the paper's adaptive gain (30), projected to the PSD cone, instead of (26).
        public var adaptiveGain: Bool
    }

    /// Standard deviations of the state x = [φ, d, v].
    public struct StateStd: Codable, Equatable, Sendable {
        public var phi: Double
        public var distanceMeters: Double
        public var speedMetersPerSecond: Double
    }

    /// Model options where the paper is ambiguous (M3, M4, M10).
    public struct Options: Codable, Equatable, Sendable {
        /// Enforce the sensing constraint (37) on serving links (M10).
        public var sensingConstraint: Bool
        /// Λ is capped at this fraction of λ_max(ΠᴴΠ) (M10).
        public var sensingCapFraction: Double
        /// Beams of the other RSU interfere too (M3; off: orthogonal resources between RSUs).
        public var interRSUInterference: Bool
        /// How the transmit power is constrained (M3).
        public var powerBudget: PowerBudget
        /// How eq. (15) is read (M4).
        public var echoNoiseModel: EchoNoiseModel
    }

    /// Power constraint on the beams (M3).
    public enum PowerBudget: String, Codable, Equatable, Sendable, CaseIterable {
        /// ‖f_k‖ ≤ 1 for every beam, eq. (38).
        case perBeam
        /// Σ_k ‖f_k‖² ≤ 1 over the beams of one RSU.
        case perRSU
    }

    /// Reading of eq. (15) (M4).
    public enum EchoNoiseModel: String, Codable, Equatable, Sendable, CaseIterable {
        /// σ_r² = ρ_r²·G·σ_e²: r̃, ν̃ and μ̃ share one SNR (default).
        case sharedSNR
        /// σ_r² = ρ_r²·σ_e²/G as printed.
        case literal
    }
}

/// A point in the road plane, m.
public struct Point: Codable, Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A complex number in configuration files.
public struct ComplexNumber: Codable, Equatable, Sendable {
    public var re: Double
    public var im: Double
    public init(re: Double, im: Double) {
        self.re = re
        self.im = im
    }
    /// |z|².
    public var magnitudeSquared: Double { re * re + im * im }
}
