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

    @inlinable public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
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

    @inlinable public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
}

/// The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ), written so that e⁻ˣ never overflows into a NaN.
@inlinable
func sigmoid<S: LearningScalar>(_ x: S) -> S {
    if x >= 0 {
        return 1 / (1 + S.exponential(-x))
    }
    let e = S.exponential(x)
    return e / (1 + e)
}

/// tanh x = 1 − 2/(e²ˣ + 1) through one `exp` (cheaper than libm's tanh); saturates to ±1 without
/// NaN because e²ˣ = ∞ gives 1 and e²ˣ = 0 gives −1.
@inlinable
func hyperbolicTangent<S: LearningScalar>(_ x: S) -> S {
    1 - 2 / (S.exponential(2 * x) + 1)
}
