import ISACMath
import ISACPhysics
import Testing

@testable import ISACExperiments

@Suite struct OneSlotSensingRequirementTests {
    /// Inverse of a 3×3 by cofactors (independent of the Schur form and of LAPACK).
    static func inverse(_ m: [Double]) -> [Double] {
        let c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6]
        let det = m[0] * c00 + m[1] * c01 + m[2] * c02
        return [
            c00 / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            c01 / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c02 / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        ]
    }

    /// Λ of (58) is the ‖Πf‖² at which the PCRB of φ after this slot equals the previous one:
    /// with ω₁₁ raised by c·Λ, [Ω⁻¹]₁₁ computed by cofactors equals m̃⁽¹¹⁾_{n−1}.
    @Test func requirementKeepsThePCRBOfPhi() throws {
        let p = ScenarioParameters(.paper)
        let model = OneSlotSensingRequirement(parameters: p)
        var rng = Xoshiro256StarStar(seed: 3)
        let cars = StaticDrop.vehicles(count: 12, parameters: p, using: &rng)
        var checked = 0
        for car in cars {
            for rsu in p.highway.rsus {
                let t = try #require(model.terms(rsu: rsu, vehicle: car))
                let lambda = model.requirement(rsu: rsu, vehicle: car)
                guard lambda > 0 else { continue }
                var omega = t.omegaWithoutResponse
                omega[0] += t.responseScale * lambda
                let m11 = Self.inverse(omega)[0]
                #expect(abs(m11 - t.previousPhiVariance) <= 1e-8 * t.previousPhiVariance)
                checked += 1
            }
        }
        #expect(checked > 0)
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
