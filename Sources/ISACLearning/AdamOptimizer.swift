/// Adam (Kingma & Ba 2015) with bias correction:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,
///     θ ← θ − η · m̂ / (√v̂ + ε),   m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
///
/// with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 by default.
public struct AdamOptimizer: Sendable, Hashable {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// t: steps taken so far.
    public private(set) var step: Int
    public private(set) var firstMoment: [Float]
    public private(set) var secondMoment: [Float]

    public init(parameterCount: Int, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        step = 0
        firstMoment = .init(repeating: 0, count: parameterCount)
        secondMoment = .init(repeating: 0, count: parameterCount)
    }

    /// Restores a saved state (checkpoint resume).
    init(learningRate: Float, step: Int, firstMoment: [Float], secondMoment: [Float]) {
        self.init(parameterCount: 0, learningRate: learningRate)
        self.step = step
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }

    /// One update of θ with gradient g.
    public mutating func update(_ θ: inout [Float], gradient g: [Float]) {
        precondition(θ.count == g.count && θ.count == firstMoment.count, "size mismatch")
        step += 1
        let b1 = beta1, b2 = beta2, ε = epsilon
        let c1 = 1 / (1 - Float(Double(b1).power(step)))
        let c2 = 1 / (1 - Float(Double(b2).power(step)))
        let η = learningRate
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                θ.withUnsafeMutableBufferPointer { p in
                    g.withUnsafeBufferPointer { g in
                        for e in 0..<p.count {
                            m[e] = b1 * m[e] + (1 - b1) * g[e]
                            v[e] = b2 * v[e] + (1 - b2) * g[e] * g[e]
                            p[e] -= η * (m[e] * c1) / ((v[e] * c2).squareRoot() + ε)
                        }
                    }
                }
            }
        }
    }
}

extension Double {
    /// xⁿ for a non-negative integer n by repeated squaring (deterministic, no libm).
    func power(_ n: Int) -> Double {
        var result = 1.0, base = self, e = n
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
