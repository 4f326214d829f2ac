/// A real 3×3 matrix, row-major fields `mRC`. The tracked state has three components, so every
/// covariance, information matrix and Jacobian of the filter is one of these: plain stored doubles,
/// no heap, no BLAS call overhead (a 3×3 product is 27 multiply-adds).
public struct Matrix3: Sendable, Equatable {
    public var m00, m01, m02: Double
    public var m10, m11, m12: Double
    public var m20, m21, m22: Double

    @inlinable
    public init(
        _ m00: Double, _ m01: Double, _ m02: Double,
        _ m10: Double, _ m11: Double, _ m12: Double,
        _ m20: Double, _ m21: Double, _ m22: Double
    ) {
        self.m00 = m00; self.m01 = m01; self.m02 = m02
        self.m10 = m10; self.m11 = m11; self.m12 = m12
        self.m20 = m20; self.m21 = m21; self.m22 = m22
    }

    /// The symmetric matrix with the given diagonal and upper triangle.
    @inlinable
    public init(symmetric a00: Double, _ a01: Double, _ a02: Double, _ a11: Double, _ a12: Double, _ a22: Double) {
        self.init(a00, a01, a02, a01, a11, a12, a02, a12, a22)
    }

    /// diag(a, b, c).
    @inlinable
    public static func diagonal(_ a: Double, _ b: Double, _ c: Double) -> Matrix3 {
        Matrix3(a, 0, 0, 0, b, 0, 0, 0, c)
    }

    public static let identity = Matrix3.diagonal(1, 1, 1)
    public static let zero = Matrix3.diagonal(0, 0, 0)

    /// From rows (for tests and conversions).
    public init(rows r: [[Double]]) {
        precondition(r.count == 3 && r.allSatisfy { $0.count == 3 }, "Matrix3 needs 3×3 rows")
        self.init(r[0][0], r[0][1], r[0][2], r[1][0], r[1][1], r[1][2], r[2][0], r[2][1], r[2][2])
    }

    /// Entry (i, j), 0-based.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            switch (i, j) {
            case (0, 0): return m00
            case (0, 1): return m01
            case (0, 2): return m02
            case (1, 0): return m10
            case (1, 1): return m11
            case (1, 2): return m12
            case (2, 0): return m20
            case (2, 1): return m21
            default: return m22
            }
        }
        set {
            switch (i, j) {
            case (0, 0): m00 = newValue
            case (0, 1): m01 = newValue
            case (0, 2): m02 = newValue
            case (1, 0): m10 = newValue
            case (1, 1): m11 = newValue
            case (1, 2): m12 = newValue
            case (2, 0): m20 = newValue
            case (2, 1): m21 = newValue
            default: m22 = newValue
            }
        }
    }

    @inlinable
    public var transposed: Matrix3 { Matrix3(m00, m10, m20, m01, m11, m21, m02, m12, m22) }

    /// (A + Aᵀ)/2: removes the round-off asymmetry a product like G·M·Gᵀ leaves.
    @inlinable
    public var symmetrized: Matrix3 {
        let a01 = 0.5 * (m01 + m10), a02 = 0.5 * (m02 + m20), a12 = 0.5 * (m12 + m21)
        return Matrix3(symmetric: m00, a01, a02, m11, a12, m22)
    }

    @inlinable
    public static func + (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(
            a.m00 + b.m00, a.m01 + b.m01, a.m02 + b.m02,
            a.m10 + b.m10, a.m11 + b.m11, a.m12 + b.m12,
            a.m20 + b.m20, a.m21 + b.m21, a.m22 + b.m22)
    }

    @inlinable
    public static func - (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(
            a.m00 - b.m00, a.m01 - b.m01, a.m02 - b.m02,
            a.m10 - b.m10, a.m11 - b.m11, a.m12 - b.m12,
            a.m20 - b.m20, a.m21 - b.m21, a.m22 - b.m22)
    }

    @inlinable
    public static func * (s: Double, a: Matrix3) -> Matrix3 {
        Matrix3(
            s * a.m00, s * a.m01, s * a.m02, s * a.m10, s * a.m11, s * a.m12,
            s * a.m20, s * a.m21, s * a.m22)
    }

    @inlinable
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(
            a.m00 * b.m00 + a.m01 * b.m10 + a.m02 * b.m20,
            a.m00 * b.m01 + a.m01 * b.m11 + a.m02 * b.m21,
            a.m00 * b.m02 + a.m01 * b.m12 + a.m02 * b.m22,
            a.m10 * b.m00 + a.m11 * b.m10 + a.m12 * b.m20,
            a.m10 * b.m01 + a.m11 * b.m11 + a.m12 * b.m21,
            a.m10 * b.m02 + a.m11 * b.m12 + a.m12 * b.m22,
            a.m20 * b.m00 + a.m21 * b.m10 + a.m22 * b.m20,
            a.m20 * b.m01 + a.m21 * b.m11 + a.m22 * b.m21,
            a.m20 * b.m02 + a.m21 * b.m12 + a.m22 * b.m22)
    }

    @inlinable
    public static func * (a: Matrix3, v: Vector3) -> Vector3 {
        Vector3(
            a.m00 * v.x + a.m01 * v.y + a.m02 * v.z,
            a.m10 * v.x + a.m11 * v.y + a.m12 * v.z,
            a.m20 * v.x + a.m21 * v.y + a.m22 * v.z)
    }

    /// A·S·Aᵀ, symmetrised (the covariance propagation of eq. (25)).
    @inlinable
    public func congruence(_ s: Matrix3) -> Matrix3 { (self * s * transposed).symmetrized }

    /// The outer product u·vᵀ.
    @inlinable
    public static func outer(_ u: Vector3, _ v: Vector3) -> Matrix3 {
        Matrix3(
            u.x * v.x, u.x * v.y, u.x * v.z, u.y * v.x, u.y * v.y, u.y * v.z,
            u.z * v.x, u.z * v.y, u.z * v.z)
    }

    /// The diagonal as a vector.
    @inlinable public var diagonal: Vector3 { Vector3(m00, m11, m22) }

    /// Trace.
    @inlinable public var trace: Double { m00 + m11 + m22 }

    /// True when every entry is finite.
    public var isFinite: Bool {
        m00.isFinite && m01.isFinite && m02.isFinite && m10.isFinite && m11.isFinite
            && m12.isFinite && m20.isFinite && m21.isFinite && m22.isFinite
    }

    /// The rows as arrays (for output and tests).
    public var rows: [[Double]] { [[m00, m01, m02], [m10, m11, m12], [m20, m21, m22]] }

    /// Largest absolute entry.
    public var maxAbs: Double {
        rows.joined().reduce(0) { max($0, abs($1)) }
    }
}
