import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

/// The CLI's runs (T9): a single pass through broadside of both RSUs, and Poisson traffic.
@Suite struct TrackingExperimentTests {
    /// A single pass: one vehicle, two links at every slot of its ~2 s on the road (60 m at
    /// 30 m/s), every value finite, RCRB_d starting at 0.1 m, EKF errors within 5 RCRB, and a mean
    /// NEES in [2, 4.5]: about 190 correlated χ²₃ samples (mean 3, variance 6) give a standard error
    /// of ≈ 0.2-0.35. The truth has no process noise, but the posterior is measurement-dominated
    /// (prediction spread ≫ measurement noise), so the filter stays consistent rather than
    /// conservative.
    @Test(arguments: [16, 32, 64])
    func singlePassThroughBroadside(antennas n: Int) throws {
        let p = Fixture.parameters(antennas: n)
        var rng = Xoshiro256StarStar(seed: 1)
        let records = TrackingExperiment.singlePass(parameters: p, using: &rng)
        let slots = Set(records.map(\.timeSeconds)).count
        #expect(records.count == 2 * slots && (100...101).contains(slots))
        #expect(Set(records.map(\.rsu)) == [0, 1] && Set(records.map(\.vehicle)) == [0])
        for r in records {
            #expect(r.rcrbDistanceMeters.isFinite && r.rcrbPhi.isFinite && r.errorDistanceMeters.isFinite)
            #expect(r.errorPhi.isFinite && r.nees.isFinite)
            if r.trackAge == 0 {
                #expect(r.rcrbDistanceMeters == 0.1)
            } else {
                #expect(abs(r.errorDistanceMeters) < 5 * r.rcrbDistanceMeters)
                #expect(abs(r.errorPhi) < 5 * r.rcrbPhi)
            }
        }
        let summary = TrackingSummary(records: records, antennas: n)
        #expect(summary.links == 2)
        let nees = try #require(summary.meanNEES)
        #expect(nees > 2 && nees < 4.5, "mean NEES \(nees)")
    }

    /// Same seed, same records; different seed, different records.
    @Test func deterministicFromSeed() {
        let p = Fixture.parameters(antennas: 16)
        var a = Xoshiro256StarStar(seed: 4), b = Xoshiro256StarStar(seed: 4), c = Xoshiro256StarStar(seed: 5)
        let ra = TrackingExperiment.traffic(parameters: p, durationSeconds: 1, using: &a)
        #expect(ra == TrackingExperiment.traffic(parameters: p, durationSeconds: 1, using: &b))
        #expect(ra != TrackingExperiment.traffic(parameters: p, durationSeconds: 1, using: &c))
    }

    /// Poisson traffic: every vehicle on the road is tracked by both RSUs at every slot (tracks
    /// start and stop with the vehicles), no value is NaN, and steady-state errors stay within
    /// 5 RCRB. Zero traffic gives zero records.
    @Test func poissonTraffic() {
        var p = Fixture.parameters(antennas: 32)
        var rng = Xoshiro256StarStar(seed: 2)
        let records = TrackingExperiment.traffic(parameters: p, durationSeconds: 4, using: &rng)
        let vehiclesSeen = Set(records.map(\.vehicle))
        #expect(vehiclesSeen.count > 20)  // λ = 5/s per direction for 4 s
        let bySlot = Dictionary(grouping: records, by: \.timeSeconds)
        #expect(bySlot.values.allSatisfy { $0.count % 2 == 0 })
        for r in records where r.trackAge >= 1 {
            #expect(r.nees.isFinite && abs(r.errorDistanceMeters) < 5 * r.rcrbDistanceMeters)
            #expect(abs(r.errorPhi) < 5 * r.rcrbPhi)
        }
        p = ScenarioParameters({ var c = p.config; c.traffic.arrivalRatePerDirection = 0; return c }())
        var rng0 = Xoshiro256StarStar(seed: 2)
        #expect(TrackingExperiment.traffic(parameters: p, durationSeconds: 1, using: &rng0).isEmpty)
    }
}
