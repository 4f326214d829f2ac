import COpenBLAS

/// Thin, typed wrappers over the CBLAS routines ISACTwin uses (OpenBLAS).
///
/// All matrices are column-major. Real wrappers take raw buffers so hot loops (LSTM training) can
/// run without allocating; complex wrappers work on ``ComplexMatrix``/``ComplexVector``.
public enum BLAS {
    /// Whether an operand is used as is or transposed (conjugate-transposed for complex operands).
    public enum Transpose: Sendable {
        case none, transpose, conjugateTranspose

        @usableFromInline var cblas: CBLAS_TRANSPOSE {
            switch self {
            case .none: return CblasNoTrans
            case .transpose: return CblasTrans
            case .conjugateTranspose: return CblasConjTrans
            }
        }
    }

    /// Sets OpenBLAS's worker-thread count. The `isactwin` entry point owns every command's
    /// parallelism (drops, twins, chunks, training workers on all cores) and sets 1 once for the
    /// whole process (D15); library code never calls this. Parallel library runners document that
    /// they expect single-threaded BLAS.
    public static func setThreadCount(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// C ← α·op(A)·op(B) + β·C in single precision (`sgemm`); op(A) is m×k, op(B) is k×n.
    @inlinable
    public static func sgemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C ← α·op(A)·op(B) + β·C in double precision (`dgemm`); op(A) is m×k, op(B) is k×n.
    @inlinable
    public static func dgemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// op(A)·op(B) for complex matrices (`zgemm`).
    public static func multiply(
        _ a: ComplexMatrix, _ transA: Transpose = .none,
        _ b: ComplexMatrix, _ transB: Transpose = .none
    ) -> ComplexMatrix {
        let (m, ka) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(ka == kb, "inner dimensions differ: \(ka) vs \(kb)")
        var c = ComplexMatrix(rows: m, columns: n)
        guard m > 0, n > 0 else { return c }
        var alpha: (Double, Double) = (1, 0)
        var beta: (Double, Double) = (0, 0)
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    withUnsafePointer(to: &alpha) { al in
                        withUnsafePointer(to: &beta) { be in
                            cblas_zgemm(
                                CblasColMajor, transA.cblas, transB.cblas,
                                Int32(m), Int32(n), Int32(ka), al, ap.baseAddress,
                                Int32(max(1, a.rows)), bp.baseAddress, Int32(max(1, b.rows)),
                                be, cp.baseAddress, Int32(max(1, m)))
                        }
                    }
                }
            }
        }
        return c
    }

    /// op(A)·x for a complex matrix and vector (`zgemv`).
    public static func multiply(
        _ a: ComplexMatrix, _ trans: Transpose = .none, _ x: ComplexVector
    ) -> ComplexVector {
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == n, "vector length \(x.count), expected \(n)")
        var y = ComplexVector(count: m)
        guard m > 0, n > 0 else { return y }
        var alpha: (Double, Double) = (1, 0)
        var beta: (Double, Double) = (0, 0)
        a.storage.withUnsafeBufferPointer { ap in
            x.storage.withUnsafeBufferPointer { xp in
                y.storage.withUnsafeMutableBufferPointer { yp in
                    withUnsafePointer(to: &alpha) { al in
                        withUnsafePointer(to: &beta) { be in
                            cblas_zgemv(
                                CblasColMajor, trans.cblas, Int32(a.rows), Int32(a.columns),
                                al, ap.baseAddress, Int32(max(1, a.rows)), xp.baseAddress, 1,
                                be, yp.baseAddress, 1)
                        }
                    }
                }
            }
        }
        return y
    }
}
