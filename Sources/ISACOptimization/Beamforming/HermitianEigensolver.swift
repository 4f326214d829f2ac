import CLAPACKE
import ISACMath

/// All eigenpairs of a small Hermitian matrix by LAPACK's MRRR driver `zheevr`, which on the
/// 8-64 sized matrices of the beam step measured faster than the divide-and-conquer `zheevd`
/// behind `LAPACK.hermitianEigendecomposition` (decision O7). Reads the lower triangle.
enum HermitianEigensolver {
    /// Eigenvalues ascending and eigenvectors (columns, n×n column-major interleaved), or nil on a
    /// LAPACK failure.
    static func decompose(_ a: ComplexMatrix) -> (values: [Double], vectors: [Double])? {
        let n = a.rows
        guard n > 0 else { return ([], []) }
        var work = a.storage
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: 2 * n * n)
        var support = [Int32](repeating: 0, count: 2 * n)
        var found: Int32 = 0
        let info = work.withUnsafeMutableBytes { ap in
            z.withUnsafeMutableBytes { zp in
                LAPACKE_zheevr(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "A")), Int8(UInt8(ascii: "L")),
                    Int32(n), OpaquePointer(ap.baseAddress!), Int32(n), 0, 0, 0, 0, 0, &found, &w,
                    OpaquePointer(zp.baseAddress!), Int32(n), &support)
            }
        }
        guard info == 0, Int(found) == n else { return nil }
        return (w, z)
    }
}
