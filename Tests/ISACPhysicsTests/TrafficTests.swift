import Foundation
import ISACMath
import Testing

@testable import ISACPhysics

/// Poisson traffic (M2), static drops and the geometry of M1.
@Suite struct TrafficTests {
    /// Little's law: mean count = 2λL/v̄ = 20 at λ = 5/s, L = 60 m, v̄ = 30 m/s. Over 1 000 s the
    /// count (variance ≈ 20, correlation time ≈ 2 s) has a standard error ≈ √(20·2·2/1000) ≈ 0.28;
    /// the tolerance is 1.0 (≈ 3.5 standard errors, 5 % of the mean).
    @Test(arguments: [5.0, 12.5])
    func meanVehicleCountObeysLittlesLaw(rate: Double) {
        var config = ScenarioConfig.paper
        config.traffic.arrivalRatePerDirection = rate
        let p = ScenarioParameters(config)
        var g = Xoshiro256StarStar(seed: 40)
        var sim = TrafficSimulator(parameters: p, using: &g)
        for _ in 0..<500 { sim.step(using: &g) }  // 10 s warm-up (five residence times)
        var total = 0.0
        let steps = 50_000
        for _ in 0..<steps {
            sim.step(using: &g)
            total += Double(sim.vehicles.count)
        }
        let expected = sim.littleLawMeanVehicles
        #expect(abs(expected - 2 * rate * 60 / 30) < 1e-12)
        #expect(abs(total / Double(steps) - expected) < 1.0 * expected / 20)
    }

    @Test func vehiclesStayOnTheirLaneAndLeaveAtTheEnd() {
        let p = ScenarioParameters(.paper)
        var g = Xoshiro256StarStar(seed: 41)
        var sim = TrafficSimulator(parameters: p, using: &g)
        var seen = Set<Int>(), departed = Set<Int>()
        for _ in 0..<2000 {
            sim.step(using: &g)
            for v in sim.vehicles {
                #expect(p.highway.contains(x: v.position.x))
                #expect(v.position.y == p.highway.laneY(direction: v.direction))
                #expect(abs(v.velocity) >= p.config.traffic.minimumSpeed)
                seen.insert(v.id)
            }
            departed.formUnion(sim.departedLastStep)
            #expect(Set(sim.vehicles.map(\.id)).isDisjoint(with: departed))
        }
        #expect(departed.count > 100 && departed.isSubset(of: seen))
    }

    @Test func emptyRoadWithZeroArrivalRate() {
        var config = ScenarioConfig.paper
        config.traffic.arrivalRatePerDirection = 0
        var g = Xoshiro256StarStar(seed: 42)
        var sim = TrafficSimulator(parameters: ScenarioParameters(config), using: &g)
        for _ in 0..<100 { sim.step(using: &g) }
        #expect(sim.vehicles.isEmpty)
    }

    @Test func sameSeedSameTraffic() {
        func run(_ seed: UInt64) -> [Vehicle] {
            var g = Xoshiro256StarStar(seed: seed)
            var sim = TrafficSimulator(parameters: ScenarioParameters(.paper), using: &g)
            for _ in 0..<300 { sim.step(using: &g) }
            return sim.vehicles
        }
        #expect(run(9) == run(9))
        #expect(run(9) != run(10))
    }

    @Test func staticDropsLieOnTheRoadWithDirectionBySide() {
        let p = ScenarioParameters(.paper)
        var g = Xoshiro256StarStar(seed: 43)
        let vs = StaticDrop.vehicles(count: 500, parameters: p, using: &g)
        #expect(vs.count == 500)
        for v in vs {
            #expect(p.highway.contains(x: v.position.x))
            #expect(abs(v.position.y) <= 5)
            #expect((v.position.y >= 0) == (v.velocity > 0))
        }
        // Uniform in x on [−30, 30]: mean 0 with SE 60/√(12·500) ≈ 0.77.
        #expect(abs(Statistics.mean(vs.map(\.position.x))) < 4 * 0.77)
    }

    /// φ = (x − x_i)/d and the paper's radial velocity v̇ = −vφ (M1).
    @Test func linkGeometryMatchesModelOne() {
        let v = Vehicle(id: 0, position: Point(x: -20, y: 2.5), velocity: 30)
        let l = LinkGeometry(rsu: Point(x: 0, y: 30), vehicle: v)
        #expect(abs(l.distance - (400 + 27.5 * 27.5).squareRoot()) < 1e-12)
        #expect(abs(l.phi - (-20 / l.distance)) < 1e-15)
        #expect(l.radialVelocity > 0)  // approaching broadside
        let p = ScenarioParameters(.paper)
        #expect(p.highway.nearestRSU(to: Point(x: 10, y: 2.5)) == 0)
        #expect(p.highway.nearestRSU(to: Point(x: 10, y: -2.5)) == 1)
    }
}
