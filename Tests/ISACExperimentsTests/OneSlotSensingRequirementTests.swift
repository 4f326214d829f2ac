import ISACMath
import ISACPhysics
import ISACTracking
import Testing

@testable import ISACExperiments

/// The sweeps' one-slot Λ (O6) is the tracker's Λ (T6, tested there against a direct evaluation
/// of (36)) after one PCRB step (M7); here it is checked against that recursion written out with
/// plain 3×3 products, and for finiteness.
@Suite struct OneSlotSensingRequirementTests {
    /// The M6 prior updated once with the matched beam one slot earlier and predicted with G and E
    /// gives the same Λ.
    @Test func requirementFollowsThePCRBRecursion() throws {
        let p = ScenarioParameters(.paper)
        let oneSlot = OneSlotSensingRequirement(parameters: p)
        let model = RadarMeasurementModel(parameters: p)
        let motion = RoadMotionModel(parameters: p)
        var rng = Xoshiro256StarStar(seed: 3)
        let cars = StaticDrop.vehicles(count: 12, parameters: p, using: &rng)
        let s = p.config.tracking.prior
        let prior = Matrix3.diagonal(
            s.phi * s.phi, s.distanceMeters * s.distanceMeters, s.speedMetersPerSecond * s.speedMetersPerSecond)
        var active = 0
        for car in cars {
            for rsu in p.highway.rsus {
                let before = LinkGeometry(rsu: rsu, vehicle: car.advanced(by: -p.slotSeconds))
                let now = LinkGeometry(rsu: rsu, vehicle: car)
                // M̃_{n−1} = (J(a) + M₀⁻¹)⁻¹, M̂_n = G M̃ Gᵀ + E, written out with plain products.
                let xb = Vector3(before.phi, before.distance, before.speed)
                let j = model.information(at: xb, beam: UniformLinearArray(elementCount: 32).steering(before.phi))
                let priorInformation = try #require(Cholesky3(prior)).inverse
                let posterior = try #require(Cholesky3(j + priorInformation)).inverse
                let predicted = motion.jacobian(xb) * posterior * motion.jacobian(xb).transposed + motion.processNoise
                let expected = try #require(
                    SensingRequirement(
                        prediction: GaussianEstimate(mean: Vector3(now.phi, now.distance, now.speed), covariance: predicted),
                        previousPhiVariance: posterior.m00, model: model, capFraction: 0.99))
                let lambda = oneSlot.requirement(rsu: rsu, vehicle: car)
                #expect(abs(lambda - max(0, expected.lambda)) <= 1e-9 * max(abs(expected.lambda), 1))
                if expected.lambda > 0 { active += 1 }
            }
        }
        #expect(active > 0)
    }

    /// The requirement is finite and nonnegative for every link of a drop, in both presets.
    @Test(arguments: [ScenarioConfig.paper, ScenarioConfig.table1Literal])
    func requirementsAreFinite(config: ScenarioConfig) {
        let p = ScenarioParameters(config)
        var rng = Xoshiro256StarStar(seed: 4)
        let cars = StaticDrop.vehicles(count: 20, parameters: p, using: &rng)
        for row in OneSlotSensingRequirement(parameters: p).requirements(vehicles: cars) {
            for x in row { #expect(x.isFinite && x >= 0) }
        }
    }
}
