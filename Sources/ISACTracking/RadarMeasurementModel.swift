import Foundation
import ISACMath
import ISACPhysics

/// The measurement model of the tracker: h(x; f) of eqs. (12)-(14) (``RadarModel``), its Jacobian
/// H (eq. (22) with the Doppler row of M5) and noise Q (eqs. (15)-(17) under M4), with the complex
/// r̃ stacked as a real vector (T2):
///
///     z = [Re r̃ (N_r); Im r̃ (N_r); ν̃; μ̃],   Q = diag(σ_r²/2 (2N_r times), σ_ν², σ_μ²).
///
/// Rows of H: r̃ rows have only a φ column, ∂r̄/∂φ = A·Πf with A = √P κ β G (β's dependence on d is
/// not differentiated, as (22), M6); the delay row is [0, 2/c, 0]; the Doppler row
/// [−2f_c v/c, 0, −2f_c φ/c] (μ = −2f_c vφ/c, M5). Q is evaluated at the given (predicted) state
/// and the beam actually used, through η = aᴴ(φ)f.
///
/// The filter never forms H: ``linearize(at:beam:measurement:)`` returns the 3×3 information
/// J = HᵀQ⁻¹H and the score HᵀQ⁻¹(z − h) in one O(N_t + N_r) pass without allocation.
public struct RadarMeasurementModel: Sendable {
    public let radar: RadarModel
    let transmitCount: Int
    let receiveCount: Int
    /// √P κ G ϱ/2: A = amplitudeScale/d (eq. (12), β = ϱ/(2d)).
    let amplitudeScale: (re: Double, im: Double)
    /// P G κ²|ϱ|²/(4σ_e²): echo SNR = snrScale·|η|²/d² (M4).
    let snrScale: Double
    /// σ_r² (beam-independent, M4), ρ_ν², ρ_μ².
    let noiseTemplate: RadarNoiseVariances
    let rhoNuSquared: Double
    let rhoMuSquared: Double

    public init(parameters: ScenarioParameters) {
        radar = RadarModel(parameters: parameters)
        transmitCount = parameters.transmitAntennas
        receiveCount = parameters.receiveAntennas
        let a = radar.responseAmplitude(distance: 1)
        amplitudeScale = (a.re, a.im)
        snrScale = radar.echoSNR(distance: 1, beamGain: 1)
        noiseTemplate = radar.noiseVariances(distance: 1, beamGain: 1)
        rhoNuSquared = parameters.rhoNu * parameters.rhoNu
        rhoMuSquared = parameters.rhoMu * parameters.rhoMu
    }

    public var parameters: ScenarioParameters { radar.parameters }

    /// The Doppler row of H at x: (∂μ/∂φ, ∂μ/∂v) = (−2f_c v/c, −2f_c φ/c).
    public func dopplerJacobian(_ x: Vector3) -> (phi: Double, speed: Double) {
        let k = -2 * radar.parameters.carrierFrequencyHz / PhysicalConstants.speedOfLight
        return (k * x.z, k * x.x)
    }

    /// One linearisation of the model at state x for beam f.
    public struct Linearization: Sendable {
        /// J = HᵀQ⁻¹H, eq. (35) with M7's correction (complex r̃ contributes 2Re{∂mᴴ∂m}/σ_r²).
        public var information: Matrix3
        /// HᵀQ⁻¹(z − h(x; f)); zero when no measurement was given.
        public var score: Vector3
        /// |η|² = |aᴴ(φ)f|², the beam gain of eqs. (16)-(17).
        public var beamGain: Double
        /// ‖Π(φ)f‖², the sensitivity of the sensing constraint (37).
        public var sensitivity: Double
        /// σ_r², σ_ν², σ_μ² at x with this beam.
        public var noise: RadarNoiseVariances
        /// Unweighted pieces of H and e = z − h, for the paper's adaptive gain (30):
        /// Σ_n |∂r̄_n/∂φ|², Σ_n Re{conj(∂r̄_n/∂φ)·e_n}, e_ν, e_μ, and the Doppler row of H.
        public var responseGain: Double
        public var responseScore: Double
        public var delayResidual: Double
        public var dopplerResidual: Double
        public var dopplerRow: (phi: Double, speed: Double)
    }

