import Foundation
import ISACMath
import Testing

@testable import ISACPhysics

/// The echo model (12)-(17) under M0 and M4.
@Suite struct RadarModelTests {
    let link = LinkGeometry(phi: 0.4, distance: 28, speed: 30)

    /// A beam with |η|² = |aᴴf|² < 1: half the matched beam plus an orthogonal component.
    func partialBeam(_ model: RadarModel) -> ComplexVector {
        let a = model.transmitArray.steering(link.phi)
        let other = model.transmitArray.steering(link.phi + 0.5)
        return (a.scaled(by: 0.7) + other.scaled(by: 0.3)).projectedOntoBall()
    }

    /// Variances written out from (15)-(17) with the SNR of M4, for the paper preset:
    /// P = 1 W, G = 10, κ² = 32·32, |β|² = |10+10j|²/(2·28)², σ_e² = 1e-10 W.
    func handVariances(beamGain eta2: Double) -> (r: Double, nu: Double, mu: Double) {
        let beta2: Double = 200.0 / (56.0 * 56.0)
        let signal: Double = 1.0 * 10.0 * 1024.0 * beta2 * eta2
        let snr: Double = signal / 1e-10
        let rho2: Double = 6.7e-7 * 6.7e-7
        return (10.0 * 1e-10, rho2 / snr, 4e8 / snr)
    }

    @Test func noiseVariancesMatchEquations15to17() {
        let p = ScenarioParameters(.paper)
        let model = RadarModel(parameters: p)
        let f = partialBeam(model)
        let eta2 = model.transmitArray.steering(link.phi).innerProductMagnitudeSquared(f)
        #expect(eta2 > 0.3 && eta2 < 0.9)
        let q = model.noiseVariances(link: link, beam: f)
        let hand = handVariances(beamGain: eta2)
        #expect(abs(q.response / hand.r - 1) < 1e-9)
        #expect(abs(q.delay / hand.nu - 1) < 1e-9)
        #expect(abs(q.doppler / hand.mu - 1) < 1e-9)
        // The literal reading of (15) divides by G instead of multiplying: a factor G² = 100 apart.
        var literal = ScenarioConfig.paper
        literal.options.echoNoiseModel = .literal
        let ql = RadarModel(parameters: ScenarioParameters(literal)).noiseVariances(link: link, beam: f)
        #expect(abs(q.response / ql.response - 100) < 1e-9)
        #expect(ql.delay == q.delay)
    }

    @Test func expectedMeasurementMatchesEquations12to14() {
        let p = ScenarioParameters(.paper)
        let model = RadarModel(parameters: p)
        let f = partialBeam(model)
        let h = model.expectedMeasurement(link: link, beam: f)
        let c = PhysicalConstants.speedOfLight
        #expect(abs(h.delaySeconds - 2 * 28 / c) < 1e-20)
        // Closing speed v̇ = −vφ = −12 m/s (receding), Doppler 2v̇f_c/c.
        #expect(abs(h.dopplerHz - 2 * (-12) * 30e9 / c) < 1e-9)
        // r̄ = √P κ β G b(φ)·(aᴴf).
        let a = model.transmitArray.steering(link.phi), b = model.receiveArray.steering(link.phi)
        let eta = a.innerProduct(f)
        let beta = Complex<Double>(10, 10) / Complex(56, 0)
        let scale = Complex<Double>(1 * 32 * 10, 0) * beta * Complex(eta.re, eta.im)
        for n in 0..<32 { #expect((h.response[n] - scale * b[n]).length < 1e-9 * scale.length) }
    }

    /// Empirical moments over 20 000 draws: the mean equals h(x; f) and the variances equal
    /// (15)-(17). The sample variance has relative standard error √(2/n) (1 % for ν̃, μ̃; 0.1 % for
    /// the 2·32·n pooled parts of r̃); tolerances are five standard errors.
    @Test func measurementNoiseHasTheModelledVariances() {
        let p = ScenarioParameters(.paper)
        let model = RadarModel(parameters: p)
        let f = partialBeam(model)
        let h = model.expectedMeasurement(link: link, beam: f)
        let q = model.noiseVariances(link: link, beam: f)
        var g = Xoshiro256StarStar(seed: 30)
        let n = 20_000
        var nu: [Double] = [], mu: [Double] = []
        var sumSq = 0.0, sumRe = 0.0
        for _ in 0..<n {
            let y = model.measure(link: link, beam: f, using: &g)
            nu.append(y.delaySeconds - h.delaySeconds)
            mu.append(y.dopplerHz - h.dopplerHz)
            for k in y.response.storage.indices {
                let e = y.response.storage[k] - h.response.storage[k]
                sumSq += e * e
                sumRe += e
            }
        }
        let parts = Double(n * 64)
        #expect(abs(sumSq / parts / (q.response / 2) - 1) < 5 * (2 / parts).squareRoot())
        #expect(abs(sumRe / parts) < 5 * (q.response / 2 / parts).squareRoot())
        #expect(abs(Statistics.variance(nu) / q.delay - 1) < 5 * (2 / Double(n)).squareRoot())
        #expect(abs(Statistics.variance(mu) / q.doppler - 1) < 5 * (2 / Double(n)).squareRoot())
        #expect(abs(Statistics.mean(nu)) < 5 * (q.delay / Double(n)).squareRoot())
    }

    /// A beam orthogonal to the vehicle gives a finite (floored) variance, never infinity or NaN.
    @Test func orthogonalBeamGivesFiniteVariance() {
        let model = RadarModel(parameters: ScenarioParameters(.paper))
        let q = model.noiseVariances(distance: 30, beamGain: 0)
        #expect(q.delay.isFinite && q.doppler.isFinite && q.delay > 0)
    }
}
