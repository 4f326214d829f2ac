/// Per-feature standardisation x' = (x − μ_j)/σ_j with statistics of the training set (M16),
/// stored with the model so inference normalises exactly as training did.
public struct FeatureNormalisation: Sendable, Hashable {
    public let mean: [Float]
    /// σ_j, already floored: a feature whose standard deviation is 0 or below 1e-6·|μ_j| (constant
    /// up to rounding) gets σ_j = 1, so it is centred but never blown up.
    public let standardDeviation: [Float]

    public init(mean: [Float], standardDeviation: [Float]) {
        precondition(mean.count == standardDeviation.count, "mean and std sizes differ")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// μ_j and σ_j over every vehicle of every sample (population statistics, accumulated in
    /// double precision with Welford's update, which does not cancel catastrophically).
    public init(fitting dataset: Dataset) {
        let F = dataset.layout.featureCount
        var n = 0.0
        var μ = [Double](repeating: 0, count: F)
        var m2 = [Double](repeating: 0, count: F)
        for s in dataset.samples {
            for k in 0..<s.vehicleCount {
                n += 1
                for j in 0..<F {
                    let x = Double(s.features[k * F + j])
                    let δ = x - μ[j]
                    μ[j] += δ / n
                    m2[j] += δ * (x - μ[j])
                }
            }
        }
        var σ = [Float](repeating: 1, count: F)
        for j in 0..<F where n > 0 {
            let s = (m2[j] / n).squareRoot()
            σ[j] = (s > 0 && s > 1e-6 * abs(μ[j])) ? Float(s) : 1
        }
        self.init(mean: μ.map { Float($0) }, standardDeviation: σ)
    }

    /// The identity normalisation (μ = 0, σ = 1).
    public static func identity(featureCount: Int) -> FeatureNormalisation {
        FeatureNormalisation(
            mean: .init(repeating: 0, count: featureCount),
            standardDeviation: .init(repeating: 1, count: featureCount))
    }

    public var featureCount: Int { mean.count }

    /// Normalises `count` values of one vehicle from `source` into `destination`.
    @inlinable
    func apply(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
        mean.withUnsafeBufferPointer { μ in
            standardDeviation.withUnsafeBufferPointer { σ in
                for j in 0..<μ.count { destination[j] = (source[j] - μ[j]) / σ[j] }
            }
        }
    }
}
