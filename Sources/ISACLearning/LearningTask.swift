/// What a network predicts for each vehicle (M16).
public enum LearningTask: String, Codable, Sendable, Hashable, CaseIterable {
    /// The serving RSU: a class over the RSUs, softmax cross-entropy loss, accuracy metric (Fig. 5).
    case assignment
    /// The next-slot beam [Re f, Im f] ∈ ℝ^{2N_t}: mean squared error (Fig. 6). Projection to
    /// ‖f‖ ≤ 1 happens in the policy that uses the beam, not in the network.
    case beamforming
}
