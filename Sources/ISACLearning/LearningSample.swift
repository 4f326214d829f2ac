/// One slot: the vehicles sorted along the road with their features and the heuristic's labels.
///
/// Storage is vehicle-major: vehicle k's F features are `features[k·F ..< (k+1)·F]` (a column-major
/// F×K matrix), its RSU index is `assignments[k]` and its beam is
/// `beams[k·2N_t ..< (k+1)·2N_t]` as [Re f, Im f].
public struct LearningSample: Sendable, Hashable {
    /// K.
    public let vehicleCount: Int
    public var features: [Float]
    public var assignments: [Int32]
    public var beams: [Float]

    public init(vehicleCount: Int, features: [Float], assignments: [Int32], beams: [Float]) {
        self.vehicleCount = vehicleCount
        self.features = features
        self.assignments = assignments
        self.beams = beams
    }

    /// Whether the array sizes match K and the layout.
    public func matches(_ layout: FeatureLayout) -> Bool {
        vehicleCount >= 1 && features.count == vehicleCount * layout.featureCount
            && assignments.count == vehicleCount
            && beams.count == vehicleCount * layout.beamComponentCount
    }
}
