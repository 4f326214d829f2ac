extension NetworkArchitecture {
    /// Forward pass over a padded batch; returns the O × (T·B) outputs (logits for assignment,
    /// beam components for beamforming), which live in `workspace` until the next pass.
    ///
    /// - Parameter input: normalised features, F × (T·B) (see ``SequenceShape``); padded columns
    ///   may hold anything: they influence neither valid outputs nor gradients.
    @discardableResult
    func forward<S: LearningScalar>(
        parameters θ: UnsafePointer<S>, input: UnsafePointer<S>, shape: SequenceShape,
        workspace w: NetworkWorkspace<S>
    ) -> UnsafeMutablePointer<S> {
        let N = shape.columnCount, H = hiddenCount
        let r = w.recurrentOutput.reserve(2 * H * N)
        forwardLSTM.forward(
            parameters: θ, input: input, shape: shape, cache: w.forwardCache, output: r,
            outputStride: 2 * H, outputRow: 0)
        reverseLSTM.forward(
            parameters: θ + reverseOffset, input: input, shape: shape, cache: w.reverseCache,
            output: r, outputStride: 2 * H, outputRow: H)
        let d = w.denseOutput.reserve(denseCount * N)
        hiddenDense.forward(parameters: θ + hiddenDenseOffset, input: r, columns: N, output: d)
        let y = w.output.reserve(outputCount * N)
        outputDense.forward(parameters: θ + outputDenseOffset, input: d, columns: N, output: y)
        return y
    }

    /// Backward pass after ``forward(parameters:input:shape:workspace:)`` on the same batch, with
    /// ∂L/∂outputs already in `workspace.outputGradient`. Adds ∂L/∂θ to `parameterGradient`; if
    /// given, adds ∂L/∂input to `inputGradient`.
    func backward<S: LearningScalar>(
        parameters θ: UnsafePointer<S>, input: UnsafePointer<S>, shape: SequenceShape,
        workspace w: NetworkWorkspace<S>, parameterGradient dθ: UnsafeMutablePointer<S>,
        inputGradient: UnsafeMutablePointer<S>? = nil
    ) {
        let N = shape.columnCount, H = hiddenCount
        let dD = w.denseGradient.reserve(denseCount * N)
        outputDense.backward(
            parameters: θ + outputDenseOffset, input: w.denseOutput.pointer,
            output: w.output.pointer, columns: N, outputGradient: w.outputGradient.pointer,
            parameterGradient: dθ + outputDenseOffset, inputGradient: dD)
        let dR = w.recurrentGradient.reserve(2 * H * N)
        hiddenDense.backward(
            parameters: θ + hiddenDenseOffset, input: w.recurrentOutput.pointer,
            output: w.denseOutput.pointer, columns: N, outputGradient: dD,
            parameterGradient: dθ + hiddenDenseOffset, inputGradient: dR)
        forwardLSTM.backward(
            parameters: θ, input: input, shape: shape, cache: w.forwardCache,
            outputGradient: dR, outputStride: 2 * H, outputRow: 0, parameterGradient: dθ,
            inputGradient: inputGradient)
        reverseLSTM.backward(
            parameters: θ + reverseOffset, input: input, shape: shape, cache: w.reverseCache,
            outputGradient: dR, outputStride: 2 * H, outputRow: H,
            parameterGradient: dθ + reverseOffset, inputGradient: inputGradient)
    }

    /// Forward pass, the task's loss and (if `parameterGradient` is given) the backward pass.
    ///
    /// - Parameters:
    ///   - labels: one class per column (assignment); ignored for beamforming.
    ///   - targets: O × (T·B) beam components (beamforming); ignored for assignment.
    ///   - scale: the loss weight per valid position (per valid component for MSE is
    ///     `scale / outputCount`); use 1/(valid positions of the whole mini-batch).
    /// - Returns: the scaled loss, the number of correct arg-max classes (assignment) and the sum
    ///   of squared errors over valid components (beamforming).
    func loss<S: LearningScalar>(
        parameters θ: UnsafePointer<S>, input: UnsafePointer<S>, shape: SequenceShape,
        labels: UnsafePointer<Int32>?, targets: UnsafePointer<S>?, scale: S,
        workspace w: NetworkWorkspace<S>, parameterGradient dθ: UnsafeMutablePointer<S>?,
        inputGradient: UnsafeMutablePointer<S>? = nil
    ) -> (loss: Double, correct: Int, squaredError: Double) {
        let y = forward(parameters: θ, input: input, shape: shape, workspace: w)
        let N = shape.columnCount
        let g: UnsafeMutablePointer<S>? = dθ == nil ? nil : w.outputGradient.reserve(outputCount * N)
        var result: (loss: Double, correct: Int, squaredError: Double)
        switch task {
        case .assignment:
            guard let labels else { preconditionFailure("assignment needs labels") }
            let r = SoftmaxCrossEntropyLoss.evaluate(
                logits: y, classCount: outputCount, labels: labels, shape: shape, scale: scale,
                gradient: g)
            result = (r.loss, r.correct, 0)
        case .beamforming:
            guard let targets else { preconditionFailure("beamforming needs targets") }
            let componentScale = scale / S(outputCount)
            let l = MeanSquaredErrorLoss.evaluate(
                outputs: y, targets: targets, outputCount: outputCount, shape: shape,
                scale: componentScale, gradient: g)
            result = (l, 0, componentScale == 0 ? 0 : l / Double(componentScale))
        }
        if let dθ {
            backward(
                parameters: θ, input: input, shape: shape, workspace: w, parameterGradient: dθ,
                inputGradient: inputGradient)
        }
        return result
    }
}
