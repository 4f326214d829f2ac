import ISACMath
import Testing
@testable import ISACTracking

/// The hand-written 3×3 kernels against LAPACK and identities.
@Suite struct Matrix3Tests {
    /// Badly scaled SPD matrices like the filter's information matrices (diagonal 1e4…1e16).
    static let matrices: [Matrix3] = [
        Matrix3(symmetric: 4, 1, 0.5, 3, 0.2, 2),
        Matrix3(symmetric: 1e16, 0, 3e9, 5.6e8, 0, 1e4),
        Matrix3(symmetric: 1e-8, 1e-9, 2e-7, 1e-4, 1e-6, 1),
        Matrix3.diagonal(9e-6, 1e-2, 1),
    ]

    /// Cholesky solve and inverse agree with LAPACK dposv to 1e−12 relative (per entry, scaled by
    /// the diagonal: the accuracy Cholesky guarantees for diagonally scaled matrices).
    @Test(arguments: matrices)
    func choleskyAgreesWithLAPACK(a: Matrix3) throws {
        let factor = try #require(Cholesky3(a))
        let columnMajor = [a.m00, a.m10, a.m20, a.m01, a.m11, a.m21, a.m02, a.m12, a.m22]
        let identity = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        let reference = try LAPACK.solvePositiveDefinite(columnMajor, n: 3, identity, rightHandSides: 3)
        let inverse = factor.inverse
        for i in 0..<3 {
            for j in 0..<3 {
                let scale = (inverse[i, i] * inverse[j, j]).squareRoot()
                #expect(abs(inverse[i, j] - reference[j * 3 + i]) <= 1e-12 * scale)
            }
        }
        let b = Vector3(1, -2, 0.5)
        let x = factor.solve(b)
        let back = a * x
        for i in 0..<3 { #expect(abs(back[i] - b[i]) <= 1e-9 * (abs(b[i]) + 1)) }
        #expect(Fixture.relative(factor.inverseQuadraticForm(b), b.dot(inverse * b)) < 1e-10)
        #expect(Fixture.relative(Cholesky3.mahalanobis(b, factor), b.dot(a * b)) < 1e-12)
    }

    /// Not positive definite: no factor.
    @Test func indefiniteAndNonFiniteAreRejected() {
        #expect(Cholesky3(Matrix3(symmetric: 1, 2, 0, 1, 0, 1)) == nil)
        #expect(Cholesky3(Matrix3.diagonal(1, 0, 1)) == nil)
        #expect(Cholesky3(Matrix3.diagonal(1, .nan, 1)) == nil)
    }

    /// Jacobi eigendecomposition: A·v = λv for every pair, eigenvectors orthonormal, ascending order.
    @Test(arguments: matrices + [Matrix3(symmetric: 1, 2, 0, 1, 0, -3)])
    func eigenPairs(a: Matrix3) {
        let e = SymmetricEigen3(a)
        #expect(e.converged)
        #expect(e.values.x <= e.values.y && e.values.y <= e.values.z)
        let norm = a.maxAbs
        for k in 0..<3 {
            let v = Vector3(e.vectors[0, k], e.vectors[1, k], e.vectors[2, k])
            let r = a * v - e.values[k] * v
            #expect(max(abs(r.x), abs(r.y), abs(r.z)) <= 1e-13 * norm)
            #expect(abs(v.dot(v) - 1) < 1e-14)
        }
    }
}
