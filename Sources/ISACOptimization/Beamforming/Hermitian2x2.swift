/// A complex scalar for the 2×2 algebra of the dual sensing step (O21); plain values, no allocation.
struct SmallComplex {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double) {
        self.re = re
        self.im = im
    }

    init(_ z: (re: Double, im: Double)) { self.init(z.re, z.im) }

    static let zero = SmallComplex(0, 0)

    @inline(__always) var conjugate: SmallComplex { SmallComplex(re, -im) }
    @inline(__always) var magnitudeSquared: Double { re * re + im * im }

    @inline(__always) static func + (x: SmallComplex, y: SmallComplex) -> SmallComplex {
        SmallComplex(x.re + y.re, x.im + y.im)
    }
    @inline(__always) static func - (x: SmallComplex, y: SmallComplex) -> SmallComplex {
        SmallComplex(x.re - y.re, x.im - y.im)
    }
    @inline(__always) static func * (x: SmallComplex, y: SmallComplex) -> SmallComplex {
        SmallComplex(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re)
    }
    @inline(__always) static func * (s: Double, x: SmallComplex) -> SmallComplex { SmallComplex(s * x.re, s * x.im) }
}

/// A complex 2-vector.
struct SmallVector2 {
    var x: SmallComplex
    var y: SmallComplex

    static let zero = SmallVector2(x: .zero, y: .zero)

    /// uᴴv, real part (the only part the dual step needs of a Hermitian form).
    @inline(__always) func realInner(_ v: SmallVector2) -> Double {
        x.re * v.x.re + x.im * v.x.im + y.re * v.y.re + y.im * v.y.im
    }
    @inline(__always) var normSquared: Double { x.magnitudeSquared + y.magnitudeSquared }
    @inline(__always) static func + (u: SmallVector2, v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: u.x + v.x, y: u.y + v.y)
    }
    @inline(__always) static func * (s: Double, v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: s * v.x, y: s * v.y)
    }
}

/// A Hermitian 2×2 matrix [[a, c], [c̄, b]].
struct Hermitian2x2 {
    var a: Double
    var b: Double
    var c: SmallComplex

    static let zero = Hermitian2x2(a: 0, b: 0, c: .zero)

    @inline(__always) static func * (m: Hermitian2x2, v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: m.a * v.x + m.c * v.y, y: m.c.conjugate * v.x + m.b * v.y)
    }

    /// vᴴMv (real).
    @inline(__always) func quadratic(_ v: SmallVector2) -> Double {
        a * v.x.magnitudeSquared + b * v.y.magnitudeSquared + 2 * (v.x.conjugate * c * v.y).re
    }

    @inline(__always) var determinant: Double { a * b - c.magnitudeSquared }

    /// Positive definite (a > 0 and det > 0, relative to round-off of the entries).
    var isPositiveDefinite: Bool { a > 0 && b > 0 && determinant > 1e-14 * a * b }

    /// M⁻¹ (the caller checks the determinant).
    var inverse: Hermitian2x2 {
        let d = 1 / determinant
        return Hermitian2x2(a: d * b, b: d * a, c: (-d) * c)
    }

    /// LᴴML for a lower-triangular L = [[l₁₁, 0], [l₂₁, l₂₂]] with real diagonal.
    @inline(__always) func congruence(_ l: LowerTriangular2x2) -> Hermitian2x2 {
        // (ML) columns, then Lᴴ(ML).
        let x00 = l.l11 * SmallComplex(a, 0) + c * l.l21, x01 = l.l22 * c
        let x10 = l.l11 * c.conjugate + b * l.l21, x11 = SmallComplex(b * l.l22, 0)
        let t00 = l.l11 * x00 + l.l21.conjugate * x10
        let t01 = l.l11 * x01 + l.l21.conjugate * x11
        return Hermitian2x2(a: t00.re, b: l.l22 * x11.re, c: t01)
    }
}

/// L = [[l₁₁, 0], [l₂₁, l₂₂]] with l₁₁ > 0, l₂₂ ≥ 0: the Cholesky factor of a PSD 2×2 (l₂₂ = 0 for rank 1).
struct LowerTriangular2x2 {
    var l11: Double
    var l21: SmallComplex
    var l22: Double

    /// M = LLᴴ, or nil when M₁₁ ≤ 0.
    init?(cholesky m: Hermitian2x2) {
        guard m.a > 0, m.a.isFinite else { return nil }
        l11 = m.a.squareRoot()
        l21 = (1 / l11) * m.c.conjugate
        l22 = max(0, m.b - l21.magnitudeSquared).squareRoot()
    }

    /// Lᴴv.
    @inline(__always) func adjointTimes(_ v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: l11 * v.x + l21.conjugate * v.y, y: l22 * v.y)
    }

    /// Lv.
    @inline(__always) func times(_ v: SmallVector2) -> SmallVector2 {
        SmallVector2(x: l11 * v.x, y: l21 * v.x + l22 * v.y)
    }
}
