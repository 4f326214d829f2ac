/// Reusable activations and gradients of one ``NetworkArchitecture`` pass. One per thread; buffers
/// grow to the largest batch seen and are then reused without allocation.
public final class NetworkWorkspace<S: LearningScalar>: @unchecked Sendable {
    let forwardCache = LSTMCache<S>()
    let reverseCache = LSTMCache<S>()
    /// [h→; h←]: 2H × (T·B).
    let recurrentOutput = ScratchBuffer<S>()
    /// D × (T·B).
    let denseOutput = ScratchBuffer<S>()
    /// O × (T·B): logits or beam components.
    let output = ScratchBuffer<S>()
    let outputGradient = ScratchBuffer<S>()
    let denseGradient = ScratchBuffer<S>()
    let recurrentGradient = ScratchBuffer<S>()

    public init() {}
}
