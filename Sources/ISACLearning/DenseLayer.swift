import ISACMath

/// A fully connected layer applied to every column: y = act(W·x + b).
///
/// Parameters: W (column-major `outputCount × inputCount`) then b (`outputCount`). Inputs and
/// outputs are `features × columns` matrices (one column per vehicle position, see
/// ``SequenceShape``).
public struct DenseLayer: Sendable, Hashable {
    public enum Activation: String, Sendable, Hashable, Codable {
        /// max(0, z): the paper's dense heads.
        case relu
        /// z: the output layer (logits or beam components).
        case identity
    }

    public let inputCount: Int
    public let outputCount: Int
    public let activation: Activation

    public init(inputCount: Int, outputCount: Int, activation: Activation) {
        precondition(inputCount > 0 && outputCount > 0, "layer sizes must be positive")
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.activation = activation
    }

    public var parameterCount: Int { outputCount * (inputCount + 1) }

    /// Y = act(W·X + b) for `columns` columns. X has leading dimension `inputCount`, Y
    /// `outputCount`.
    func forward<S: LearningScalar>(
        parameters: UnsafePointer<S>, input: UnsafePointer<S>, columns n: Int,
        output: UnsafeMutablePointer<S>
    ) {
        let m = outputCount
        let bias = parameters + m * inputCount
        for column in 0..<n { (output + column * m).update(from: bias, count: m) }
        S.gemm(
            .none, .none, m: m, n: n, k: inputCount, alpha: 1, a: parameters, lda: m, b: input,
            ldb: inputCount, beta: 1, c: output, ldc: m)
        if activation == .relu {
            for e in 0..<(m * n) where output[e] < 0 { output[e] = 0 }
        }
    }

    /// Backward pass. `outputGradient` (∂L/∂Y) is overwritten with ∂L/∂Z (Z = W·X + b); ∂L/∂W and
    /// ∂L/∂b are *added* to `parameterGradient`; if given, ∂L/∂X is *written* (β = 0) to
    /// `inputGradient`.
    func backward<S: LearningScalar>(
        parameters: UnsafePointer<S>, input: UnsafePointer<S>, output: UnsafePointer<S>,
        columns n: Int, outputGradient: UnsafeMutablePointer<S>,
        parameterGradient: UnsafeMutablePointer<S>, inputGradient: UnsafeMutablePointer<S>?
    ) {
        let m = outputCount
        if activation == .relu {
            // ReLU'(z) = 1 for z > 0 (y > 0), 0 otherwise (the subgradient 0 at z = 0).
            for e in 0..<(m * n) where !(output[e] > 0) { outputGradient[e] = 0 }
        }
        S.gemm(
            .none, .transpose, m: m, n: inputCount, k: n, alpha: 1, a: outputGradient, lda: m,
            b: input, ldb: inputCount, beta: 1, c: parameterGradient, ldc: m)
        let db = parameterGradient + m * inputCount
        for column in 0..<n {
            let d = outputGradient + column * m
            for r in 0..<m { db[r] += d[r] }
        }
        if let dX = inputGradient {
            S.gemm(
                .transpose, .none, m: inputCount, n: n, k: m, alpha: 1, a: parameters, lda: m,
                b: outputGradient, ldb: m, beta: 0, c: dX, ldc: inputCount)
        }
    }
}
