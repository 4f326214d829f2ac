import ISACMath

/// The quadratic form A = Σ_j w_j w_jᴴ of one RSU's FP beam step (M9), with w_j = |y_j|·g_j over
/// the vehicles j that hear the RSU, shared by all its beams, and its eigendecomposition.
///
/// A is kept as its factor W = [w_1 … w_m] (N×m) and as an orthonormal eigenbasis U (N×r) with
/// eigenvalues λ_1…λ_r > 0 of its range; the orthogonal complement has eigenvalue 0. When m < N the
/// eigenbasis comes from the m×m Gram matrix WᴴW = VΣVᴴ (U = WVΣ^{-1/2}, the "K×K form"), else
/// from the N×N matrix A itself: one Hermitian eigendecomposition (`zheevd`) either way.
public struct BeamQuadratic: Sendable {
    /// N.
    public let dimension: Int
    /// W, N×m, column-major interleaved.
    public let factor: [Double]
    public let factorColumns: Int
    /// U, N×r, column-major interleaved, orthonormal columns.
    let basis: [Double]
    /// λ_1…λ_r > 0.
    public let eigenvalues: [Double]
    /// λ_max(A) (0 for A = 0).
    public let maxEigenvalue: Double

    /// Eigenvalues below this fraction of λ_max are treated as 0 (their directions join the null
    /// space), which keeps U orthonormal in the K×K form.
    static let relativeRankTolerance = 1e-12

    /// - Parameter factor: W, N×m column-major interleaved (columns w_j).
    public init(factor: [Double], dimension n: Int, columns m: Int) {
        precondition(factor.count == 2 * n * m, "factor must be N×m")
        self.dimension = n
        self.factor = factor
        self.factorColumns = m
        guard m > 0 else {
            basis = []
            eigenvalues = []
            maxEigenvalue = 0
            return
        }
        if m < n {
            var gram = ComplexMatrix(rows: m, columns: m)
            factor.withUnsafeBufferPointer { w in
                for q in 0..<m {
                    for p in q..<m {
                        let z = ComplexKernels.dot(w, 2 * n * p, w, 2 * n * q, n)  // w_pᴴ w_q
                        gram.storage[2 * (p + q * m)] = z.re
                        gram.storage[2 * (p + q * m) + 1] = z.im
                        gram.storage[2 * (q + p * m)] = z.re
                        gram.storage[2 * (q + p * m) + 1] = -z.im
                    }
                }
            }
            let (values, vectors) = Self.decompose(gram)
            let top = values.last ?? 0
            var keptValues: [Double] = []
            var u: [Double] = []
            for i in values.indices.reversed() where values[i] > Self.relativeRankTolerance * top && values[i] > 0 {
                // u = W v / √σ.
                let s = 1 / values[i].squareRoot()
                var column = [Double](repeating: 0, count: 2 * n)
                for j in 0..<m {
                    let vr = vectors.storage[2 * (j + i * m)], vi = vectors.storage[2 * (j + i * m) + 1]
                    for e in 0..<n {
                        let wr = factor[2 * (e + j * n)], wi = factor[2 * (e + j * n) + 1]
                        column[2 * e] += s * (wr * vr - wi * vi)
                        column[2 * e + 1] += s * (wr * vi + wi * vr)
                    }
                }
                u.append(contentsOf: column)
                keptValues.append(values[i])
            }
            basis = u
            eigenvalues = keptValues
            maxEigenvalue = top
        } else {
            var a = ComplexMatrix(rows: n, columns: n)
            // A = Σ_j w_j w_jᴴ (lower triangle suffices for zheevd; fill all for clarity).
            for j in 0..<m {
                for q in 0..<n {
                    let cr = factor[2 * (q + j * n)], ci = -factor[2 * (q + j * n) + 1]
                    for p in q..<n {
                        let ar = factor[2 * (p + j * n)], ai = factor[2 * (p + j * n) + 1]
                        a.storage[2 * (p + q * n)] += ar * cr - ai * ci
                        a.storage[2 * (p + q * n) + 1] += ar * ci + ai * cr
                    }
                }
            }
            let (values, vectors) = Self.decompose(a)
            let top = values.last ?? 0
            var keptValues: [Double] = []
            var u: [Double] = []
            for i in values.indices.reversed() where values[i] > Self.relativeRankTolerance * top && values[i] > 0 {
                u.append(contentsOf: vectors.storage[2 * i * n ..< 2 * (i + 1) * n])
                keptValues.append(values[i])
            }
            basis = u
            eigenvalues = keptValues
            maxEigenvalue = top
        }
    }

