import Foundation
import ISACMath

/// The echo model of eqs. (12)-(17) under M0 and M4, for one (RSU, vehicle) link and the beam f the
/// RSU used towards the vehicle.
///
/// Mean: r̄ = √P κ β G·b(φ)aᴴ(φ)f with β = ϱ/(2d); ν = 2d/c; μ = −2f_c·vφ/c (the paper's
/// 2v̇f_c/c with the closing speed v̇ = −vφ). Noise: all three share the echo SNR
/// P·G κ²|β|²|η|²/σ_e² with η = aᴴ(φ)f (M4): σ_ν² = ρ_ν²σ_e²/(P G κ²|β|²|η|²), likewise σ_μ²,
/// and σ_r² = ρ_r²·G·σ_e² (or ρ_r²σ_e²/G, the literal (15)).
public struct RadarModel: Sendable {
    public let parameters: ScenarioParameters
    public let transmitArray: UniformLinearArray
    public let receiveArray: UniformLinearArray
    /// |η|² is floored here so a beam orthogonal to the vehicle yields a finite, useless
    /// measurement (huge variance) instead of an infinite one.
    public static let minimumBeamGain = 1e-12

    public init(parameters: ScenarioParameters) {
        self.parameters = parameters
        transmitArray = UniformLinearArray(elementCount: parameters.transmitAntennas)
        receiveArray = UniformLinearArray(elementCount: parameters.receiveAntennas)
    }

    /// β = ϱ/(2d), the reflection coefficient of eq. (3), as (re, im).
    public func reflectionCoefficient(distance: Double) -> (re: Double, im: Double) {
        (parameters.fading.re / (2 * distance), parameters.fading.im / (2 * distance))
    }

    /// √P κ β G: the complex amplitude multiplying b aᴴ f in r̄, as (re, im).
    public func responseAmplitude(distance: Double) -> (re: Double, im: Double) {
        let beta = reflectionCoefficient(distance: distance)
        let s = parameters.transmitPowerWatts.squareRoot() * parameters.kappa * parameters.matchedFilterGain
        return (s * beta.re, s * beta.im)
    }

    /// The echo SNR P·G κ²|β|²|η|²/σ_e² shared by ν̃ and μ̃ (and r̃ under M4).
    public func echoSNR(distance: Double, beamGain: Double) -> Double {
        let beta2 = parameters.fading.magnitudeSquared / (4 * distance * distance)
        return parameters.transmitPowerWatts * parameters.matchedFilterGain
            * parameters.kappa * parameters.kappa * beta2
            * max(beamGain, Self.minimumBeamGain) / parameters.echoNoiseWatts
    }

    /// σ_r², σ_ν², σ_μ² of eqs. (15)-(17) under M4, for a link at `distance` illuminated with beam
    /// gain |η|² = |aᴴ(φ)f|².
    public func noiseVariances(distance: Double, beamGain: Double) -> RadarNoiseVariances {
        let snr = echoSNR(distance: distance, beamGain: beamGain)
        let p = parameters
        let responseVariance: Double
        switch p.config.options.echoNoiseModel {
        case .sharedSNR: responseVariance = p.rhoR * p.rhoR * p.matchedFilterGain * p.echoNoiseWatts
        case .literal: responseVariance = p.rhoR * p.rhoR * p.echoNoiseWatts / p.matchedFilterGain
        }
        return RadarNoiseVariances(
            response: responseVariance, delay: p.rhoNu * p.rhoNu / snr, doppler: p.rhoMu * p.rhoMu / snr)
    }

    /// σ_r², σ_ν², σ_μ² for a link and the beam used.
    public func noiseVariances(link: LinkGeometry, beam: ComplexVector) -> RadarNoiseVariances {
        let eta = transmitArray.steering(link.phi).innerProductMagnitudeSquared(beam)
        return noiseVariances(distance: link.distance, beamGain: eta)
    }

    /// The noise-free measurement h(x; f), eqs. (12)-(14).
    public func expectedMeasurement(link: LinkGeometry, beam: ComplexVector) -> RadarMeasurement {
        expectedMeasurement(link: link, beam: beam, steering: transmitArray.steering(link.phi))
    }

    /// h(x; f) with a(φ) of the link already computed.
    private func expectedMeasurement(link: LinkGeometry, beam: ComplexVector, steering a: ComplexVector) -> RadarMeasurement {
        let eta = a.innerProduct(beam)
        let amp = responseAmplitude(distance: link.distance)
        let scale = (amp.re * eta.re - amp.im * eta.im, amp.re * eta.im + amp.im * eta.re)
        let c = PhysicalConstants.speedOfLight
        // b(φ) = a(φ) when N_r = N_t: one steering vector per echo (C11).
        let b = receiveArray == transmitArray ? a : receiveArray.steering(link.phi)
        return RadarMeasurement(
            response: b.scaled(by: scale),
            delaySeconds: 2 * link.distance / c,
            dopplerHz: -2 * parameters.carrierFrequencyHz * link.speed * link.phi / c)
    }

    /// A noisy measurement y = h(x; f) + noise of the true link, eqs. (12)-(17).
    public func measure(
        link: LinkGeometry, beam: ComplexVector, using rng: inout some RandomNumberGenerator
    ) -> RadarMeasurement {
        // One a(φ) for h and the noise's |η|² (C11).
        let a = transmitArray.steering(link.phi)
        var y = expectedMeasurement(link: link, beam: beam, steering: a)
        let q = noiseVariances(distance: link.distance, beamGain: a.innerProductMagnitudeSquared(beam))
        for n in 0..<y.response.count {
            let z = rng.nextComplexGaussian(variance: q.response)
            y.response.storage[2 * n] += z.re
            y.response.storage[2 * n + 1] += z.im
        }
        y.delaySeconds += q.delay.squareRoot() * rng.nextGaussian()
        y.dopplerHz += q.doppler.squareRoot() * rng.nextGaussian()
        return y
    }
}
