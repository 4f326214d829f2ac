import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking
import Testing

@testable import DigitalTwin

/// The corridor twin (C1-C5): a one-pair corridor is the paper's scene bit for bit; on a longer
/// corridor vehicles are tracked and decided only at their cell's RSUs.
@Suite struct CorridorTwinTests {
    static let deterministic = TwinOptions(measureLatency: false)

    /// The same seeded closed loop on Table I's scene given as RSUs and as a one-pair corridor:
    /// every record of every policy is identical (==, not within a tolerance).
    @Test func onePairCorridorClosedLoopIsThePaperBitForBit() throws {
        let policies: [any DecisionPolicy] = [DistanceMatchedFilterPolicy(), GreedyPolicy(), HeuristicPolicy()]
        func run(_ config: ScenarioConfig) throws -> [[SlotRecord]] {
            let sim = ClosedLoopSimulation(
                parameters: ScenarioParameters(config), policies: policies, options: Self.deterministic, seed: 11)
            return try #require(try sim.run(world: sim.trajectory(slots: 150)))
        }
        let paper = try run(.paper)
        let corridor = try run(ScenarioConfig.paper.with(corridor: .paperCell))
        #expect(paper == corridor)
        #expect(paper[2].contains { $0.flips > 0 }, "the heuristic never flipped: the test would not see assignment changes")
    }

    /// A static drop and every standard policy's decision on it are the same on both descriptions.
    @Test func onePairCorridorStaticDropIsThePaperBitForBit() throws {
        let a = ScenarioParameters(.paper)
        let b = ScenarioParameters(ScenarioConfig.paper.with(corridor: .paperCell))
        var rngA = Xoshiro256StarStar(seed: 5, stream: 1)
        var rngB = Xoshiro256StarStar(seed: 5, stream: 1)
        let va = StaticDrop.vehicles(count: 8, parameters: a, using: &rngA)
        let vb = StaticDrop.vehicles(count: 8, parameters: b, using: &rngB)
        #expect(va == vb)
        for name in ["distance-mf", "distance-fp", "greedy", "heuristic"] {
            let policy = try DecisionPolicyRegistry.standard.policy(named: name)
            let da = try policy.decide(DecisionProblem(parameters: a, vehicles: va), warmStart: nil)
            let db = try policy.decide(DecisionProblem(parameters: b, vehicles: vb), warmStart: nil)
            #expect(da == db, "\(name)")
        }
    }

    /// On a four-cell corridor every track belongs to a link of the vehicle's own cell (at most two
    /// RSUs per vehicle), every serving RSU lies in the cell the vehicle is in, and vehicles move
    /// from cell to cell as they drive.
    @Test func tracksAndServingStayInTheVehiclesCell() throws {
        let config = ScenarioConfig.paper.with(corridor: Corridor(
            lengthMeters: 240, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60))
        let parameters = ScenarioParameters(config)
        let highway = parameters.highway
        let sim = ClosedLoopSimulation(parameters: parameters, policies: [], options: Self.deterministic, seed: 3)
        let world = sim.trajectory(slots: 600)
        var twin = PolicyTwin(
            policy: HeuristicPolicy(), parameters: parameters, options: Self.deterministic,
            decisionOptions: .standard, seed: 3)
        var served = 0
        for (n, vehicles) in world.snapshots.enumerated() {
            let record = try twin.step(slot: n, vehicles: vehicles, time: Double(n + 1) * 0.02)
            #expect(record.sumRate.isFinite)
            var perVehicle: [Int: Int] = [:]
            for key in twin.tracks.keys { perVehicle[key.vehicle, default: 0] += 1 }
            #expect(perVehicle.values.allSatisfy { $0 <= 2 })
            let byId = Dictionary(uniqueKeysWithValues: vehicles.map { ($0.id, $0) })
            for (id, rsu) in twin.servingRSUs {
                // Decided for the next slot: the vehicle is at most one slot's travel (0.6 m at
                // 30 m/s, a few metres of prediction error) from the serving RSU's cell.
                let cell = highway.cells[highway.cells.firstIndex { $0.rsus.contains(rsu) }!]
                let x = byId[id]!.position.x
                #expect(x >= cell.startX - 5 && x <= cell.endX + 5, "vehicle \(id) at \(x) served by RSU \(rsu)")
                served += 1
            }
        }
        #expect(served > 1000)
        #expect(twin.cellChanges > 20)
    }
}