    /// J and HᵀQ⁻¹e at state x with beam f, for measurement `y` (or the information alone when
    /// `y` is nil). O(N_t + N_r), no allocation.
    ///
    /// With p_n = e^{−jπnφ} (so a_n = p_n/√N_t, b_n = p_n/√N_r) only four array sums are needed:
    /// η = aᴴf, η' = a'ᴴf = jπΣn·conj(a_n)f_n, R₀ = bᴴr̃, R₁ = Σn·conj(b_n)r̃_n. Then, with
    /// g_n = ∂r̄_n/∂φ = A·b_n·k_n, k_n = η' − jπnη (b'_n = −jπn·b_n), S₁ = Σn, S₂ = Σn²:
    ///
    ///     Σ|g_n|² = |A|²(|η'|² + π²|η|²S₂/N_r + 2πIm{conj(η')η}S₁/N_r),
    ///     Σ conj(g_n)(r̃_n − Aηb_n) = conj(A)·(conj(η')(R₀ − Aη) + jπ·conj(η)(R₁ − AηS₁/N_r)).
    ///
    /// When N_t = N_r both arrays share one phasor recurrence and one loop.
    public func linearize(at x: Vector3, beam f: ComplexVector, measurement y: RadarMeasurement?) -> Linearization {
        precondition(f.count == transmitCount, "beam length \(f.count) ≠ N_t = \(transmitCount)")
        let phi = x.x, d = x.y
        var t0 = (re: 0.0, im: 0.0), t1 = (re: 0.0, im: 0.0)  // Σ conj(p_n) f_n, Σ n conj(p_n) f_n
        var u0 = (re: 0.0, im: 0.0), u1 = (re: 0.0, im: 0.0)  // Σ conj(p_n) r̃_n, Σ n conj(p_n) r̃_n
        if let y {
            precondition(y.response.count == receiveCount, "r̃ length \(y.response.count) ≠ N_r = \(receiveCount)")
            if transmitCount == receiveCount {
                f.storage.withUnsafeBufferPointer { fp in
                    y.response.storage.withUnsafeBufferPointer { rp in
                        Self.fusedSums(phi: phi, count: transmitCount, fp, rp, &t0, &t1, &u0, &u1)
                    }
                }
            } else {
                f.storage.withUnsafeBufferPointer { Self.sums(phi: phi, count: transmitCount, $0, &t0, &t1) }
                y.response.storage.withUnsafeBufferPointer { Self.sums(phi: phi, count: receiveCount, $0, &u0, &u1) }
            }
        } else {
            f.storage.withUnsafeBufferPointer { Self.sums(phi: phi, count: transmitCount, $0, &t0, &t1) }
        }
        let st = 1 / Double(transmitCount).squareRoot(), sr = 1 / Double(receiveCount).squareRoot()
        let nr = Double(receiveCount)
        let s1 = nr * (nr - 1) / 2, s2 = (nr - 1) * nr * (2 * nr - 1) / 6
        let eta = (re: st * t0.re, im: st * t0.im)
        let etaP = (re: -Double.pi * st * t1.im, im: Double.pi * st * t1.re)  // jπ·T₁/√N_t
        let beamGain = eta.re * eta.re + eta.im * eta.im
        let cross = etaP.re * eta.im - etaP.im * eta.re  // Im{conj(η')η}
        let sensitivity = (etaP.re * etaP.re + etaP.im * etaP.im) + Double.pi * Double.pi * beamGain * s2 / nr
            + 2 * Double.pi * cross * s1 / nr
        // Amplitude and noise (eqs. (12), (15)-(17) under M4) from constants cached at init.
        let amp = (re: amplitudeScale.re / d, im: amplitudeScale.im / d)
        let ampSquared = amp.re * amp.re + amp.im * amp.im
        let snr = snrScale * max(beamGain, RadarModel.minimumBeamGain) / (d * d)
        var noise = noiseTemplate  // (RadarNoiseVariances has no public memberwise init)
        noise.delay = rhoNuSquared / snr
        noise.doppler = rhoMuSquared / snr
        let gainSum = ampSquared * sensitivity
        let wr = 2 / noise.response  // each real part of r̃ has variance σ_r²/2
        let wNu = 1 / noise.delay, wMu = 1 / noise.doppler
        let hNu = 2 / PhysicalConstants.speedOfLight
        let hMu = dopplerJacobian(x)
        let information = Matrix3(
            symmetric: wr * gainSum + wMu * hMu.phi * hMu.phi, 0, wMu * hMu.phi * hMu.speed,
            wNu * hNu * hNu, 0,
            wMu * hMu.speed * hMu.speed)
        var score = Vector3.zero
        var responseScore = 0.0
        var eNu = 0.0, eMu = 0.0
        if let y {
            let aEta = (re: amp.re * eta.re - amp.im * eta.im, im: amp.re * eta.im + amp.im * eta.re)
            let w0 = (re: sr * u0.re - aEta.re, im: sr * u0.im - aEta.im)
            let w1 = (re: sr * u1.re - aEta.re * s1 / nr, im: sr * u1.im - aEta.im * s1 / nr)
            // z = conj(η')·W₀ + jπ·conj(η)·W₁
            let za = (re: etaP.re * w0.re + etaP.im * w0.im, im: etaP.re * w0.im - etaP.im * w0.re)
            let zb = (re: eta.re * w1.re + eta.im * w1.im, im: eta.re * w1.im - eta.im * w1.re)
            let z = (re: za.re - Double.pi * zb.im, im: za.im + Double.pi * zb.re)
            responseScore = amp.re * z.re + amp.im * z.im  // Re{conj(A)·z}
            eNu = y.delaySeconds - hNu * d
            eMu = y.dopplerHz - hMu.speed * x.z  // μ = −2f_c vφ/c = (∂μ/∂v)·v
            score = Vector3(wr * responseScore + wMu * hMu.phi * eMu, wNu * hNu * eNu, wMu * hMu.speed * eMu)
        }
        return Linearization(
            information: information, score: score, beamGain: beamGain, sensitivity: sensitivity,
            noise: noise, responseGain: gainSum, responseScore: responseScore,
            delayResidual: eNu, dopplerResidual: eMu, dopplerRow: hMu)
    }

