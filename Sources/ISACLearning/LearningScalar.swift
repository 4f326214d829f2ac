import Foundation
import ISACMath

/// The element type of the learning engine: `Float` for training and inference (BLAS `sgemm`),
/// `Double` for the finite-difference gradient checks (BLAS `dgemm`).
///
/// Every layer is generic over this protocol, so the double-precision path runs exactly the code
/// the single-precision path runs; only the GEMM and `exp` differ.
public protocol LearningScalar: BinaryFloatingPoint, Sendable {
    /// C ← α·op(A)·op(B) + β·C, column-major; op(A) is m×k, op(B) is k×n.
    static func gemm(
        _ transA: BLAS.Transpose, _ transB: BLAS.Transpose, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// y ← α·op(A)·x + β·y, column-major A (m×n), unit strides.
    static func gemv(
        _ trans: BLAS.Transpose, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)

    /// eˣ.
    static func exponential(_ x: Self) -> Self

    /// ln x.
    static func logarithm(_ x: Self) -> Self
}

extension Float: LearningScalar {
    @inlinable
    public static func gemm(
        _ transA: BLAS.Transpose, _ transB: BLAS.Transpose, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.sgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: max(1, lda), b: b,
            ldb: max(1, ldb), beta: beta, c: c, ldc: max(1, ldc))
    }

    @inlinable
    public static func gemv(
        _ trans: BLAS.Transpose, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        BLAS.sgemv(trans, m: m, n: n, alpha: alpha, a: a, lda: max(1, lda), x: x, beta: beta, y: y)
    }

    /// eˣ by Cody-Waite range reduction and the Cephes `expf` polynomial (≈ 1 ulp on the clamped
    /// range): branch-free and inlined, so the gate loops vectorise instead of calling libm per
    /// element. Inputs are clamped to [−87.3, 88], which keeps 2ⁿ a normal float; e⁸⁸ ≈ 1.7e38
    /// is still finite and e⁻⁸⁷·³ ≈ 1.2e−38 is 0 for every use here (σ, tanh, softmax).
    @inlinable @inline(__always)
    public static func exponential(_ x: Float) -> Float {
        let x = Swift.min(Swift.max(x, -87.3), 88)
        // k = x/ln 2 + 1.5·2²³ rounds x/ln 2 to an integer n held in k's low mantissa bits.
        let k = x * 1.442_695_04 + 12_582_912
        let n = k - 12_582_912
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4  // x − n·ln 2 in two parts
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let e = p * r * r + r + 1
        // 2ⁿ from the bits of k without a (trapping, non-vectorising) float → int conversion.
        let twoToN = Float(bitPattern: (k.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return e * twoToN
    }

    @inlinable public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
}

extension Double: LearningScalar {
    @inlinable
    public static func gemm(
        _ transA: BLAS.Transpose, _ transB: BLAS.Transpose, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.dgemm(
            transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: max(1, lda), b: b,
            ldb: max(1, ldb), beta: beta, c: c, ldc: max(1, ldc))
    }

    @inlinable
    public static func gemv(
        _ trans: BLAS.Transpose, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        BLAS.dgemv(trans, m: m, n: n, alpha: alpha, a: a, lda: max(1, lda), x: x, beta: beta, y: y)
    }

    @inlinable public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
}

/// The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ); branch-free (vectorises). For very negative x, e⁻ˣ
/// is huge or +∞ and σ correctly tends to 0, never NaN.
@inlinable @inline(__always)
func sigmoid<S: LearningScalar>(_ x: S) -> S {
    1 / (1 + S.exponential(-x))
}

/// tanh x = 1 − 2/(e²ˣ + 1) through one `exp` (cheaper than libm's tanh); saturates to ±1 without
/// NaN because e²ˣ = ∞ gives 1 and e²ˣ = 0 gives −1.
@inlinable @inline(__always)
func hyperbolicTangent<S: LearningScalar>(_ x: S) -> S {
    1 - 2 / (S.exponential(2 * x) + 1)
}
