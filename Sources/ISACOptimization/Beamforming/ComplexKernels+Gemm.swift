import COpenBLAS
import ISACMath

extension ComplexKernels {
    /// C = op(A)·op(B) (`zgemm`, α = 1, β = 0) on raw interleaved column-major buffers, C m×n with
    /// leading dimension m: the same BLAS call as ``BLAS/multiply(_:_:_:_:)`` without its matrix
    /// wrappers, so callers can write into reused or uninitialised storage (O14).
    static func gemm(
        _ transA: BLAS.Transpose, _ a: UnsafePointer<Double>, lda: Int, _ transB: BLAS.Transpose,
        _ b: UnsafePointer<Double>, ldb: Int, m: Int, n: Int, k: Int, into c: UnsafeMutablePointer<Double>
    ) {
        guard m > 0, n > 0 else { return }
        var alpha: (Double, Double) = (1, 0)
        var beta: (Double, Double) = (0, 0)
        withUnsafePointer(to: &alpha) { al in
            withUnsafePointer(to: &beta) { be in
                cblas_zgemm(
                    CblasColMajor, cblas(transA), cblas(transB), Int32(m), Int32(n), Int32(k), al, a,
                    Int32(max(1, lda)), b, Int32(max(1, ldb)), be, c, Int32(max(1, m)))
            }
        }
    }

    /// op(A)·op(B) as a new array (m×n interleaved), allocated without zero-filling.
    static func product(
        _ transA: BLAS.Transpose, _ a: [Double], lda: Int, _ transB: BLAS.Transpose, _ b: [Double], ldb: Int,
        m: Int, n: Int, k: Int
    ) -> [Double] {
        let count = 2 * m * n
        if count == 0 { return [] }
        if k == 0 { return [Double](repeating: 0, count: count) }
        return [Double](unsafeUninitializedCapacity: count) { c, initialised in
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    gemm(transA, ap.baseAddress!, lda: lda, transB, bp.baseAddress!, ldb: ldb, m: m, n: n, k: k,
                        into: c.baseAddress!)
                }
            }
            initialised = count
        }
    }

    private static func cblas(_ t: BLAS.Transpose) -> CBLAS_TRANSPOSE {
        switch t {
        case .none: return CblasNoTrans
        case .transpose: return CblasTrans
        case .conjugateTranspose: return CblasConjTrans
        }
    }
}
