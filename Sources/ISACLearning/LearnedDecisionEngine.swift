/// The two networks of the `lstm` policy together: per slot, K vehicles' features (sorted along the
/// road) in, each vehicle's RSU and raw beam out.
///
/// The beam is returned as the network produced it, [Re f, Im f] per vehicle; the policy projects
/// it onto ‖f‖ ≤ 1 (M16). One engine per thread; after the first slot with the largest K nothing is
/// allocated.
public final class LearnedDecisionEngine: @unchecked Sendable {
    public let assignment: InferenceEngine
    public let beamforming: InferenceEngine
    private var probabilities: [Float] = []

    /// - Precondition: the models are an assignment and a beamforming network over the same
    ///   features.
    public init(assignmentModel: LearnedModel, beamformingModel: LearnedModel) {
        precondition(assignmentModel.architecture.task == .assignment, "first model must be an assignment network")
        precondition(beamformingModel.architecture.task == .beamforming, "second model must be a beamforming network")
        precondition(assignmentModel.architecture.inputCount == beamformingModel.architecture.inputCount,
                     "the two networks must read the same features")
        assignment = InferenceEngine(model: assignmentModel)
        beamforming = InferenceEngine(model: beamformingModel)
    }

    /// RSUs the assignment network chooses between.
    public var rsuCount: Int { assignment.outputCount }
    /// 2N_t.
    public var beamComponentCount: Int { beamforming.outputCount }

    /// Decides one slot.
    ///
    /// - Parameters:
    ///   - features: K·F raw features, vehicle-major (``LearningSample`` layout).
    ///   - rsu: receives K RSU indices (arg-max probability; ties go to the lower index).
    ///   - beams: receives K·2N_t beam components, vehicle-major.
    ///   - confidence: if given, receives K·C softmax probabilities of the RSUs, vehicle-major.
    public func decide(
        features: UnsafeBufferPointer<Float>, vehicleCount K: Int,
        rsu: UnsafeMutableBufferPointer<Int>, beams: UnsafeMutableBufferPointer<Float>,
        confidence: UnsafeMutableBufferPointer<Float>? = nil
    ) {
        assign(features: features, vehicleCount: K, rsu: rsu, confidence: confidence)
        beamforming.predict(features: features, vehicleCount: K, into: beams)
    }

    /// The assignment network alone (a caller that takes its beams elsewhere, `lstm-fp`, TW16):
    /// `rsu` and `confidence` as in ``decide(features:vehicleCount:rsu:beams:confidence:)``.
    public func assign(
        features: UnsafeBufferPointer<Float>, vehicleCount K: Int,
        rsu: UnsafeMutableBufferPointer<Int>, confidence: UnsafeMutableBufferPointer<Float>? = nil
    ) {
        precondition(rsu.count >= K, "rsu needs K entries")
        let C = rsuCount
        precondition(confidence.map { $0.count >= K * C } ?? true, "confidence needs K·C entries")
        if probabilities.count < K * C { probabilities = .init(repeating: 0, count: K * C) }
        probabilities.withUnsafeMutableBufferPointer { p in
            assignment.predict(features: features, vehicleCount: K, into: p)
            for k in 0..<K {
                var best = 0
                for c in 1..<C where p[k * C + c] > p[k * C + best] { best = c }
                rsu[k] = best
            }
            if let confidence { confidence.baseAddress!.update(from: p.baseAddress!, count: K * C) }
        }
    }
}
