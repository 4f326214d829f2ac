import Foundation
import ISACMath

/// A half-wavelength uniform linear array of N elements, eqs. (4)-(5):
/// a(φ)_n = e^{−jπnφ}/√N, n = 0…N−1, with φ = cos θ. ‖a(φ)‖ = 1 for every φ.
public struct UniformLinearArray: Sendable, Equatable {
    public let elementCount: Int

    public init(elementCount: Int) {
        precondition(elementCount >= 1, "an array needs at least one element")
        self.elementCount = elementCount
    }

    /// a(φ), eq. (4) (b(φ), eq. (5), for a receive array).
    public func steering(_ phi: Double) -> ComplexVector {
        var v = ComplexVector(count: elementCount)
        let s = 1 / Double(elementCount).squareRoot()
        for n in 0..<elementCount {
            let angle = -Double.pi * Double(n) * phi
            v.storage[2 * n] = s * cos(angle)
            v.storage[2 * n + 1] = s * sin(angle)
        }
        return v
    }

    /// ∂a/∂φ: element n is −jπn·a_n(φ).
    public func steeringDerivative(_ phi: Double) -> ComplexVector {
        var v = ComplexVector(count: elementCount)
        let s = 1 / Double(elementCount).squareRoot()
        for n in 0..<elementCount {
            let angle = -Double.pi * Double(n) * phi
            let k = -Double.pi * Double(n) * s
            // −jπn·(cos + j sin) = πn·sin − jπn·cos
            v.storage[2 * n] = -k * sin(angle)
            v.storage[2 * n + 1] = k * cos(angle)
        }
        return v
    }

    /// (a(φ), ∂a/∂φ) from one cos/sin pair per element: the same values, bit for bit, as
    /// ``steering(_:)`` and ``steeringDerivative(_:)`` at half their cost (C11).
    public func steeringWithDerivative(_ phi: Double) -> (steering: ComplexVector, derivative: ComplexVector) {
        var v = ComplexVector(count: elementCount)
        var w = ComplexVector(count: elementCount)
        let s = 1 / Double(elementCount).squareRoot()
        for n in 0..<elementCount {
            let angle = -Double.pi * Double(n) * phi
            let c = cos(angle), sn = sin(angle)
            let k = -Double.pi * Double(n) * s
            v.storage[2 * n] = s * c
            v.storage[2 * n + 1] = s * sn
            w.storage[2 * n] = -k * sn
            w.storage[2 * n + 1] = k * c
        }
        return (v, w)
    }
}
