import ISACMath

/// The quadratic form A = Σ_j w_j w_jᴴ = WWᴴ of one RSU's FP beam step (M9), with w_j = |y_j|·g_j
/// over the vehicles j that hear the RSU, shared by all its beams, and its eigendecomposition.
///
/// One Hermitian eigendecomposition (`zheevr`, ``HermitianEigensolver``) per RSU and FP iteration gives A = UΛUᴴ on its range
/// (eigenvalues below 1e-12·λ_max are dropped, their directions join the null space):
/// - m ≤ N ("K×K form"): WᴴW = VΣVᴴ (m×m), so U = WVΣ^{-1/2}, Λ = Σ. U is never formed: a beam
///   f = Uζ is assembled as W·(VΣ^{-1/2}ζ), and a channel column has the closed-form coordinates
///   Uᴴw_j = Σ^{1/2}Vᴴe_j (push-through identity), O(r) per beam instead of O(N r).
/// - m > N: A itself (N×N) and U explicitly.
public struct BeamQuadratic: Sendable {
    /// N.
    public let dimension: Int
    /// W, N×m, column-major interleaved.
    public let factor: [Double]
    public let factorColumns: Int
    /// Whether the K×K form is used.
    let gramForm: Bool
    /// Gram form: kept eigenvectors V (m×r); N form: U (N×r). Column-major interleaved.
    let vectors: [Double]
    /// λ_1…λ_r > 0.
    public let eigenvalues: [Double]
    /// √λ_i and 1/√λ_i (Gram form).
    let rootEigenvalues: [Double]
    let inverseRootEigenvalues: [Double]
    /// λ_max(A) (0 for A = 0).
    public let maxEigenvalue: Double
    /// LAPACK failed to decompose A (or returned non-finite values): the basis is then empty and a
    /// beam step must not use it; FP keeps the RSU's beams and reports `linearAlgebraFailure` (O13).
    public let eigensolverFailed: Bool

    static let relativeRankTolerance = 1e-12

    /// - Parameter factor: W, N×m column-major interleaved (columns w_j).
    public init(factor: [Double], dimension n: Int, columns m: Int) {
        precondition(factor.count == 2 * n * m, "factor must be N×m")
        dimension = n
        self.factor = factor
        factorColumns = m
        gramForm = m <= n
        let size = gramForm ? m : n
        var matrix = ComplexMatrix(rows: size, columns: size)
        if m > 0 {
            // WᴴW (m ≤ N) or WWᴴ (zgemm), written straight into the matrix (O14).
            let gram = gramForm
            factor.withUnsafeBufferPointer { w in
                matrix.storage.withUnsafeMutableBufferPointer { out in
                    if gram {
                        ComplexKernels.gemm(
                            .conjugateTranspose, w.baseAddress!, lda: n, .none, w.baseAddress!, ldb: n, m: m, n: m, k: n,
                            into: out.baseAddress!)
                    } else {
                        ComplexKernels.gemm(
                            .none, w.baseAddress!, lda: n, .conjugateTranspose, w.baseAddress!, ldb: n, m: n, n: n, k: m,
                            into: out.baseAddress!)
                    }
                }
            }
        }
        var values: [Double] = []
        var kept: [Double] = []
        var top = 0.0
        var failed = false
        if size > 0 {
            if let e = HermitianEigensolver.decompose(matrix) {
                top = max(0, e.values.last ?? 0)
                for i in e.values.indices.reversed() where e.values[i] > Self.relativeRankTolerance * top {
                    values.append(e.values[i])
                    kept.append(contentsOf: e.vectors[2 * i * size ..< 2 * (i + 1) * size])
                }
            } else {
                failed = true
            }
        }
        eigensolverFailed = failed
        vectors = kept
        eigenvalues = values
        rootEigenvalues = values.map { $0.squareRoot() }
        inverseRootEigenvalues = values.map { 1 / $0.squareRoot() }
        maxEigenvalue = top
        // Gram form: VΣ^{-1/2}, so that U = W·(VΣ^{-1/2}).
        if gramForm {
            var scaled = kept
            for i in 0..<values.count {
                let s = 1 / values[i].squareRoot()
                for e in 0 ..< 2 * m { scaled[2 * m * i + e] *= s }
            }
            scaledVectors = scaled
        } else {
            scaledVectors = kept
        }
    }

