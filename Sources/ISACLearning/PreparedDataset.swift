/// A dataset flattened and normalised once for training: vehicle v of the whole set has its F
/// normalised features at `features[v·F ..< (v+1)·F]`; sample s covers vehicles
/// `firstVehicle[s] ..< firstVehicle[s] + lengths[s]`.
struct PreparedDataset: Sendable {
    let featureCount: Int
    let beamComponentCount: Int
    let firstVehicle: [Int]
    let lengths: [Int]
    let features: [Float]
    let assignments: [Int32]
    let beams: [Float]

    init(_ dataset: Dataset, normalisation: FeatureNormalisation) {
        let F = dataset.layout.featureCount
        featureCount = F
        beamComponentCount = dataset.layout.beamComponentCount
        var first: [Int] = [], lengths: [Int] = []
        var v = 0
        for s in dataset.samples {
            first.append(v)
            lengths.append(s.vehicleCount)
            v += s.vehicleCount
        }
        firstVehicle = first
        self.lengths = lengths
        var x = [Float](repeating: 0, count: v * F)
        x.withUnsafeMutableBufferPointer { out in
            var k = 0
            for s in dataset.samples {
                s.features.withUnsafeBufferPointer { src in
                    for i in 0..<s.vehicleCount {
                        normalisation.apply(src.baseAddress! + i * F, to: out.baseAddress! + (k + i) * F)
                    }
                }
                k += s.vehicleCount
            }
        }
        features = x
        assignments = dataset.samples.flatMap(\.assignments)
        beams = dataset.samples.flatMap(\.beams)
    }

    var sampleCount: Int { lengths.count }
}
