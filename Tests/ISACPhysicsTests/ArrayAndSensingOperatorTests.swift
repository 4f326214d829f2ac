import Foundation
import ISACMath
import Testing

@testable import ISACPhysics

/// Steering vectors (4)-(5), their derivatives and Π(φ) = ∂(b aᴴ)/∂φ.
@Suite struct ArrayAndSensingOperatorTests {
    static let angles: [Double] = [-1, -0.93, -0.5, -1e-3, 0, 0.2, 0.71, 0.999, 1]

    @Test(arguments: angles)
    func steeringVectorHasUnitNorm(phi: Double) {
        for n in [1, 8, 32, 128] {
            #expect(abs(UniformLinearArray(elementCount: n).steering(phi).normSquared - 1) < 1e-13)
        }
    }

    /// |a(φ₁)ᴴa(φ₂)| is a Dirichlet kernel: |sin(Nπδ/2)| / (N |sin(πδ/2)|) ≤ 1/(N |sin(πδ/2)|) with
    /// δ = φ₁ − φ₂, so distinct directions become orthogonal as N grows.
    @Test func steeringVectorsAreAsymptoticallyOrthogonal() {
        let (p1, p2) = (0.1, 0.35)
        var previous = Double.infinity
        for n in [8, 32, 128, 512, 2048] {
            let ula = UniformLinearArray(elementCount: n)
            let c = ula.steering(p1).innerProductMagnitudeSquared(ula.steering(p2)).squareRoot()
            let delta = Double.pi * (p1 - p2) / 2
            let exact = abs(sin(Double(n) * delta)) / (Double(n) * abs(sin(delta)))
            #expect(abs(c - exact) < 1e-12)
            #expect(c <= 1 / (Double(n) * abs(sin(delta))) + 1e-15)
            if n >= 128 { #expect(c < previous) }
            previous = 1 / (Double(n) * abs(sin(delta)))
        }
    }

    /// Central differences with h = 1e-6: truncation O(h²·π³N³) and rounding O(ε/h) are both
    /// below 1e-6 relative to ‖a'‖ ~ πN/√3 for N = 32.
    @Test(arguments: angles.filter { abs($0) < 1 })
    func steeringDerivativeMatchesFiniteDifferences(phi: Double) {
        let ula = UniformLinearArray(elementCount: 32)
        let h = 1e-6
        let fd = (ula.steering(phi + h) - ula.steering(phi - h)).scaled(by: 1 / (2 * h))
        let d = ula.steeringDerivative(phi)
        #expect((fd - d).norm < 1e-6 * d.norm)
    }

    @Test(arguments: angles.filter { abs($0) < 1 })
    func sensingOperatorMatchesFiniteDifferenceOfBAH(phi: Double) {
        let tx = UniformLinearArray(elementCount: 16), rx = UniformLinearArray(elementCount: 24)
        let op = SensingOperator(phi: phi, transmit: tx, receive: rx)
        let h = 1e-6
        func bah(_ p: Double) -> ComplexMatrix {
            BLAS.multiply(
                ComplexMatrix(columns: [rx.steering(p)]), .none,
                ComplexMatrix(columns: [tx.steering(p)]), .conjugateTranspose)
        }
        let plus = bah(phi + h), minus = bah(phi - h)
        let pi = op.matrix
        var err = 0.0
        for k in pi.storage.indices {
            let fd = (plus.storage[k] - minus.storage[k]) / (2 * h)
            err = max(err, abs(fd - pi.storage[k]))
        }
        #expect(err < 1e-6 * pi.frobeniusNorm)
    }

    @Test func sensingOperatorProductsMatchExplicitMatrix() {
        var g = Xoshiro256StarStar(seed: 20)
        let tx = UniformLinearArray(elementCount: 12), rx = UniformLinearArray(elementCount: 9)
        let op = SensingOperator(phi: 0.37, transmit: tx, receive: rx)
        let f = ComplexVector(interleaved: (0..<24).map { _ in g.nextGaussian() })
        let pf = BLAS.multiply(op.matrix, .none, f)
        #expect((op.apply(f) - pf).norm < 1e-12 * pf.norm)
        #expect(abs(op.sensitivity(f) - pf.normSquared) < 1e-10 * pf.normSquared)
        let gram = BLAS.multiply(op.matrix, .conjugateTranspose, pf)
        #expect((op.gramApply(f) - gram).norm < 1e-11 * gram.norm)
    }

    /// λ_max(ΠᴴΠ) against LAPACK on the explicit matrix; for N_t = N_r = N it is the double top
    /// eigenvalue π²(N² − 1)/12 (MODEL.md M10), whatever φ.
    @Test(arguments: [(16, 16), (32, 32), (8, 20), (64, 64)])
    func maxEigenvalueMatchesLAPACK(nt: Int, nr: Int) throws {
        for phi in [0.0, 0.42, -0.9] {
            let op = SensingOperator(
                phi: phi, transmit: UniformLinearArray(elementCount: nt),
                receive: UniformLinearArray(elementCount: nr))
            let m = op.matrix
            let e = try LAPACK.hermitianEigendecomposition(BLAS.multiply(m, .conjugateTranspose, m, .none))
            let top = e.eigenvalues.last!
            #expect(abs(op.maxEigenvalue - top) < 1e-9 * top)
            if nt == nr {
                let n = Double(nt)
                #expect(abs(top - Double.pi * Double.pi * (n * n - 1) / 12) < 1e-9 * top)
                #expect(abs(e.eigenvalues[nt - 2] - top) < 1e-9 * top)
            }
        }
    }

    /// The shared-cos/sin pair (C11) is the two separate definitions bit for bit, and Π built
    /// from it (b, b' shared when N_r = N_t) holds exactly the four separately computed vectors.
    @Test(arguments: angles)
    func steeringWithDerivativeIsBitIdentical(phi: Double) {
        for (nt, nr) in [(1, 1), (8, 20), (32, 32), (64, 64)] {
            let t = UniformLinearArray(elementCount: nt), r = UniformLinearArray(elementCount: nr)
            let pair = t.steeringWithDerivative(phi)
            #expect(pair.steering == t.steering(phi))
            #expect(pair.derivative == t.steeringDerivative(phi))
            let op = SensingOperator(phi: phi, transmit: t, receive: r)
            #expect(op.a == t.steering(phi) && op.aPrime == t.steeringDerivative(phi))
            #expect(op.b == r.steering(phi) && op.bPrime == r.steeringDerivative(phi))
        }
    }
}
