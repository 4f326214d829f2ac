import CLAPACKE

extension LAPACK {
    /// Solves A·X = B for a Hermitian positive-definite A by Cholesky (`zposv`; only the lower
    /// triangle of A is read) on raw interleaved column-major storage, in place: `a` (n×n) becomes
    /// its Cholesky factor, `b` (n×nrhs) becomes X. Throws when A is not positive definite
    /// (info > 0) or an argument is bad (info < 0). No allocation, no explicit inverse.
    public static func solveHermitianPositiveDefinite(
        _ a: inout [Double], n: Int, _ b: inout [Double], rightHandSides nrhs: Int
    ) throws {
        precondition(a.count == 2 * n * n && b.count == 2 * n * nrhs, "shape mismatch")
        guard n > 0, nrhs > 0 else { return }
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_zposv(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(nrhs),
                    OpaquePointer(ap.baseAddress!), Int32(n), OpaquePointer(bp.baseAddress!), Int32(n))
            }
        }
        guard info == 0 else { throw LAPACKError(routine: "zposv", info: info) }
    }
}
