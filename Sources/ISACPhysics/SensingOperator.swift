import ISACMath

/// Π(φ) = ∂(b(φ)aᴴ(φ))/∂φ = b'(φ)aᴴ(φ) + b(φ)a'ᴴ(φ), the N_r×N_t matrix of the sensing
/// constraint (37) and of the Fisher information of φ, eq. (57).
///
/// Π has rank ≤ 2 (its row space is span{a, a'}), so every product here costs O(N_t + N_r) and the
/// matrix itself is formed only on request (``matrix``).
public struct SensingOperator: Sendable {
    public let phi: Double
    /// a(φ), a'(φ) of the transmit array; b(φ), b'(φ) of the receive array.
    public let a: ComplexVector
    public let aPrime: ComplexVector
    public let b: ComplexVector
    public let bPrime: ComplexVector

    /// Both arrays' vectors from one cos/sin pair per element; equal arrays (N_t = N_r, the
    /// paper's) share them (C11).
    public init(phi: Double, transmit: UniformLinearArray, receive: UniformLinearArray) {
        let t = transmit.steeringWithDerivative(phi)
        self.init(phi: phi, transmitSteering: t, receive: receive)
    }

    /// Π(φ) from the transmit array's a(φ), a'(φ) already computed (``UniformLinearArray/steeringWithDerivative(_:)``).
    public init(
        phi: Double, transmitSteering t: (steering: ComplexVector, derivative: ComplexVector), receive: UniformLinearArray
    ) {
        self.phi = phi
        a = t.steering
        aPrime = t.derivative
        if receive.elementCount == t.steering.count {
            b = t.steering
            bPrime = t.derivative
        } else {
            (b, bPrime) = receive.steeringWithDerivative(phi)
        }
    }

    /// Πf = b'·(aᴴf) + b·(a'ᴴf).
    public func apply(_ f: ComplexVector) -> ComplexVector {
        let eta = a.innerProduct(f)
        let etaPrime = aPrime.innerProduct(f)
        return bPrime.scaled(by: eta) + b.scaled(by: etaPrime)
    }

    /// ΠᴴΠf = a·(b'ᴴw) + a'·(bᴴw) with w = Πf: the gradient direction of ‖Πf‖² (M10's SCA).
    public func gramApply(_ f: ComplexVector) -> ComplexVector {
        let w = apply(f)
        return a.scaled(by: bPrime.innerProduct(w)) + aPrime.scaled(by: b.innerProduct(w))
    }

    /// ‖Πf‖², the left side of the sensing constraint (37).
    public func sensitivity(_ f: ComplexVector) -> Double { apply(f).normSquared }

    /// λ_max(ΠᴴΠ): the largest ‖Πf‖² over unit beams. ΠᴴΠ = U·C·Uᴴ with U = [a, a'] and
    /// C = [[‖b'‖², b'ᴴb], [bᴴb', ‖b‖²]], so its nonzero eigenvalues are those of the 2×2 C·(UᴴU).
    public var maxEigenvalue: Double {
        Self.maxEigenvalue(
            c11: bPrime.normSquared, c22: b.normSquared, c12: bPrime.innerProduct(b),
            g11: a.normSquared, g22: aPrime.normSquared, g12: a.innerProduct(aPrime))
    }

    /// λ_max(ΠᴴΠ) from the 2×2 Gram matrices C (c11 = ‖b'‖², c22 = ‖b‖², c12 = b'ᴴb) and
    /// G (g11 = ‖a‖², g22 = ‖a'‖², g12 = aᴴa'), for callers that already hold them (O21).
    public static func maxEigenvalue(
        c11: Double, c22: Double, c12: (re: Double, im: Double), g11: Double, g22: Double, g12: (re: Double, im: Double)
    ) -> Double {
        // M = C·G with C = [[c11, c12], [conj c12, c22]], G = [[g11, g12], [conj g12, g22]].
        let m11 = c11 * g11 + (c12.re * g12.re + c12.im * g12.im)
        let m22 = (c12.re * g12.re + c12.im * g12.im) + c22 * g22
        // det(M) = det(C)·det(G), both real and ≥ 0.
        let detC = c11 * c22 - (c12.re * c12.re + c12.im * c12.im)
        let detG = g11 * g22 - (g12.re * g12.re + g12.im * g12.im)
        let tr = m11 + m22
        let disc = max(0, tr * tr / 4 - detC * detG)
        return tr / 2 + disc.squareRoot()
    }

    /// The explicit N_r×N_t matrix Π (for tests and small problems).
    public var matrix: ComplexMatrix {
        var m = ComplexMatrix(rows: b.count, columns: a.count)
        for j in 0..<a.count {
            for i in 0..<b.count {
                m[i, j] = bPrime[i] * a[j].conjugate + b[i] * aPrime[j].conjugate
            }
        }
        return m
    }
}
