import ISACMath
import ISACPhysics
import ISACTracking

/// Λ of the sensing constraint (37) "from one slot of tracking history" (M15), for the static
/// sweeps (decision O6), computed with the tracker's own models.
///
/// A link's track starts one slot earlier at the vehicle's position x − vT with the M6 prior
/// M₀ = diag(σ_φ², σ_d², σ_v²) and takes one matched-beam measurement there: the PCRB posterior
/// M̃_{n−1} = (J(a) + M₀⁻¹)⁻¹ (M7, `RadarMeasurementModel.information`). It is predicted to now,
/// M̂_n = G M̃_{n−1} Gᵀ + E (`RoadMotionModel`), and Λ is the tracker's `SensingRequirement` for
/// (x_n, M̂_n) and m̃⁽¹¹⁾_{n−1}: eq. (58) in Schur-complement form (T6). Λ ≤ 0 (no requirement)
/// is returned as 0; the decision problem caps Λ itself (M10).
public struct OneSlotSensingRequirement: Sendable {
    public let parameters: ScenarioParameters
    let model: RadarMeasurementModel
    let motion: RoadMotionModel

    public init(parameters: ScenarioParameters) {
        self.parameters = parameters
        model = RadarMeasurementModel(parameters: parameters)
        motion = RoadMotionModel(parameters: parameters)
    }

    /// Λ per link, `[rsu][vehicle]` (≥ 0).
    public func requirements(vehicles: [Vehicle]) -> [[Double]] {
        parameters.highway.rsus.map { r in vehicles.map { requirement(rsu: r, vehicle: $0) } }
    }

    /// Λ of one link (0 when there is no requirement or the geometry is degenerate).
    public func requirement(rsu: Point, vehicle: Vehicle) -> Double {
        guard let r = sensingRequirement(rsu: rsu, vehicle: vehicle) else { return 0 }
        return max(0, r.lambda)
    }

    /// The tracker's requirement for the link after one slot of history.
    func sensingRequirement(rsu: Point, vehicle: Vehicle) -> SensingRequirement? {
        let before = LinkGeometry(rsu: rsu, vehicle: vehicle.advanced(by: -parameters.slotSeconds))
        let now = LinkGeometry(rsu: rsu, vehicle: vehicle)
        let prior = parameters.config.tracking.prior
        let priorInformation = Matrix3.diagonal(
            1 / (prior.phi * prior.phi), 1 / (prior.distanceMeters * prior.distanceMeters),
            1 / (prior.speedMetersPerSecond * prior.speedMetersPerSecond))
        let xBefore = Vector3(before.phi, before.distance, before.speed)
        let matched = model.radar.transmitArray.steering(before.phi)
        guard let posterior = Cholesky3(model.information(at: xBefore, beam: matched) + priorInformation)?.inverse
        else { return nil }
        let predicted = motion.jacobian(xBefore).congruence(posterior) + motion.processNoise
        return SensingRequirement(
            prediction: GaussianEstimate(mean: Vector3(now.phi, now.distance, now.speed), covariance: predicted),
            previousPhiVariance: posterior.m00, model: model,
            capFraction: parameters.config.options.sensingCapFraction)
    }
}
