import Foundation
import Testing
@testable import ISACLearning

/// The single-precision exp used in the gates (Cody-Waite + Cephes polynomial) against libm's
/// double-precision exp: relative error below 4 float ulps (4·2⁻²³ ≈ 4.8e-7) over the range the
/// network uses, and saturating activations that never produce NaN.
struct ActivationTests {
    @Test func fastFloatExponentialIsAccurate() {
        var worst = 0.0
        var x: Float = -80
        while x <= 80 {
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(Float.exponential(x)) - exact) / exact)
            x += 0.0137
        }
        #expect(worst < 4.8e-7)
        #expect(Float.exponential(0) == 1)
    }

    @Test func activationsSaturateWithoutNaN() {
        for x: Float in [-1e30, -200, -88, 88, 200, 1e30] {
            let s = sigmoid(x), t = hyperbolicTangent(x)
            #expect(s.isFinite && s >= 0 && s <= 1)
            #expect(t.isFinite && abs(t) <= 1)
        }
        #expect(sigmoid(Float(-200)) < 1e-30 && sigmoid(Float(200)) == 1)
        #expect(hyperbolicTangent(Float(-50)) == -1 && hyperbolicTangent(Float(50)) == 1)
        for x in [-3.0, -0.5, 0.1, 2.0] {
            #expect(abs(hyperbolicTangent(x) - Foundation.tanh(x)) < 1e-15)
            #expect(abs(sigmoid(x) - 1 / (1 + Foundation.exp(-x))) < 1e-16)
        }
    }
}
