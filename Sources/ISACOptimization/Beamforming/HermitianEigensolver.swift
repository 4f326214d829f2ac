import ISACMath

/// All eigenpairs of a small Hermitian matrix (`LAPACK.hermitianEigendecompositionMRRR`, `zheevr`,
/// decision O7), in the raw layout the beam step works on. Reads the lower triangle.
enum HermitianEigensolver {
    /// Eigenvalues ascending and eigenvectors (columns, n×n column-major interleaved), or nil when
    /// LAPACK reports a failure or returns a non-finite value (a NaN input passes some drivers
    /// silently). The caller turns nil into the outcome `linearAlgebraFailure` (O13).
    static func decompose(_ a: ComplexMatrix) -> (values: [Double], vectors: [Double])? {
        let e: HermitianEigendecomposition
        do { e = try LAPACK.hermitianEigendecompositionMRRR(a) } catch { return nil }
        guard e.eigenvalues.allSatisfy(\.isFinite), e.eigenvectors.storage.allSatisfy(\.isFinite) else { return nil }
        return (e.eigenvalues, e.eigenvectors.storage)
    }
}
