import CLAPACKE

/// Failures reported by LAPACK (a nonzero `info`).
public struct LAPACKError: Error, CustomStringConvertible, Equatable {
    public let routine: String
    public let info: Int32
    public var description: String { "\(routine) failed with info = \(info)" }
}

/// The eigendecomposition A = V·diag(λ)·Vᴴ of a Hermitian matrix.
public struct HermitianEigendecomposition: Sendable {
    /// Eigenvalues in ascending order.
    public let eigenvalues: [Double]
    /// Orthonormal eigenvectors as the columns of a unitary matrix, in the order of `eigenvalues`.
    public let eigenvectors: ComplexMatrix
}

/// Typed wrappers over the LAPACKE routines ISACTwin uses.
public enum LAPACK {
    /// Eigenvalues and eigenvectors of a Hermitian matrix (`zheevd`, divide and conquer; only the
    /// lower triangle of `a` is read).
    public static func hermitianEigendecomposition(
        _ a: ComplexMatrix
    ) throws -> HermitianEigendecomposition {
        precondition(a.rows == a.columns, "matrix must be square")
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        guard n > 0 else { return HermitianEigendecomposition(eigenvalues: [], eigenvectors: v) }
        let info = v.storage.withUnsafeMutableBytes { raw in
            w.withUnsafeMutableBufferPointer { wp in
                LAPACKE_zheevd(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")),
                    Int32(n),
                    OpaquePointer(raw.baseAddress!),
                    Int32(n), wp.baseAddress)
            }
        }
        guard info == 0 else { throw LAPACKError(routine: "zheevd", info: info) }
        return HermitianEigendecomposition(eigenvalues: w, eigenvectors: v)
    }

    /// Eigenvalues and eigenvectors of a small Hermitian matrix by the MRRR driver (`zheevr`; only
    /// the lower triangle of `a` is read). On the 8-64 sized matrices of the beam step it measured
    /// faster than the divide-and-conquer `zheevd` of ``hermitianEigendecomposition(_:)`` (O7).
    public static func hermitianEigendecompositionMRRR(
        _ a: ComplexMatrix
    ) throws -> HermitianEigendecomposition {
        precondition(a.rows == a.columns, "matrix must be square")
        let n = a.rows
        var work = a.storage
        var w = [Double](repeating: 0, count: n)
        var z = ComplexMatrix(rows: n, columns: n)
        guard n > 0 else { return HermitianEigendecomposition(eigenvalues: [], eigenvectors: z) }
        var support = [Int32](repeating: 0, count: 2 * n)
        var found: Int32 = 0
        let info = work.withUnsafeMutableBytes { ap in
            z.storage.withUnsafeMutableBytes { zp in
                LAPACKE_zheevr(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "A")), Int8(UInt8(ascii: "L")),
                    Int32(n), OpaquePointer(ap.baseAddress!), Int32(n), 0, 0, 0, 0, 0, &found, &w,
                    OpaquePointer(zp.baseAddress!), Int32(n), &support)
            }
        }
        guard info == 0 else { throw LAPACKError(routine: "zheevr", info: info) }
        guard Int(found) == n else { throw LAPACKError(routine: "zheevr", info: -Int32(n) + found) }
        return HermitianEigendecomposition(eigenvalues: w, eigenvectors: z)
    }

    /// Solves A·X = B for a real symmetric positive-definite A by Cholesky (`dposv`).
    /// `a` is n×n column-major, `b` is n×nrhs column-major; returns X.
    public static func solvePositiveDefinite(
        _ a: [Double], n: Int, _ b: [Double], rightHandSides nrhs: Int
    ) throws -> [Double] {
        precondition(a.count == n * n && b.count == n * nrhs, "shape mismatch")
        var a = a
        var x = b
        let info = a.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dposv(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(nrhs),
                    ap.baseAddress, Int32(n), xp.baseAddress, Int32(n))
            }
        }
        guard info == 0 else { throw LAPACKError(routine: "dposv", info: info) }
        return x
    }
}