    /// Rank r of the kept eigenbasis.
    public var rank: Int { eigenvalues.count }

    /// zheevd; on the (practically impossible) LAPACK failure the matrix is treated as 0 rank-wise
    /// by returning no eigenvalues, and the exact step then degrades to the linear term alone.
    private static func decompose(_ m: ComplexMatrix) -> ([Double], ComplexMatrix) {
        guard let e = try? LAPACK.hermitianEigendecomposition(m) else {
            return ([], ComplexMatrix(rows: m.rows, columns: 0))
        }
        return (e.eigenvalues, e.eigenvectors)
    }

    /// A·f = W(Wᴴf).
    public func apply(_ f: ComplexVector) -> ComplexVector {
        let n = dimension
        var out = ComplexVector(count: n)
        factor.withUnsafeBufferPointer { w in
            f.storage.withUnsafeBufferPointer { fp in
                for j in 0..<factorColumns {
                    let z = ComplexKernels.dot(w, 2 * n * j, fp, 0, n)  // w_jᴴ f
                    for e in 0..<n {
                        let wr = w[2 * (e + j * n)], wi = w[2 * (e + j * n) + 1]
                        out.storage[2 * e] += wr * z.re - wi * z.im
                        out.storage[2 * e + 1] += wr * z.im + wi * z.re
                    }
                }
            }
        }
        return out
    }

    /// The split b = U·β + b_⊥: β = Uᴴb (interleaved, r entries) and b_⊥ ⟂ range(A).
    func split(_ b: ComplexVector) -> (beta: [Double], perpendicular: ComplexVector) {
        let n = dimension, r = rank
        var beta = [Double](repeating: 0, count: 2 * r)
        var perpendicular = b
        basis.withUnsafeBufferPointer { u in
            b.storage.withUnsafeBufferPointer { bp in
                for i in 0..<r {
                    let z = ComplexKernels.dot(u, 2 * n * i, bp, 0, n)
                    beta[2 * i] = z.re
                    beta[2 * i + 1] = z.im
                    for e in 0..<n {
                        let ur = u[2 * (e + i * n)], ui = u[2 * (e + i * n) + 1]
                        perpendicular.storage[2 * e] -= ur * z.re - ui * z.im
                        perpendicular.storage[2 * e + 1] -= ur * z.im + ui * z.re
                    }
                }
            }
        }
        return (beta, perpendicular)
    }

    /// f = U·diag(1/(λ+μ))·β + b_⊥/μ (b_⊥ must vanish when μ = 0).
    func assemble(beta: [Double], perpendicular: ComplexVector, shift mu: Double) -> ComplexVector {
        let n = dimension
        var f = mu > 0 ? perpendicular.scaled(by: 1 / mu) : ComplexVector(count: n)
        basis.withUnsafeBufferPointer { u in
            for i in 0..<rank {
                let s = 1 / (eigenvalues[i] + mu)
                let br = beta[2 * i] * s, bi = beta[2 * i + 1] * s
                for e in 0..<n {
                    let ur = u[2 * (e + i * n)], ui = u[2 * (e + i * n) + 1]
                    f.storage[2 * e] += ur * br - ui * bi
                    f.storage[2 * e + 1] += ur * bi + ui * br
                }
            }
        }
        return f
    }
}
