import Foundation

/// The steering vector a(φ)_n = e^{−jπnφ}/√N of eqs. (4)-(5) generated element by element by the
/// phasor recurrence a_{n+1} = a_n·w, w = e^{−jπφ}: one sin/cos pair per vector instead of N.
///
/// The recurrence accumulates a relative error of about n·ε (≈ 1e−14 at N = 64), far below the
/// measurement noise; tests compare it with ``ISACPhysics/UniformLinearArray/steering(_:)``.
/// This is a hot-path helper of the tracker; the array type keeps its direct definition.
public struct SteeringPhasor: Sendable {
    /// Current element a_n as (re, im).
    public private(set) var re: Double
    public private(set) var im: Double
    let stepRe: Double
    let stepIm: Double

    /// Starts at a_0 = 1/√N for the array of `elementCount` elements at direction cosine φ.
    public init(phi: Double, elementCount: Int) {
        re = 1 / Double(elementCount).squareRoot()
        im = 0
        let angle = Double.pi * phi
        stepRe = cos(angle)
        stepIm = -sin(angle)
    }

    /// Moves to the next element: a_{n+1} = a_n·e^{−jπφ}.
    public mutating func advance() {
        let r = re * stepRe - im * stepIm
        im = re * stepIm + im * stepRe
        re = r
    }
}
