import ISACMath

/// All eigenpairs of a small Hermitian matrix (`LAPACK.hermitianEigendecompositionMRRR`, `zheevr`,
/// decision O7), in the raw layout the beam step works on. Reads the lower triangle.
enum HermitianEigensolver {
    /// Eigenvalues ascending and eigenvectors (columns, n×n column-major interleaved), or nil on a
    /// LAPACK failure.
    static func decompose(_ a: ComplexMatrix) -> (values: [Double], vectors: [Double])? {
        guard let e = try? LAPACK.hermitianEigendecompositionMRRR(a) else { return nil }
        return (e.eigenvalues, e.eigenvectors.storage)
    }
}
