import COpenBLAS

extension BLAS {
    /// y ← α·op(A)·x + β·y in single precision (`sgemv`); A is m×n column-major. Faster than
    /// `sgemm` with one column (per-step LSTM inference).
    @inlinable
    public static func sgemv(
        _ trans: Transpose, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(
            CblasColMajor, trans.cblas, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// y ← α·op(A)·x + β·y in double precision (`dgemv`); A is m×n column-major.
    @inlinable
    public static func dgemv(
        _ trans: Transpose, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(
            CblasColMajor, trans.cblas, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}