    /// Gram form: VΣ^{-1/2} (m×r); N form: U.
    let scaledVectors: [Double]

    /// Beams f_l = U·ζ_l for the columns of Z (r×s, column-major interleaved): N×s, by zgemm.
    func assemble(columns z: [Double], count s: Int) -> [Double] {
        let n = dimension, r = rank
        guard s > 0 else { return [] }
        guard r > 0 else { return [Double](repeating: 0, count: 2 * n * s) }
        if gramForm {
            let m = factorColumns
            let x = ComplexKernels.product(.none, scaledVectors, lda: m, .none, z, ldb: r, m: m, n: s, k: r)
            return ComplexKernels.product(.none, factor, lda: n, .none, x, ldb: m, m: n, n: s, k: m)
        } else {
            return ComplexKernels.product(.none, vectors, lda: n, .none, z, ldb: r, m: n, n: s, k: r)
        }
    }

    /// Rank r of the kept eigenbasis.
    public var rank: Int { eigenvalues.count }

    /// A·f = W(Wᴴf).
    public func apply(_ f: ComplexVector) -> ComplexVector {
        let n = dimension
        var out = ComplexVector(count: n)
        factor.withUnsafeBufferPointer { w in
            f.storage.withUnsafeBufferPointer { fp in
                out.storage.withUnsafeMutableBufferPointer { o in
                    for j in 0..<factorColumns {
                        let z = ComplexKernels.dot(w, 2 * n * j, fp, 0, n)  // w_jᴴ f
                        let base = 2 * n * j
                        for e in 0..<n {
                            let wr = w[base + 2 * e], wi = w[base + 2 * e + 1]
                            o[2 * e] += wr * z.re - wi * z.im
                            o[2 * e + 1] += wr * z.im + wi * z.re
                        }
                    }
                }
            }
        }
        return out
    }

    /// Uᴴ(α·w_j), interleaved (r entries): Σ^{1/2}Vᴴe_j·α in the K×K form.
    func coordinates(factorColumn j: Int, scale alpha: (re: Double, im: Double)) -> [Double] {
        var beta = [Double](repeating: 0, count: 2 * rank)
        coordinates(factorColumn: j, scale: alpha, into: &beta)
        return beta
    }

    /// Uᴴ(α·w_j) written into `beta` (resized to 2r entries only when its size differs), the
    /// allocation-free form for the SCA loop (O14).
    func coordinates(factorColumn j: Int, scale alpha: (re: Double, im: Double), into beta: inout [Double]) {
        let r = rank
        if beta.count != 2 * r { beta = [Double](repeating: 0, count: 2 * r) }
        if gramForm {
            let m = factorColumns
            for i in 0..<r {
                // conj(V[j, i]) · √σ_i · α
                let vr = vectors[2 * (j + i * m)], vi = -vectors[2 * (j + i * m) + 1]
                let s = rootEigenvalues[i]
                beta[2 * i] = s * (vr * alpha.re - vi * alpha.im)
                beta[2 * i + 1] = s * (vr * alpha.im + vi * alpha.re)
            }
        } else {
            let n = dimension
            vectors.withUnsafeBufferPointer { u in
                factor.withUnsafeBufferPointer { w in
                    for i in 0..<r {
                        let z = ComplexKernels.dot(u, 2 * n * i, w, 2 * n * j, n)
                        beta[2 * i] = z.re * alpha.re - z.im * alpha.im
                        beta[2 * i + 1] = z.re * alpha.im + z.im * alpha.re
                    }
                }
            }
        }
    }

