/// Decision O22: for fixed μ the sensing multiplier ν(μ) = argmin_{ν ≥ 0, K ≻ 0} g(μ, ν) in O(1).
///
/// With v₁ = VᴴD⁻¹c, T₁ = VᴴD⁻¹V = E·diag(τ₁, τ₂)·Eᴴ (τ₁ ≥ τ₂ ≥ 0) and K = I − νT₁, Woodbury gives
/// Vᴴf = K⁻¹v₁, so fᴴPf = ‖Vᴴf‖² = a₁/(1 − ντ₁)² + a₂/(1 − ντ₂)² with a = |Eᴴv₁|²: a two-term secular
/// equation, increasing in ν on [0, 1/τ₁). ∂g/∂ν = fᴴPf − Λ_t, so ν(μ) = 0 when ‖v₁‖² ≥ Λ_t, else
/// the root of fᴴPf = Λ_t. It is solved for x = 1 − ντ₁ ∈ (0, 1] (then 1 − ντ₂ = (1 − ρ) + ρx,
/// ρ = τ₂/τ₁, without cancellation near the pole x → 0): F(x) = 1/√(fᴴPf) − 1/√Λ_t is increasing
/// and concave in x (the secular form Σ γ_j²/(λ_j + x)², Moré & Sorensen 1983), so Newton's method
/// from a point left of the root stays left of it (fᴴPf ≥ Λ_t at every iterate) and converges
/// monotonically. Start: each term alone bounds the root from the left, x₀ = max(√(a₁/Λ_t),
/// (√(a₂/Λ_t) − 1 + ρ)/ρ).
struct SensingMultiplier {
    /// ν ≥ 0.
    var nu: Double
    /// The eigenvalues 1 − ντ₁, 1 − ντ₂ of K (both > 0: H ≻ 0).
    var k1: Double
    var k2: Double
    /// fᴴPf = ‖K⁻¹v₁‖² = a₁/k₁² + a₂/k₂².
    var sensitivity: Double

    /// ν(μ) for the sensing target `target` = Λ_t; nil in the hard case (a₁ = 0 and the second
    /// term cannot reach Λ_t before the pole: the partial minimum lies on the domain's edge).
    init?(v1: SmallVector2, eigen t: Hermitian2x2Eigen, target: Double) {
        let (b1, b2) = t.coordinates(v1)
        let a1 = b1.magnitudeSquared, a2 = b2.magnitudeSquared
        guard a1 + a2 < target else {
            self.init(nu: 0, k1: 1, k2: 1, sensitivity: v1.normSquared)
            return
        }
        let tau1 = t.tau1
        guard tau1 > 0, tau1.isFinite else { return nil }
        let rho = min(1, max(0, t.tau2 / tau1))
        var x = (a1 / target).squareRoot()
        if rho > 0 { x = max(x, ((a2 / target).squareRoot() - 1 + rho) / rho) }
        guard x > 0 else { return nil }
        let inverseRoot = 1 / target.squareRoot()
        for _ in 0..<64 {
            // F(x) = s^{-1/2} − Λ_t^{-1/2} ≤ 0 here, F'(x) = s^{-3/2}(a₁/x³ + ρa₂/k₂³), so the Newton
            // step −F/F' = s(Λ_t^{-1/2}√s − 1)/(q₁/x + ρq₂/k₂): three divisions and a root per step.
            let inverseX = 1 / x, inverseK2 = 1 / ((1 - rho) + rho * x)
            let q1 = a1 * inverseX * inverseX, q2 = a2 * inverseK2 * inverseK2
            let s = q1 + q2
            if s - target <= 1e-14 * target { break }
            let slope = q1 * inverseX + rho * q2 * inverseK2
            guard slope > 0 else { break }
            let step = s * (inverseRoot * s.squareRoot() - 1) / slope
            if !(step > 4 * Double.ulpOfOne * x) { break }
            x += step
        }
        let k2 = (1 - rho) + rho * x
        let s = a1 / (x * x) + a2 / (k2 * k2)
        guard x > 0, x <= 1, s.isFinite else { return nil }
        self.init(nu: (1 - x) / tau1, k1: x, k2: k2, sensitivity: s)
    }

    /// K's eigenvalues at a given ν (for evaluations at arbitrary (μ, ν)); nil unless K ≻ 0.
    init?(nu: Double, eigen t: Hermitian2x2Eigen) {
        let k1 = 1 - nu * t.tau1, k2 = 1 - nu * t.tau2
        guard k1 > 0, k2 > 0 else { return nil }
        self.init(nu: nu, k1: k1, k2: k2, sensitivity: .nan)
    }

    private init(nu: Double, k1: Double, k2: Double, sensitivity: Double) {
        self.nu = nu
        self.k1 = k1
        self.k2 = k2
        self.sensitivity = sensitivity
    }
}
