/// A state estimate with its error covariance: (x̂, M̂) after a prediction, (x̃, M̃) after an update.
public struct GaussianEstimate: Sendable, Equatable {
    /// x = [φ, d, v] (M5).
    public var mean: Vector3
    /// The MSE matrix, eqs. (25), (32)/(36).
    public var covariance: Matrix3

    public init(mean: Vector3, covariance: Matrix3) {
        self.mean = mean
        self.covariance = covariance
    }

    /// Normalised estimation error squared (x − x̂)ᵀM⁻¹(x − x̂) against the truth; nil when the
    /// covariance is not positive definite.
    public func nees(truth: Vector3) -> Double? {
        Cholesky3(covariance)?.inverseQuadraticForm(truth - mean)
    }

    /// √M₁₁: root MSE of φ.
    public var phiStd: Double { covariance.m00.squareRoot() }
    /// √M₂₂: root MSE of d, m.
    public var distanceStd: Double { covariance.m11.squareRoot() }
    /// √M₃₃: root MSE of v, m/s.
    public var speedStd: Double { covariance.m22.squareRoot() }
}
