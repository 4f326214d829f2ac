/// The Cholesky factor A = L·Lᵀ of a symmetric positive-definite 3×3 matrix, lower triangle
/// `lRC`, written out by hand: a LAPACK call costs more than the 10 flops it would do.
///
/// Stability: Cholesky is backward stable with no pivoting, and its error bound depends on the
/// condition number of the *diagonally scaled* matrix D⁻¹AD⁻¹, D = diag(√a_ii) (van der Sluis).
/// Information matrices of the filter have diagonals spanning 10⁴…10¹⁶ because φ, d and v have
/// different units; that scaling costs no accuracy here, so no explicit equilibration is needed.
public struct Cholesky3: Sendable, Equatable {
    public let l00, l10, l11, l20, l21, l22: Double

    /// Factors the symmetric `a` (its lower triangle is read); nil when a pivot is not positive
    /// and finite, i.e. `a` is not numerically positive definite.
    @inlinable
    public init?(_ a: Matrix3) {
        let p0 = a.m00
        guard p0 > 0, p0.isFinite else { return nil }
        let l00 = p0.squareRoot()
        let l10 = a.m10 / l00
        let l20 = a.m20 / l00
        let p1 = a.m11 - l10 * l10
        guard p1 > 0, p1.isFinite else { return nil }
        let l11 = p1.squareRoot()
        let l21 = (a.m21 - l20 * l10) / l11
        let p2 = a.m22 - l20 * l20 - l21 * l21
        guard p2 > 0, p2.isFinite else { return nil }
        self.l00 = l00
        self.l10 = l10
        self.l11 = l11
        self.l20 = l20
        self.l21 = l21
        self.l22 = p2.squareRoot()
    }

    /// Solves A·x = b by forward and back substitution.
    @inlinable
    public func solve(_ b: Vector3) -> Vector3 {
        // L·y = b
        let y0 = b.x / l00
        let y1 = (b.y - l10 * y0) / l11
        let y2 = (b.z - l20 * y0 - l21 * y1) / l22
        // Lᵀ·x = y
        let x2 = y2 / l22
        let x1 = (y1 - l21 * x2) / l11
        let x0 = (y0 - l10 * x1 - l20 * x2) / l00
        return Vector3(x0, x1, x2)
    }

    /// A⁻¹ = L⁻ᵀL⁻¹, exactly symmetric. Used where the filter needs the matrix itself (a
    /// covariance from an information matrix); a single right-hand side uses ``solve(_:)``.
    @inlinable
    public var inverse: Matrix3 {
        // W = L⁻¹ (lower triangular).
        let w00 = 1 / l00, w11 = 1 / l11, w22 = 1 / l22
        let w10 = -l10 * w00 * w11
        let w21 = -l21 * w11 * w22
        let w20 = -(l20 * w00 + l21 * w10) * w22
        // (WᵀW)_ij = Σ_k W_ki W_kj
        let a00 = w00 * w00 + w10 * w10 + w20 * w20
        let a01 = w10 * w11 + w20 * w21
        let a02 = w20 * w22
        let a11 = w11 * w11 + w21 * w21
        let a12 = w21 * w22
        let a22 = w22 * w22
        return Matrix3(symmetric: a00, a01, a02, a11, a12, a22)
    }

    /// xᵀA⁻¹x = ‖L⁻¹x‖² (a Mahalanobis distance, e.g. the NEES), without forming A⁻¹.
    @inlinable
    public func inverseQuadraticForm(_ v: Vector3) -> Double {
        let y0 = v.x / l00
        let y1 = (v.y - l10 * y0) / l11
        let y2 = (v.z - l20 * y0 - l21 * y1) / l22
        return y0 * y0 + y1 * y1 + y2 * y2
    }

    /// vᵀ·A·v for the factored A, as ‖Lᵀv‖².
    public static func mahalanobis(_ v: Vector3, _ a: Cholesky3) -> Double {
        let t0 = a.l00 * v.x + a.l10 * v.y + a.l20 * v.z
        let t1 = a.l11 * v.y + a.l21 * v.z
        let t2 = a.l22 * v.z
        return t0 * t0 + t1 * t1 + t2 * t2
    }
}
