import ISACMath

/// One radar measurement y = (r̃, ν̃, μ̃) of one (RSU, vehicle) link after matched filtering,
/// eqs. (12)-(14).
public struct RadarMeasurement: Sendable, Equatable {
    /// Matched-filter output r̃ ∈ ℂ^{N_r}, eq. (12).
    public var response: ComplexVector
    /// Round-trip delay ν̃, s, eq. (13).
    public var delaySeconds: Double
    /// Doppler μ̃, Hz, eq. (14): positive when the vehicle approaches.
    public var dopplerHz: Double

    public init(response: ComplexVector, delaySeconds: Double, dopplerHz: Double) {
        self.response = response
        self.delaySeconds = delaySeconds
        self.dopplerHz = dopplerHz
    }
}

/// Noise variances of a measurement, eqs. (15)-(17) under M4.
public struct RadarNoiseVariances: Sendable, Equatable {
    /// σ_r²: variance of each complex element of r̃ (each of Re, Im has σ_r²/2).
    public var response: Double
    /// σ_ν², s².
    public var delay: Double
    /// σ_μ², Hz².
    public var doppler: Double
}
