import Foundation

/// Eigendecomposition A = V·diag(λ)·Vᵀ of a symmetric 3×3 matrix (used off the hot path: the PSD
/// projection of the adaptive gain and a pseudo-inverse).
public struct SymmetricEigen3: Sendable {
    /// Eigenvalues, ascending.
    public let values: Vector3
    /// Eigenvectors as columns, in the order of ``values``.
    public let vectors: Matrix3
    /// Whether the Jacobi sweeps met the tolerance within the sweep limit.
    public let converged: Bool

    /// Cyclic Jacobi rotations until every off-diagonal entry is below 1e−15 of the Frobenius norm
    /// (at most 50 sweeps; 3×3 needs about 5). Jacobi is chosen for accuracy: it computes small
    /// eigenvalues to high relative accuracy, which decides PSD-ness.
    public init(_ matrix: Matrix3) {
        var a = matrix.symmetrized
        var v = Matrix3.identity
        let norm = (a.rows.joined().reduce(0) { $0 + $1 * $1 }).squareRoot()
        var done = norm == 0 || !norm.isFinite
        var sweeps = 0
        while !done && sweeps < 50 {
            sweeps += 1
            for (p, q) in [(0, 1), (0, 2), (1, 2)] {
                let apq = a[p, q]
                if abs(apq) <= 1e-300 { continue }
                let theta = (a[q, q] - a[p, p]) / (2 * apq)
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot()
                let s = t * c
                // A ← RᵀAR with the rotation R in the (p, q) plane.
                for k in 0..<3 {
                    let akp = a[k, p], akq = a[k, q]
                    a[k, p] = c * akp - s * akq
                    a[k, q] = s * akp + c * akq
                }
                for k in 0..<3 {
                    let apk = a[p, k], aqk = a[q, k]
                    a[p, k] = c * apk - s * aqk
                    a[q, k] = s * apk + c * aqk
                }
                for k in 0..<3 {
                    let vkp = v[k, p], vkq = v[k, q]
                    v[k, p] = c * vkp - s * vkq
                    v[k, q] = s * vkp + c * vkq
                }
            }
            let off = (a.m01 * a.m01 + a.m02 * a.m02 + a.m12 * a.m12).squareRoot()
            done = off <= 1e-15 * norm
        }
        converged = done || norm == 0
        // Sort ascending.
        var order = [0, 1, 2]
        let d = [a.m00, a.m11, a.m22]
        order.sort { d[$0] < d[$1] }
        values = Vector3(d[order[0]], d[order[1]], d[order[2]])
        var sorted = Matrix3.zero
        for (j, o) in order.enumerated() {
            for i in 0..<3 { sorted[i, j] = v[i, o] }
        }
        vectors = sorted
    }

    /// V·diag(f(λ))·Vᵀ.
    public func reconstructed(mapping f: (Double) -> Double) -> Matrix3 {
        var out = Matrix3.zero
        for k in 0..<3 {
            let lk = f(values[k])
            let u = Vector3(vectors[0, k], vectors[1, k], vectors[2, k])
            out = out + lk * Matrix3.outer(u, u)
        }
        return out.symmetrized
    }
}

extension Matrix3 {
    /// The nearest positive-semidefinite matrix in the Frobenius norm (negative eigenvalues of the
    /// symmetric part set to 0; Higham 1988).
    public var projectedOntoPSDCone: Matrix3 {
        SymmetricEigen3(self).reconstructed { max($0, 0) }
    }

    /// The Moore-Penrose pseudo-inverse of a symmetric matrix: eigenvalues below
    /// `relativeTolerance`·λ_max are treated as zero.
    public func symmetricPseudoInverse(relativeTolerance: Double = 1e-12) -> Matrix3 {
        let e = SymmetricEigen3(self)
        let top = max(abs(e.values.x), abs(e.values.z))
        return e.reconstructed { abs($0) > relativeTolerance * top ? 1 / $0 : 0 }
    }

    /// True when the smallest eigenvalue of the symmetric part is ≥ −relativeTolerance·|λ_max|.
    public func isPositiveSemidefinite(relativeTolerance: Double = 1e-12) -> Bool {
        let e = SymmetricEigen3(self)
        return e.values.x >= -relativeTolerance * max(abs(e.values.z), .leastNormalMagnitude)
    }
}
