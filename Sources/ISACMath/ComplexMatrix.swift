import Numerics

/// A dense complex matrix, column-major with interleaved (re, im) doubles: the layout of LAPACK's
/// `double complex` arrays with leading dimension `rows`.
public struct ComplexMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Element (i, j) is `(storage[2(i + j·rows)], storage[2(i + j·rows) + 1])`.
    public var storage: [Double]

    /// The zero matrix.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "negative dimension")
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: 0, count: 2 * rows * columns)
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> ComplexMatrix {
        var m = ComplexMatrix(rows: n, columns: n)
        for i in 0..<n { m.storage[2 * (i + i * n)] = 1 }
        return m
    }

    /// The matrix whose columns are the given vectors (all of one length).
    public init(columns vectors: [ComplexVector], rows: Int? = nil) {
        let r = rows ?? vectors.first?.count ?? 0
        self.init(rows: r, columns: vectors.count)
        for (j, v) in vectors.enumerated() {
            precondition(v.count == r, "column \(j) has length \(v.count), expected \(r)")
            storage.replaceSubrange(2 * j * r ..< 2 * (j + 1) * r, with: v.storage)
        }
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Complex<Double> {
        get {
            let k = 2 * (i + j * rows)
            return Complex(storage[k], storage[k + 1])
        }
        set {
            let k = 2 * (i + j * rows)
            storage[k] = newValue.real
            storage[k + 1] = newValue.imaginary
        }
    }

    /// Column j as a vector.
    public func column(_ j: Int) -> ComplexVector {
        ComplexVector(interleaved: Array(storage[2 * j * rows ..< 2 * (j + 1) * rows]))
    }

    /// The conjugate transpose Aᴴ.
    public var conjugateTranspose: ComplexMatrix {
        var out = ComplexMatrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows {
                let src = 2 * (i + j * rows)
                let dst = 2 * (j + i * columns)
                out.storage[dst] = storage[src]
                out.storage[dst + 1] = -storage[src + 1]
            }
        }
        return out
    }

    /// Adds the Hermitian rank-one term w·xxᴴ in place (w real).
    public mutating func addOuterProduct(_ x: ComplexVector, weight w: Double) {
        precondition(rows == columns && x.count == rows, "shape mismatch")
        let n = rows
        for j in 0..<n {
            let cr = x.re(j), ci = -x.im(j)  // conj(x_j)
            for i in 0..<n {
                let ar = x.re(i), ai = x.im(i)
                let k = 2 * (i + j * n)
                storage[k] += w * (ar * cr - ai * ci)
                storage[k + 1] += w * (ar * ci + ai * cr)
            }
        }
    }

    /// Frobenius norm.
    public var frobeniusNorm: Double { storage.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
