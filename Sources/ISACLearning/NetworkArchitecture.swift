/// The bidirectional LSTM network of Section VI (Fig. 4, M16) for one task.
///
///     x_k (F)  ──►  BiLSTM: [h→_k ; h←_k] (2H)  ──►  Dense ReLU (D)  ──►  Dense linear (O)
///
/// per vehicle k of a sequence sorted along the road. O is the number of RSUs (assignment logits)
/// or 2N_t (beam components). All parameters live in one flat vector in the order forward LSTM,
/// reverse LSTM, hidden dense, output dense (see each layer for its internal layout); gradients and
/// the Adam moments use the same layout.
public struct NetworkArchitecture: Sendable, Hashable, Codable {
    public let task: LearningTask
    /// F: features per vehicle.
    public let inputCount: Int
    /// H: hidden units per LSTM direction.
    public let hiddenCount: Int
    /// D: units of the dense ReLU layer.
    public let denseCount: Int
    /// O: outputs per vehicle.
    public let outputCount: Int

    public init(task: LearningTask, inputCount: Int, hiddenCount: Int, denseCount: Int, outputCount: Int) {
        precondition(inputCount > 0 && hiddenCount > 0 && denseCount > 0 && outputCount > 0,
                     "network sizes must be positive")
        precondition(task == .beamforming || outputCount >= 2, "assignment needs at least 2 classes")
        self.task = task
        self.inputCount = inputCount
        self.hiddenCount = hiddenCount
        self.denseCount = denseCount
        self.outputCount = outputCount
    }

    public var forwardLSTM: LSTMLayer {
        LSTMLayer(inputCount: inputCount, hiddenCount: hiddenCount, direction: .forward)
    }
    public var reverseLSTM: LSTMLayer {
        LSTMLayer(inputCount: inputCount, hiddenCount: hiddenCount, direction: .reverse)
    }
    public var hiddenDense: DenseLayer {
        DenseLayer(inputCount: 2 * hiddenCount, outputCount: denseCount, activation: .relu)
    }
    public var outputDense: DenseLayer {
        DenseLayer(inputCount: denseCount, outputCount: outputCount, activation: .identity)
    }

    var reverseOffset: Int { forwardLSTM.parameterCount }
    var hiddenDenseOffset: Int { 2 * forwardLSTM.parameterCount }
    var outputDenseOffset: Int { hiddenDenseOffset + hiddenDense.parameterCount }

    /// Total number of trainable scalars.
    public var parameterCount: Int { outputDenseOffset + outputDense.parameterCount }
}