    /// Uᴴb_l for the columns of B (N×s, column-major interleaved): r×s, by two zgemms (Gram form:
    /// Σ^{-1/2}Vᴴ(WᴴB)), the batched form of ``coordinates(of:)`` for the half-space normals of
    /// all beams of an RSU.
    func coordinates(ofColumns b: [Double], count s: Int) -> [Double] {
        let n = dimension, r = rank
        guard s > 0, r > 0 else { return [Double](repeating: 0, count: 2 * r * s) }
        if gramForm {
            let m = factorColumns
            let wb = ComplexKernels.product(.conjugateTranspose, factor, lda: n, .none, b, ldb: n, m: m, n: s, k: n)
            return ComplexKernels.product(.conjugateTranspose, scaledVectors, lda: m, .none, wb, ldb: m, m: r, n: s, k: m)
        } else {
            return ComplexKernels.product(.conjugateTranspose, vectors, lda: n, .none, b, ldb: n, m: r, n: s, k: n)
        }
    }

    /// Uᴴb, interleaved (r entries).
    func coordinates(of b: ComplexVector) -> [Double] {
        let r = rank, n = dimension
        var beta = [Double](repeating: 0, count: 2 * r)
        b.storage.withUnsafeBufferPointer { bp in
            if gramForm {
                let m = factorColumns
                var t = [Double](repeating: 0, count: 2 * m)  // Wᴴb
                factor.withUnsafeBufferPointer { w in
                    for l in 0..<m {
                        let z = ComplexKernels.dot(w, 2 * n * l, bp, 0, n)
                        t[2 * l] = z.re
                        t[2 * l + 1] = z.im
                    }
                }
                t.withUnsafeBufferPointer { tp in
                    vectors.withUnsafeBufferPointer { v in
                        for i in 0..<r {
                            let z = ComplexKernels.dot(v, 2 * m * i, tp, 0, m)
                            beta[2 * i] = z.re * inverseRootEigenvalues[i]
                            beta[2 * i + 1] = z.im * inverseRootEigenvalues[i]
                        }
                    }
                }
            } else {
                vectors.withUnsafeBufferPointer { u in
                    for i in 0..<r {
                        let z = ComplexKernels.dot(u, 2 * n * i, bp, 0, n)
                        beta[2 * i] = z.re
                        beta[2 * i + 1] = z.im
                    }
                }
            }
        }
        return beta
    }

    /// f = U·ζ + s·h (h optional), ζ interleaved (r entries).
    func assemble(_ zeta: [Double], plus s: Double = 0, times h: ComplexVector? = nil) -> ComplexVector {
        let n = dimension, r = rank
        var f = ComplexVector(count: n)
        f.storage.withUnsafeMutableBufferPointer { out in
            if gramForm {
                let m = factorColumns
                // x = V·(Σ^{-1/2}ζ) (m entries), then f = W x.
                var x = [Double](repeating: 0, count: 2 * m)
                vectors.withUnsafeBufferPointer { v in
                    for i in 0..<r {
                        let zr = zeta[2 * i] * inverseRootEigenvalues[i], zi = zeta[2 * i + 1] * inverseRootEigenvalues[i]
                        let base = 2 * m * i
                        for l in 0..<m {
                            let vr = v[base + 2 * l], vi = v[base + 2 * l + 1]
                            x[2 * l] += vr * zr - vi * zi
                            x[2 * l + 1] += vr * zi + vi * zr
                        }
                    }
                }
                factor.withUnsafeBufferPointer { w in
                    for l in 0..<m {
                        let xr = x[2 * l], xi = x[2 * l + 1]
                        let base = 2 * n * l
                        for e in 0..<n {
                            let wr = w[base + 2 * e], wi = w[base + 2 * e + 1]
                            out[2 * e] += wr * xr - wi * xi
                            out[2 * e + 1] += wr * xi + wi * xr
                        }
                    }
                }
            } else {
                vectors.withUnsafeBufferPointer { u in
                    for i in 0..<r {
                        let zr = zeta[2 * i], zi = zeta[2 * i + 1]
                        let base = 2 * n * i
                        for e in 0..<n {
                            let ur = u[base + 2 * e], ui = u[base + 2 * e + 1]
                            out[2 * e] += ur * zr - ui * zi
                            out[2 * e + 1] += ur * zi + ui * zr
                        }
                    }
                }
            }
            if let h, s != 0 {
                for e in 0 ..< 2 * n { out[e] += s * h.storage[e] }
            }
        }
        return f
    }
}
