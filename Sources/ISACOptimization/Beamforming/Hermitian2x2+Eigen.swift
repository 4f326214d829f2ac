/// The eigendecomposition M = E·diag(τ₁, τ₂)·Eᴴ of a Hermitian 2×2 matrix, τ₁ ≥ τ₂, E unitary
/// (columns e₁, e₂). Closed form: τ = (a + b)/2 ± √(((a − b)/2)² + |c|²); e₁ is taken from the
/// row of M − τ₁I whose entry is not a difference of nearly equal numbers (no cancellation), and
/// e₂ = (−ē₁₂, ē₁₁) ⊥ e₁. Used by the dual sensing step (O22) for K = I − νT₁ = E·diag(1 − ντ)·Eᴴ.
struct Hermitian2x2Eigen {
    var tau1: Double
    var tau2: Double
    var e1: SmallVector2
    var e2: SmallVector2

    init(_ m: Hermitian2x2) {
        let mean = 0.5 * (m.a + m.b), half = 0.5 * (m.a - m.b)
        let radius = (half * half + m.c.magnitudeSquared).squareRoot()
        tau1 = mean + radius
        tau2 = mean - radius
        guard radius > 0 else {
            e1 = SmallVector2(x: SmallComplex(1, 0), y: .zero)
            e2 = SmallVector2(x: .zero, y: SmallComplex(1, 0))
            return
        }
        // (M − τ₁I)e₁ = 0: e₁ ∝ (τ₁ − b, c̄) if a ≥ b (τ₁ − b = half + radius ≥ radius), else (c, τ₁ − a).
        let v = half >= 0
            ? SmallVector2(x: SmallComplex(half + radius, 0), y: m.c.conjugate)
            : SmallVector2(x: m.c, y: SmallComplex(radius - half, 0))
        let scale = 1 / v.normSquared.squareRoot()
        e1 = scale * v
        e2 = SmallVector2(x: SmallComplex(-e1.y.re, e1.y.im), y: e1.x.conjugate)
    }

    /// (Eᴴv)₁ = e₁ᴴv and (Eᴴv)₂ = e₂ᴴv.
    @inline(__always) func coordinates(_ v: SmallVector2) -> (SmallComplex, SmallComplex) {
        (e1.inner(v), e2.inner(v))
    }

    /// E·diag(s₁, s₂)·Eᴴ·v: a function of M applied to v (M⁻¹ with s = 1/τ, K⁻¹ with s = 1/(1 − ντ)).
    @inline(__always) func apply(_ s1: Double, _ s2: Double, to v: SmallVector2) -> SmallVector2 {
        let (b1, b2) = coordinates(v)
        return (s1 * b1) * e1 + (s2 * b2) * e2
    }
}

extension SmallVector2 {
    /// uᴴv (complex).
    @inline(__always) func inner(_ v: SmallVector2) -> SmallComplex {
        x.conjugate * v.x + y.conjugate * v.y
    }

    @inline(__always) static func * (s: SmallComplex, v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: s * v.x, y: s * v.y)
    }

    @inline(__always) static func - (u: SmallVector2, v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: u.x - v.x, y: u.y - v.y)
    }
}
