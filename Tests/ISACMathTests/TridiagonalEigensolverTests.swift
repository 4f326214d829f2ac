import Foundation
import ISACMath
import Testing

/// The real-tridiagonal Hermitian eigensolver of O23 on the matrices FP's beam step decomposes:
/// Gram matrices WᴴW (and WWᴴ) of weighted steering vectors, full rank and rank-deficient, and a
/// tight eigenvalue cluster. The beam step accepts its KKT point at 1e-12 (O3, O10, O17), so the
/// eigenbasis must be accurate to ≈ 1e-13 relative: residual ‖AV − VΛ‖ and ‖VᴴV − I‖ are checked
/// at that level, and the eigenvalues against the divide-and-conquer driver `zheevd`.
@Suite struct TridiagonalEigensolverTests {
    /// W = [w_j a(φ_j)] (N×m): steering vectors a(φ) = e^{−jπnφ} with weights w_j ∈ [0.1, 1.1].
    func steeringFactor(antennas n: Int, columns m: Int, seed: UInt64) -> ComplexMatrix {
        var g = Xoshiro256StarStar(seed: seed)
        var w = ComplexMatrix(rows: n, columns: m)
        for j in 0..<m {
            let phi = g.nextUniform(in: -1, 1)
            let weight = 0.1 + g.nextUniform()
            for e in 0..<n {
                w.storage[2 * (e + n * j)] = weight * cos(-Double.pi * Double(e) * phi)
                w.storage[2 * (e + n * j) + 1] = weight * sin(-Double.pi * Double(e) * phi)
            }
        }
        return w
    }

    /// Residual max|AV − VΛ| / λ_max and max|VᴴV − I| of a decomposition.
    func errors(_ a: ComplexMatrix, _ e: HermitianEigendecomposition) -> (residual: Double, orthogonality: Double) {
        let n = a.rows
        let av = BLAS.multiply(a, .none, e.eigenvectors, .none)
        let top = max(abs(e.eigenvalues.first ?? 0), abs(e.eigenvalues.last ?? 0), 1e-300)
        var residual = 0.0
        for j in 0..<n {
            for i in 0..<n {
                let d = av[i, j] - e.eigenvectors[i, j] * Complex(e.eigenvalues[j], 0)
                residual = max(residual, d.length / top)
            }
        }
        let vhv = BLAS.multiply(e.eigenvectors, .conjugateTranspose, e.eigenvectors, .none)
        var orthogonality = 0.0
        for j in 0..<n { for i in 0..<n { orthogonality = max(orthogonality, (vhv[i, j] - Complex(i == j ? 1 : 0, 0)).length) } }
        return (residual, orthogonality)
    }

    func check(_ a: ComplexMatrix) throws {
        let e = try LAPACK.hermitianEigendecompositionTridiagonal(a)
        #expect(e.eigenvalues == e.eigenvalues.sorted())
        let (residual, orthogonality) = errors(a, e)
        #expect(residual < 1e-13, "residual \(residual)")
        #expect(orthogonality < 1e-13, "orthogonality \(orthogonality)")
        let reference = try LAPACK.hermitianEigendecomposition(a)
        let top = max(abs(reference.eigenvalues.last ?? 0), abs(reference.eigenvalues.first ?? 0), 1e-300)
        for (x, y) in zip(e.eigenvalues, reference.eigenvalues) { #expect(abs(x - y) <= 1e-13 * top) }
    }

    /// The Gram form WᴴW (m ≤ N, full rank) and the N form WWᴴ (m > N), as the beam step builds them,
    /// and WᴴW with m > N (rank N: m − N eigenvalues at round-off level).
    @Test(arguments: [(32, 1), (32, 2), (32, 25), (32, 32), (16, 40), (64, 50)])
    func gramMatricesOfSteeringVectors(antennas n: Int, columns m: Int) throws {
        let w = steeringFactor(antennas: n, columns: m, seed: UInt64(100 * n + m))
        try check(BLAS.multiply(w, .conjugateTranspose, w, .none))
        try check(BLAS.multiply(w, .none, w, .conjugateTranspose))
    }

    /// I + εH: every eigenvalue within 1e-10 of 1, the hardest case for the eigenvectors'
    /// orthogonality; the basis must still be unitary and a decomposition.
    @Test func tightCluster() throws {
        var g = Xoshiro256StarStar(seed: 7)
        var b = ComplexMatrix(rows: 20, columns: 20)
        for i in b.storage.indices { b.storage[i] = g.nextGaussian() }
        var a = BLAS.multiply(b, .conjugateTranspose, b, .none)
        for i in a.storage.indices { a.storage[i] *= 1e-12 }
        for i in 0..<20 { a[i, i] += Complex(1, 0) }
        try check(a)
    }

    /// n = 0 and n = 1 need no LAPACK quirks from the caller.
    @Test func emptyAndScalar() throws {
        #expect(try LAPACK.hermitianEigendecompositionTridiagonal(ComplexMatrix(rows: 0, columns: 0)).eigenvalues.isEmpty)
        var a = ComplexMatrix(rows: 1, columns: 1)
        a[0, 0] = Complex(2.5, 0)
        let e = try LAPACK.hermitianEigendecompositionTridiagonal(a)
        #expect(e.eigenvalues == [2.5])
        #expect(abs(e.eigenvectors[0, 0].length - 1) < 1e-15)
    }
}
