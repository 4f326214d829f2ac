import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

/// Λ of (54)-(58) in Schur-complement form against a direct dense evaluation of (36) (T6).
@Suite struct SensingRequirementTests {
    static let p = Fixture.parameters(antennas: 16)
    static let model = RadarMeasurementModel(parameters: p)

    /// [(HᵀQ⁻¹H + M̂⁻¹)⁻¹]₁₁ by dense algebra and LAPACK, with H for beam f and Q at η = 1 (the
    /// approximation Λ is defined with): eq. (36) as corrected by M7, evaluated directly.
    static func directPosteriorPhiVariance(prediction: GaussianEstimate, beam f: ComplexVector) throws -> Double {
        let x = prediction.mean
        let h = model.denseJacobian(at: x, beam: f)
        let q = model.noiseDiagonal(model.radar.noiseVariances(distance: x.y, beamGain: 1))
        let j = Fixture.weightedGram(h, q.map { 1 / $0 })
        let m = prediction.covariance
        let identity = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        let mInv = try LAPACK.solvePositiveDefinite(
            [m.m00, m.m10, m.m20, m.m01, m.m11, m.m21, m.m02, m.m12, m.m22], n: 3, identity, rightHandSides: 3)
        var omega = [Double](repeating: 0, count: 9)
        for c in 0..<3 { for r in 0..<3 { omega[c * 3 + r] = j[r, c] + mInv[c * 3 + r] } }
        let inverse = try LAPACK.solvePositiveDefinite(omega, n: 3, identity, rightHandSides: 3)
        return inverse[0]
    }

    /// A link's next-slot prediction from a steady-state-like posterior.
    static func prediction(at x: Vector3) -> GaussianEstimate {
        let filter = ExtendedKalmanFilter(motion: RoadMotionModel(parameters: p), measurementModel: model)
        return filter.predict(GaussianEstimate(mean: x, covariance: Matrix3(symmetric: 2e-16, 1e-13, 5e-13, 4e-9, 1e-10, 1e-6)))
    }

    static let states = [Vector3(-0.6, 38, 30), Vector3(0, 27.5, 30), Vector3(0.05, 27.6, -30), Vector3(0.7, 45, 31)]

    /// If m̃_{n−1}^(11) is the posterior that a matched beam scaled by s₀ = 0.7 would give, then
    /// Λ = s₀²‖Πa‖², and the beam on the boundary ‖Πf‖² = Λ gives m̃_n^(11) = m̃_{n−1}^(11) in
    /// the direct evaluation of (36), to 1e−9 relative.
    @Test(arguments: states)
    func beamOnTheBoundaryKeepsTheVariance(x: Vector3) throws {
        let pred = Self.prediction(at: x)
        let matched = Self.model.radar.transmitArray.steering(pred.mean.x)
        let op = SensingOperator(
            phi: pred.mean.x, transmit: Self.model.radar.transmitArray, receive: Self.model.radar.receiveArray)
        let s0 = 0.7
        let previous = try Self.directPosteriorPhiVariance(prediction: pred, beam: matched.scaled(by: s0))
        let req = try #require(
            SensingRequirement(prediction: pred, previousPhiVariance: previous, model: Self.model, capFraction: 0.99))
        let expected = s0 * s0 * op.sensitivity(matched)
        #expect(Fixture.relative(req.lambda, expected) < 1e-8, "Λ = \(req.lambda), expected \(expected)")
        let boundary = matched.scaled(by: (req.lambda / op.sensitivity(matched)).squareRoot())
        #expect(Fixture.relative(op.sensitivity(boundary), req.lambda) < 1e-12)
        let next = try Self.directPosteriorPhiVariance(prediction: pred, beam: boundary)
        #expect(Fixture.relative(next, previous) < 1e-9)
        // A beam with more sensitivity does better, one with less does worse (the constraint's side).
        #expect(try Self.directPosteriorPhiVariance(prediction: pred, beam: boundary.scaled(by: 1.1)) < previous)
        #expect(try Self.directPosteriorPhiVariance(prediction: pred, beam: boundary.scaled(by: 0.9)) > previous)
        #expect(req.isActive && !req.isCapped && req.effective == req.lambda)
        #expect(Fixture.relative(req.maxSensitivity, op.maxEigenvalue) < 1e-15)
    }

    /// Λ_eff caps at capFraction·λ_max when no unit beam can reach Λ, and is 0 ("no requirement")
    /// when Λ ≤ 0 (the prior alone already meets the previous variance).
    @Test func capAndInactiveRequirement() throws {
        let pred = Self.prediction(at: Vector3(-0.6, 38, 30))
        let matched = Self.model.radar.transmitArray.steering(pred.mean.x)
        let strict = try Self.directPosteriorPhiVariance(prediction: pred, beam: matched.scaled(by: 1.5))
        let capped = try #require(
            SensingRequirement(prediction: pred, previousPhiVariance: strict, model: Self.model, capFraction: 0.99))
        #expect(capped.lambda > capped.maxSensitivity && capped.isCapped)
        #expect(Fixture.relative(capped.effective, 0.99 * capped.maxSensitivity) < 1e-15)
        let loose = try #require(
            SensingRequirement(
                prediction: pred, previousPhiVariance: 2 * pred.covariance.m00, model: Self.model, capFraction: 0.99))
        #expect(loose.lambda <= 0 && !loose.isActive && loose.effective == 0)
    }

    /// Λ alone (what the twin's decision problem uses, C11) is the full requirement's Λ exactly,
    /// and nil exactly when the requirement is (no previous variance).
    @Test(arguments: states)
    func lambdaAloneEqualsTheRequirementsLambda(x: Vector3) throws {
        let pred = Self.prediction(at: x)
        for previous in [pred.covariance.m00 / 3, pred.covariance.m00, 2 * pred.covariance.m00] {
            let req = try #require(
                SensingRequirement(prediction: pred, previousPhiVariance: previous, model: Self.model, capFraction: 0.99))
            let lambda = try #require(
                SensingRequirement.lambda(prediction: pred, previousPhiVariance: previous, model: Self.model))
            #expect(lambda == req.lambda)
        }
        #expect(SensingRequirement.lambda(prediction: pred, previousPhiVariance: 0, model: Self.model) == nil)
        #expect(SensingRequirement(prediction: pred, previousPhiVariance: 0, model: Self.model, capFraction: 0.99) == nil)
    }
}
