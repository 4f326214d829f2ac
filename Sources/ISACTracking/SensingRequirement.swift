import ISACMath
import ISACPhysics

/// The per-link sensing requirement of constraint (37), ‖Π(φ̂)f‖² ≥ Λ, from eqs. (54)-(58) under
/// M7 and M10 (T6).
///
/// The requirement is m̃_n^(11) ≤ m̃_{n−1}^(11): the next posterior of φ must be no worse than the
/// current one. With Ω = J + M̂⁻¹ (eq. (54) with M7's M̂ = GM̃Gᵀ + E) and [Ω⁻¹]₁₁ = 1/(ω₁₁ − ω₁,₂₃Ω₂₃⁻¹ω₂₃,₁)
/// (Schur complement; (55)-(56) are this identity written out with cofactors),
///
///     ω₁₁ ≥ 1/m̃_{n−1}^(11) + ω₁,₂₃Ω₂₃⁻¹ω₂₃,₁.
///
/// Only the r̃ term of ω₁₁ depends on the beam: ω₁₁ = c‖Πf‖² + J₁₁^rest + [M̂⁻¹]₁₁ with
/// c = 2|A|²/σ_r² (A = √P κ β G; eq. (57) lacks the 2 of the real/imaginary split, M7, and needs
/// [M̂⁻¹]₁₁, not m̂₁₁). The beam-dependent variances σ_ν², σ_μ² inside Ω take the paper's η ≈ 1
/// (a beam pointed at the vehicle). Hence
///
///     Λ = (1/m̃_{n−1}^(11) + ω₁,₂₃Ω₂₃⁻¹ω₂₃,₁ − J₁₁^rest − [M̂⁻¹]₁₁)/c,
///
/// and Λ_eff = clamp(Λ, 0, capFraction·λ_max(ΠᴴΠ)) (M10): Λ ≤ 0 means no requirement; a Λ above
/// λ_max (infeasible for every unit beam) is capped.
public struct SensingRequirement: Sendable, Equatable {
    /// Λ of eq. (58) in Schur-complement form (may be ≤ 0 or above what any beam can reach).
    public var lambda: Double
    /// Λ_eff = clamp(Λ, 0, capFraction·λ_max): the value a beamformer should enforce.
    public var effective: Double
    /// λ_max(Π(φ̂)ᴴΠ(φ̂)), the largest ‖Πf‖² of a unit beam.
    public var maxSensitivity: Double

    /// True when Λ > 0 (some beams would violate it).
    public var isActive: Bool { lambda > 0 }
    /// True when Λ was capped (no unit beam reaches it).
    public var isCapped: Bool { effective < lambda }

    /// Λ for the link predicted at (x̂, M̂) whose current posterior variance of φ is
    /// `previousPhiVariance` (m̃_{n−1}^(11)); nil when M̂ or Ω₂₃ is not positive definite.
    public init?(
        prediction: GaussianEstimate, previousPhiVariance: Double, model: RadarMeasurementModel,
        capFraction: Double
    ) {
        guard let lambda = Self.lambda(prediction: prediction, previousPhiVariance: previousPhiVariance, model: model)
        else { return nil }
        self.lambda = lambda
        let radar = model.radar
        let op = SensingOperator(phi: prediction.mean.x, transmit: radar.transmitArray, receive: radar.receiveArray)
        maxSensitivity = op.maxEigenvalue
        effective = min(max(lambda, 0), capFraction * maxSensitivity)
    }

    /// Λ alone (the same value as ``lambda`` of the full requirement): O(1), without Π(φ̂) and
    /// its λ_max, for callers that cap Λ themselves (the twin's decision problem does, C11); nil
    /// when M̂ or Ω₂₃ is not positive definite.
    public static func lambda(
        prediction: GaussianEstimate, previousPhiVariance: Double, model: RadarMeasurementModel
    ) -> Double? {
        guard previousPhiVariance > 0, let pFactor = Cholesky3(prediction.covariance) else { return nil }
        let x = prediction.mean
        let radar = model.radar
        let noise = radar.noiseVariances(distance: x.y, beamGain: 1)  // η ≈ 1 inside Ω
        let amp = radar.responseAmplitude(distance: x.y)
        let c = 2 * (amp.re * amp.re + amp.im * amp.im) / noise.response
        let hMu = model.dopplerJacobian(x)
        let hNu = 2 / PhysicalConstants.speedOfLight
        // Ω without the beam-dependent r̃ term.
        let rest = Matrix3(
            symmetric: hMu.phi * hMu.phi / noise.doppler, 0, hMu.phi * hMu.speed / noise.doppler,
            hNu * hNu / noise.delay, 0, hMu.speed * hMu.speed / noise.doppler)
        let omega = rest + pFactor.inverse
        // ω₁,₂₃ Ω₂₃⁻¹ ω₂₃,₁ with the 2×2 block solved by its own Cholesky.
        let a = omega.m11, b = omega.m12, d = omega.m22
        guard a > 0, d > 0 else { return nil }
        let l11 = a.squareRoot(), l21 = b / l11
        let p22 = d - l21 * l21
        guard p22 > 0 else { return nil }
        let l22 = p22.squareRoot()
        let y1 = omega.m10 / l11
        let y2 = (omega.m20 - l21 * y1) / l22
        let schur = y1 * y1 + y2 * y2
        return (1 / previousPhiVariance + schur - omega.m00) / c
    }
}
