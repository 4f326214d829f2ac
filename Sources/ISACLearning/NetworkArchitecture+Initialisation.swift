import ISACMath

extension NetworkArchitecture {
    /// Initial parameters, drawn from `rng`:
    /// - LSTM input weights W_x: Glorot/Xavier uniform per gate, U(±√(6/(F + H)));
    /// - LSTM recurrent weights W_h: Glorot uniform per gate, U(±√(6/(H + H))) (orthogonal
    ///   initialisation would need a QR factorisation the math layer does not expose; uniform
    ///   Glorot trains well at these sizes);
    /// - LSTM biases 0 except the forget gate, 1 (Jozefowicz et al. 2015: remember by default);
    /// - hidden dense (ReLU): He uniform U(±√(6/fan_in)), bias 0;
    /// - output dense: Glorot uniform U(±√(6/(fan_in + fan_out))), bias 0.
    public func initialParameters<S: LearningScalar>(
        as type: S.Type = S.self, using rng: inout some RandomNumberGenerator
    ) -> [S] {
        var θ = [S](repeating: 0, count: parameterCount)
        func uniform(_ range: Range<Int>, limit: Double) {
            for e in range { θ[e] = S(rng.nextUniform(in: -limit, limit)) }
        }
        for (layer, base) in [(forwardLSTM, 0), (reverseLSTM, reverseOffset)] {
            let H = layer.hiddenCount, F = layer.inputCount
            uniform(base..<(base + 4 * H * F), limit: (6.0 / Double(F + H)).squareRoot())
            let wh = base + layer.recurrentWeightsOffset
            uniform(wh..<(wh + 4 * H * H), limit: (6.0 / Double(2 * H)).squareRoot())
            let bf = base + layer.biasOffset + H
            for e in bf..<(bf + H) { θ[e] = 1 }
        }
        let d1 = hiddenDense
        uniform(
            hiddenDenseOffset..<(hiddenDenseOffset + d1.inputCount * d1.outputCount),
            limit: (6.0 / Double(d1.inputCount)).squareRoot())
        let d2 = outputDense
        uniform(
            outputDenseOffset..<(outputDenseOffset + d2.inputCount * d2.outputCount),
            limit: (6.0 / Double(d2.inputCount + d2.outputCount)).squareRoot())
        return θ
    }
}