    /// Σ conj(p_n)v_n and Σ n·conj(p_n)v_n with p_n = e^{−jπnφ} by the phasor recurrence.
    private static func sums(
        phi: Double, count: Int, _ v: UnsafeBufferPointer<Double>,
        _ s0: inout (re: Double, im: Double), _ s1: inout (re: Double, im: Double)
    ) {
        let wr = cos(Double.pi * phi), wi = -sin(Double.pi * phi)
        var pr = 1.0, pi = 0.0, n = 0.0
        var a0r = 0.0, a0i = 0.0, a1r = 0.0, a1i = 0.0
        for k in 0..<count {
            let vr = v[2 * k], vi = v[2 * k + 1]
            let tr = pr * vr + pi * vi, ti = pr * vi - pi * vr
            a0r += tr
            a0i += ti
            a1r += n * tr
            a1i += n * ti
            let next = pr * wr - pi * wi
            pi = pr * wi + pi * wr
            pr = next
            n += 1
        }
        s0 = (a0r, a0i)
        s1 = (a1r, a1i)
    }

    /// ``sums(phi:count:_:_:_:)`` of f and r̃ in one loop (N_t = N_r). The recurrence is a serial
    /// dependency (a complex multiply per element); two interleaved chains (even and odd n, step
    /// w²) halve its latency, which bounds this loop.
    private static func fusedSums(
        phi: Double, count: Int, _ f: UnsafeBufferPointer<Double>, _ r: UnsafeBufferPointer<Double>,
        _ t0: inout (re: Double, im: Double), _ t1: inout (re: Double, im: Double),
        _ u0: inout (re: Double, im: Double), _ u1: inout (re: Double, im: Double)
    ) {
        let wr = cos(Double.pi * phi), wi = -sin(Double.pi * phi)
        let w2r = wr * wr - wi * wi, w2i = 2 * wr * wi
        // Chain A: even n, chain B: odd n.
        var par = 1.0, pai = 0.0, pbr = wr, pbi = wi
        var na = 0.0, nb = 1.0
        var a0r = 0.0, a0i = 0.0, a1r = 0.0, a1i = 0.0, b0r = 0.0, b0i = 0.0, b1r = 0.0, b1i = 0.0
        var c0r = 0.0, c0i = 0.0, c1r = 0.0, c1i = 0.0, d0r = 0.0, d0i = 0.0, d1r = 0.0, d1i = 0.0
        // Raw pointers stepped by whole pairs: no index arithmetic or bounds checks in the loop.
        var fp = f.baseAddress!, rp = r.baseAddress!
        for _ in 0..<(count / 2) {
            let fr = fp[0], fi = fp[1], rr = rp[0], ri = rp[1]
            let tr = par * fr + pai * fi, ti = par * fi - pai * fr
            let ur = par * rr + pai * ri, ui = par * ri - pai * rr
            a0r += tr; a0i += ti; a1r += na * tr; a1i += na * ti
            b0r += ur; b0i += ui; b1r += na * ur; b1i += na * ui
            let gr = fp[2], gi = fp[3], sr = rp[2], si = rp[3]
            let vr = pbr * gr + pbi * gi, vi = pbr * gi - pbi * gr
            let xr = pbr * sr + pbi * si, xi = pbr * si - pbi * sr
            c0r += vr; c0i += vi; c1r += nb * vr; c1i += nb * vi
            d0r += xr; d0i += xi; d1r += nb * xr; d1i += nb * xi
            let nextA = par * w2r - pai * w2i
            pai = par * w2i + pai * w2r
            par = nextA
            let nextB = pbr * w2r - pbi * w2i
            pbi = pbr * w2i + pbi * w2r
            pbr = nextB
            na += 2
            nb += 2
            fp += 4
            rp += 4
        }
        if count % 2 == 1 {
            let fr = fp[0], fi = fp[1], rr = rp[0], ri = rp[1]
            let tr = par * fr + pai * fi, ti = par * fi - pai * fr
            let ur = par * rr + pai * ri, ui = par * ri - pai * rr
            a0r += tr; a0i += ti; a1r += na * tr; a1i += na * ti
            b0r += ur; b0i += ui; b1r += na * ur; b1i += na * ui
        }
        t0 = (a0r + c0r, a0i + c0i)
        t1 = (a1r + c1r, a1i + c1i)
        u0 = (b0r + d0r, b0i + d0i)
        u1 = (b1r + d1r, b1i + d1i)
    }

    /// The information J = HᵀQ⁻¹H alone.
    public func information(at x: Vector3, beam f: ComplexVector) -> Matrix3 {
        linearize(at: x, beam: f, measurement: nil).information
    }
}
