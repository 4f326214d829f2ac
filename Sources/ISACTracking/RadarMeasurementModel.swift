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

    public init(parameters: ScenarioParameters) {
        radar = RadarModel(parameters: parameters)
        transmitCount = parameters.transmitAntennas
        receiveCount = parameters.receiveAntennas
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
        /// (z − h)ᵀQ⁻¹(z − h), the normalised innovation energy (zero without a measurement).
        public var innovationEnergy: Double
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
    /// One pass over the transmit array gives η = aᴴf and η' = a'ᴴf; one pass over the receive
    /// array gives, per element, r̄_n = Aη·b_n and g_n = ∂r̄_n/∂φ = A·b_n(η' − jπnη) (since
    /// b'_n = −jπn·b_n), from which Σ|g_n|² and Σ Re{conj(g_n)(r̃_n − r̄_n)}.
    public func linearize(at x: Vector3, beam f: ComplexVector, measurement y: RadarMeasurement?) -> Linearization {
        precondition(f.count == transmitCount, "beam length \(f.count) ≠ N_t = \(transmitCount)")
        let phi = x.x, d = x.y
        // Transmit pass: η = Σ conj(a_n) f_n, η' = Σ jπn·conj(a_n) f_n.
        var etaRe = 0.0, etaIm = 0.0, etaPRe = 0.0, etaPIm = 0.0
        var a = SteeringPhasor(phi: phi, elementCount: transmitCount)
        f.storage.withUnsafeBufferPointer { fp in
            for n in 0..<transmitCount {
                let fr = fp[2 * n], fi = fp[2 * n + 1]
                let tr = a.re * fr + a.im * fi
                let ti = a.re * fi - a.im * fr
                etaRe += tr
                etaIm += ti
                let pn = Double.pi * Double(n)
                etaPRe -= pn * ti
                etaPIm += pn * tr
                a.advance()
            }
        }
        let beamGain = etaRe * etaRe + etaIm * etaIm
        let amp = radar.responseAmplitude(distance: d)
        let noise = radar.noiseVariances(distance: d, beamGain: beamGain)
        // Receive pass.
        var gainSum = 0.0  // Σ|g_n|² = |A|²‖Πf‖²
        var scorePhiR = 0.0  // Σ Re{conj(g_n) e_n}
        var residualR = 0.0  // Σ |e_n|²
        let aEtaRe = amp.re * etaRe - amp.im * etaIm
        let aEtaIm = amp.re * etaIm + amp.im * etaRe
        var b = SteeringPhasor(phi: phi, elementCount: receiveCount)
        if let y {
            precondition(y.response.count == receiveCount, "r̃ length \(y.response.count) ≠ N_r = \(receiveCount)")
            y.response.storage.withUnsafeBufferPointer { rp in
                for n in 0..<receiveCount {
                    let pn = Double.pi * Double(n)
                    let kRe = etaPRe + pn * etaIm, kIm = etaPIm - pn * etaRe  // η' − jπnη
                    let uRe = amp.re * b.re - amp.im * b.im, uIm = amp.re * b.im + amp.im * b.re  // A·b_n
                    let gRe = uRe * kRe - uIm * kIm, gIm = uRe * kIm + uIm * kRe
                    let mRe = aEtaRe * b.re - aEtaIm * b.im, mIm = aEtaRe * b.im + aEtaIm * b.re
                    let eRe = rp[2 * n] - mRe, eIm = rp[2 * n + 1] - mIm
                    gainSum += gRe * gRe + gIm * gIm
                    scorePhiR += gRe * eRe + gIm * eIm
                    residualR += eRe * eRe + eIm * eIm
                    b.advance()
                }
            }
        } else {
            for n in 0..<receiveCount {
                let pn = Double.pi * Double(n)
                let kRe = etaPRe + pn * etaIm, kIm = etaPIm - pn * etaRe
                let uRe = amp.re * b.re - amp.im * b.im, uIm = amp.re * b.im + amp.im * b.re
                let gRe = uRe * kRe - uIm * kIm, gIm = uRe * kIm + uIm * kRe
                gainSum += gRe * gRe + gIm * gIm
                b.advance()
            }
        }
        let ampSquared = amp.re * amp.re + amp.im * amp.im
        let sensitivity = ampSquared > 0 ? gainSum / ampSquared : 0
        // Each real part of r̃ has variance σ_r²/2, so the r̃ rows contribute 2Σ|g|²/σ_r².
        let wr = 2 / noise.response
        let wNu = 1 / noise.delay, wMu = 1 / noise.doppler
        let hNu = 2 / PhysicalConstants.speedOfLight
        let hMu = dopplerJacobian(x)
        let information = Matrix3(
            symmetric: wr * gainSum + wMu * hMu.phi * hMu.phi, 0, wMu * hMu.phi * hMu.speed,
            wNu * hNu * hNu, 0,
            wMu * hMu.speed * hMu.speed)
        var score = Vector3.zero
        var energy = 0.0
        var eNu = 0.0, eMu = 0.0
        if let y {
            eNu = y.delaySeconds - hNu * d
            eMu = y.dopplerHz - hMu.speed * x.z  // μ = −2f_c vφ/c = (∂μ/∂v)·v
            score = Vector3(wr * scorePhiR + wMu * hMu.phi * eMu, wNu * hNu * eNu, wMu * hMu.speed * eMu)
            energy = wr * residualR + wNu * eNu * eNu + wMu * eMu * eMu
        }
        return Linearization(
            information: information, score: score, beamGain: beamGain, sensitivity: sensitivity,
            noise: noise, innovationEnergy: energy, responseGain: gainSum, responseScore: scorePhiR,
            delayResidual: eNu, dopplerResidual: eMu, dopplerRow: hMu)
    }

    /// The information J = HᵀQ⁻¹H alone.
    public func information(at x: Vector3, beam f: ComplexVector) -> Matrix3 {
        linearize(at: x, beam: f, measurement: nil).information
    }
}
