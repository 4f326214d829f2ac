import Numerics

/// A dense complex vector stored as interleaved (re, im) doubles, the memory layout BLAS/LAPACK use
/// for `double complex`, so it can be handed to them without copying.
///
/// Elements are exposed as `Complex<Double>`; hot loops should use ``re(_:)``/``im(_:)`` or the raw
/// ``storage``, avoiding `Complex.real`/`.imaginary` (they test for finiteness on every access).
public struct ComplexVector: Equatable, Sendable {
    /// Interleaved storage: element n is `(storage[2n], storage[2n+1])`.
    public var storage: [Double]

    /// Number of complex elements.
    @inlinable public var count: Int { storage.count >> 1 }

    /// The zero vector of length `count`.
    public init(count: Int) { storage = [Double](repeating: 0, count: 2 * count) }

    /// From interleaved (re, im) doubles.
    public init(interleaved: [Double]) {
        precondition(interleaved.count % 2 == 0, "interleaved storage needs an even count")
        storage = interleaved
    }

    /// From separate real and imaginary parts.
    public init(real: [Double], imaginary: [Double]) {
        precondition(real.count == imaginary.count, "real and imaginary parts differ in length")
        storage = [Double](repeating: 0, count: 2 * real.count)
        for n in real.indices {
            storage[2 * n] = real[n]
            storage[2 * n + 1] = imaginary[n]
        }
    }

    public init(_ elements: [Complex<Double>]) {
        storage = [Double](repeating: 0, count: 2 * elements.count)
        for (n, z) in elements.enumerated() {
            storage[2 * n] = z.real
            storage[2 * n + 1] = z.imaginary
        }
    }

    @inlinable public func re(_ n: Int) -> Double { storage[2 * n] }
    @inlinable public func im(_ n: Int) -> Double { storage[2 * n + 1] }

    @inlinable
    public subscript(n: Int) -> Complex<Double> {
        get { Complex(storage[2 * n], storage[2 * n + 1]) }
        set {
            storage[2 * n] = newValue.real
            storage[2 * n + 1] = newValue.imaginary
        }
    }

    /// The elements as an array of `Complex<Double>`.
    public var elements: [Complex<Double>] { (0..<count).map { self[$0] } }

    /// ‖x‖² = Σ |x_n|².
    @inlinable
    public var normSquared: Double {
        var s = 0.0
        for v in storage { s += v * v }
        return s
    }

    /// ‖x‖.
    @inlinable public var norm: Double { normSquared.squareRoot() }

    /// The Hermitian inner product xᴴy = Σ conj(x_n) y_n, as (re, im).
    @inlinable
    public func innerProduct(_ y: ComplexVector) -> (re: Double, im: Double) {
        precondition(count == y.count, "length mismatch")
        var sr = 0.0
        var si = 0.0
        storage.withUnsafeBufferPointer { x in
            y.storage.withUnsafeBufferPointer { yv in
                var i = 0
                while i < x.count {
                    let a = x[i], b = x[i + 1], c = yv[i], d = yv[i + 1]
                    sr += a * c + b * d
                    si += a * d - b * c
                    i += 2
                }
            }
        }
        return (sr, si)
    }

    /// |xᴴy|².
    @inlinable
    public func innerProductMagnitudeSquared(_ y: ComplexVector) -> Double {
        let p = innerProduct(y)
        return p.re * p.re + p.im * p.im
    }

    /// x scaled by the real factor `s`.
    @inlinable
    public func scaled(by s: Double) -> ComplexVector {
        ComplexVector(interleaved: storage.map { $0 * s })
    }

    /// x scaled by the complex factor (re, im).
    public func scaled(by z: (re: Double, im: Double)) -> ComplexVector {
        var out = ComplexVector(count: count)
        for n in 0..<count {
            let a = storage[2 * n], b = storage[2 * n + 1]
            out.storage[2 * n] = a * z.re - b * z.im
            out.storage[2 * n + 1] = a * z.im + b * z.re
        }
        return out
    }

    /// Element-wise complex conjugate.
    public var conjugate: ComplexVector {
        var out = self
        for n in 0..<count { out.storage[2 * n + 1] = -out.storage[2 * n + 1] }
        return out
    }

    /// x + s·y, in place (BLAS axpy with a real scalar).
    @inlinable
    public mutating func add(_ y: ComplexVector, scaledBy s: Double = 1) {
        precondition(count == y.count, "length mismatch")
        for i in storage.indices { storage[i] += s * y.storage[i] }
    }

    public static func + (x: ComplexVector, y: ComplexVector) -> ComplexVector {
        var out = x
        out.add(y)
        return out
    }

    public static func - (x: ComplexVector, y: ComplexVector) -> ComplexVector {
        var out = x
        out.add(y, scaledBy: -1)
        return out
    }

    /// The vector scaled onto the unit ball: x if ‖x‖ ≤ radius, else radius·x/‖x‖.
    public func projectedOntoBall(radius: Double = 1) -> ComplexVector {
        let n = norm
        return n <= radius ? self : scaled(by: radius / n)
    }

    /// True when every component is finite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
