import Foundation
import Testing

@testable import ISACMath

/// BLAS/LAPACK wrappers against naive loops and defining identities.
@Suite struct LinearAlgebraTests {
    func randomMatrix(_ r: Int, _ c: Int, _ g: inout Xoshiro256StarStar) -> ComplexMatrix {
        var m = ComplexMatrix(rows: r, columns: c)
        for i in m.storage.indices { m.storage[i] = g.nextGaussian() }
        return m
    }

    @Test func innerProductMatchesComplexArithmetic() {
        var g = Xoshiro256StarStar(seed: 10)
        let x = ComplexVector(interleaved: (0..<14).map { _ in g.nextGaussian() })
        let y = ComplexVector(interleaved: (0..<14).map { _ in g.nextGaussian() })
        var s = Complex<Double>.zero
        for n in 0..<7 { s += x[n].conjugate * y[n] }
        let p = x.innerProduct(y)
        #expect(abs(p.re - s.real) < 1e-12 && abs(p.im - s.imaginary) < 1e-12)
        #expect(abs(x.innerProductMagnitudeSquared(y) - s.lengthSquared) < 1e-11)
        #expect(abs(x.normSquared - x.innerProduct(x).re) < 1e-12)
    }

    @Test(arguments: [BLAS.Transpose.none, .transpose, .conjugateTranspose])
    func zgemmMatchesNaiveProduct(transA: BLAS.Transpose) {
        var g = Xoshiro256StarStar(seed: 11)
        let a = transA == .none ? randomMatrix(4, 3, &g) : randomMatrix(3, 4, &g)
        let b = randomMatrix(3, 5, &g)
        let c = BLAS.multiply(a, transA, b)
        for i in 0..<4 {
            for j in 0..<5 {
                var s = Complex<Double>.zero
                for k in 0..<3 {
                    let aik: Complex<Double>
                    switch transA {
                    case .none: aik = a[i, k]
                    case .transpose: aik = a[k, i]
                    case .conjugateTranspose: aik = a[k, i].conjugate
                    }
                    s += aik * b[k, j]
                }
                #expect((c[i, j] - s).length < 1e-12)
            }
        }
    }

    @Test func zgemvMatchesColumnCombination() {
        var g = Xoshiro256StarStar(seed: 12)
        let a = randomMatrix(5, 3, &g)
        let x = ComplexVector(interleaved: (0..<6).map { _ in g.nextGaussian() })
        let y = BLAS.multiply(a, .none, x)
        var expected = ComplexVector(count: 5)
        for j in 0..<3 { expected = expected + a.column(j).scaled(by: (x.re(j), x.im(j))) }
        #expect((y - expected).norm < 1e-12)
        // Aᴴy through the transpose flag equals the explicit conjugate transpose.
        let z = BLAS.multiply(a, .conjugateTranspose, y)
        #expect((z - BLAS.multiply(a.conjugateTranspose, .none, y)).norm < 1e-12)
    }

    /// A = BᴴB + I is Hermitian positive definite: A v = λ v, VᴴV = I, eigenvalues ascending and
    /// their sum equals the trace — for the three drivers, zheevd, zheevr (MRRR) and the real
    /// tridiagonal one (O23).
    @Test(arguments: [0, 1, 2])
    func hermitianEigendecompositionSatisfiesDefinition(driver: Int) throws {
        var g = Xoshiro256StarStar(seed: 13)
        let b = randomMatrix(6, 6, &g)
        var a = BLAS.multiply(b, .conjugateTranspose, b)
        for i in 0..<6 { a[i, i] += 1 }
        let e = try [LAPACK.hermitianEigendecomposition, LAPACK.hermitianEigendecompositionMRRR,
            LAPACK.hermitianEigendecompositionTridiagonal][driver](a)
        #expect(e.eigenvalues == e.eigenvalues.sorted())
        var trace = 0.0
        for i in 0..<6 { trace += a[i, i].real }
        #expect(abs(e.eigenvalues.reduce(0, +) - trace) < 1e-10 * trace)
        for j in 0..<6 {
            let v = e.eigenvectors.column(j)
            let av = BLAS.multiply(a, .none, v)
            #expect((av - v.scaled(by: e.eigenvalues[j])).norm < 1e-10 * e.eigenvalues.last!)
            #expect(abs(v.normSquared - 1) < 1e-12)
        }
        let vhv = BLAS.multiply(e.eigenvectors, .conjugateTranspose, e.eigenvectors)
        #expect((0..<6).allSatisfy { i in (0..<6).allSatisfy { j in (vhv[i, j] - (i == j ? 1 : 0)).length < 1e-12 } })
    }

    @Test func choleskySolveSatisfiesSystem() throws {
        // A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]] is symmetric positive definite.
        let a: [Double] = [4, 1, 0, 1, 3, 1, 0, 1, 2]
        let b: [Double] = [1, 2, 3]
        let x = try LAPACK.solvePositiveDefinite(a, n: 3, b, rightHandSides: 1)
        for i in 0..<3 {
            let row = (0..<3).reduce(0.0) { $0 + a[i + 3 * $1] * x[$1] }
            #expect(abs(row - b[i]) < 1e-12)
        }
        // An indefinite matrix is reported, not silently solved.
        #expect(throws: LAPACKError.self) {
            _ = try LAPACK.solvePositiveDefinite([1, 2, 2, 1], n: 2, [1, 1], rightHandSides: 1)
        }
    }

    @Test func sgemmAndDgemmMatchNaiveProduct() {
        var g = Xoshiro256StarStar(seed: 14)
        let (m, n, k) = (3, 4, 5)
        let a = (0..<(m * k)).map { _ in g.nextGaussian() }
        let b = (0..<(k * n)).map { _ in g.nextGaussian() }
        var c = [Double](repeating: 0, count: m * n)
        BLAS.dgemm(.none, .none, m: m, n: n, k: k, alpha: 1, a: a, lda: m, b: b, ldb: k, beta: 0, c: &c, ldc: m)
        var cs = [Float](repeating: 0, count: m * n)
        BLAS.sgemm(.none, .none, m: m, n: n, k: k, alpha: 1, a: a.map(Float.init), lda: m, b: b.map(Float.init), ldb: k, beta: 0, c: &cs, ldc: m)
        for i in 0..<m {
            for j in 0..<n {
                let s = (0..<k).reduce(0.0) { $0 + a[i + m * $1] * b[$1 + k * j] }
                #expect(abs(c[i + m * j] - s) < 1e-12)
                #expect(abs(Double(cs[i + m * j]) - s) < 1e-4)
            }
        }
    }

    @Test func statisticsMatchHandComputedValues() {
        let x = [1.0, 2, 3, 4]
        #expect(Statistics.mean(x) == 2.5)
        #expect(abs(Statistics.variance(x) - 5.0 / 3) < 1e-15)
        #expect(Statistics.quantile(x, 0.5) == 2.5)
        #expect(Statistics.quantile(x, 0) == 1 && Statistics.quantile(x, 1) == 4)
        #expect(abs(Statistics.quantile(x, 0.9) - 3.7) < 1e-12)  // h = 2.7
        #expect(abs(Decibel.fromLinear(Decibel.toLinear(-14.5)) + 14.5) < 1e-12)
        #expect(abs(Decibel.wattsFromDBm(30) - 1) < 1e-15)
    }
}
