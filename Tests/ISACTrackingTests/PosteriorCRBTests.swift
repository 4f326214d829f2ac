import Foundation
import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

/// The PCRB recursion (M7, T5) and Fig. 11's antenna scaling.
@Suite struct PosteriorCRBTests {
    /// RCRB_d along the +x lane's pass past RSU 1 with matched beams at the truth, N = n.
    static func pass(antennas n: Int) -> (rcrb: [Double], expected: [Double]) {
        let p = Fixture.parameters(antennas: n)
        let model = RadarMeasurementModel(parameters: p)
        let motion = RoadMotionModel(parameters: p)
        let rsu = p.highway.rsus[0]
        var vehicle = Vehicle(id: 0, position: Point(x: p.highway.startX, y: p.highway.laneY(direction: 1)), velocity: 30)
        var truth = Vector3(LinkGeometry(rsu: rsu, vehicle: vehicle))
        var bound = PosteriorCRB(
            motion: motion, measurementModel: model, initialTruth: truth, prior: TrackInitializer(parameters: p).prior)
        var rcrb = [bound.rcrbDistanceMeters], expected = [0.1]
        for _ in 0..<99 {
            vehicle = vehicle.advanced(by: p.slotSeconds)
            truth = Vector3(LinkGeometry(rsu: rsu, vehicle: vehicle))
            bound.step(to: truth, beam: model.radar.transmitArray.steering(truth.x))
            rcrb.append(bound.rcrbDistanceMeters)
            // Measurement-dominated limit: d is seen through ν alone, so RCRB_d → (c/2)σ_ν with
            // σ_ν² = ρ_ν²σ_e²/(P G κ²|β|²) at |η| = 1, eq. (16) (M4): ∝ d/N.
            let snr = model.radar.echoSNR(distance: truth.y, beamGain: 1)
            expected.append(PhysicalConstants.speedOfLight / 2 * p.rhoNu / snr.squareRoot())
        }
        return (rcrb, expected)
    }

    /// Fig. 11: RCRB_d starts at 0.1 m, falls within one slot to (c/2)σ_ν (the prior's 0.1 m and the
    /// process noise's 0.01 m per slot are ~10³× larger, so the bound equals the measurement
    /// limit to within 1 %), and decreases with N as 1/N: 16 > 32 > 64 with ratios 2 ± 2 %.
    @Test func rcrbOfDistanceScalesAsOneOverN() {
        let runs = [16, 32, 64].map { Self.pass(antennas: $0) }
        for r in runs {
            #expect(r.rcrb[0] == 0.1)
            for t in 1..<r.rcrb.count { #expect(Fixture.relative(r.rcrb[t], r.expected[t]) < 0.01) }
        }
        let means = runs.map { Statistics.mean(Array($0.rcrb.dropFirst(5))) }
        #expect(means[0] > means[1] && means[1] > means[2])
        #expect(abs(means[0] / means[1] - 2) < 0.04 && abs(means[1] / means[2] - 2) < 0.04)
    }

    /// Without measurements the bound is the prediction recursion G M Gᵀ + E, and it grows.
    @Test func coastingGrowsTheBound() {
        let p = Fixture.parameters()
        let motion = RoadMotionModel(parameters: p)
        let x = Vector3(-0.5, 35, 30)
        var bound = PosteriorCRB(
            motion: motion, measurementModel: RadarMeasurementModel(parameters: p), initialTruth: x,
            prior: .diagonal(1e-12, 1e-8, 1e-4))
        let before = bound.bound
        bound.step(to: motion.transition(x), beam: nil)
        let g = motion.jacobian(x)
        #expect((bound.bound - (g.congruence(before) + motion.processNoise)).maxAbs < 1e-18)
        #expect(bound.bound.m11 > before.m11)
    }
}
