import Foundation
import ISACLearning
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
    /// every record of every policy is identical (==, not within a tolerance), whatever the number
    /// of cell workers (C12).
    @Test(arguments: [1, 3])
    func onePairCorridorClosedLoopIsThePaperBitForBit(cellWorkers: Int) throws {
        let policies: [any DecisionPolicy] = [DistanceMatchedFilterPolicy(), GreedyPolicy(), HeuristicPolicy()]
        var options = Self.deterministic
        options.cellWorkers = cellWorkers
        func run(_ config: ScenarioConfig) throws -> [[SlotRecord]] {
            let sim = ClosedLoopSimulation(
                parameters: ScenarioParameters(config), policies: policies, options: options, seed: 11)
            return try #require(try sim.run(world: sim.trajectory(slots: 150)))
        }
        let paper = try run(.paper)
        let corridor = try run(ScenarioConfig.paper.with(corridor: .paperCell))
        #expect(paper == corridor)
        #expect(paper[2].contains { $0.flips > 0 }, "the heuristic never flipped: the test would not see assignment changes")
    }

    /// Networks trained on the paper's two RSUs see one decision cell (C15): accepted on a corridor
    /// of pairs (two RSUs per cell, 40 on the road), refused on an alternating corridor whose 60 m
    /// cells hold one RSU each, naming the cell's count.
    @Test func learnedNetworksAreCheckedAgainstACellsRSUs() throws {
        let layout = FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2)
        let lstm = LearnedPolicy(
            assignmentModel: randomLearnedModel(.assignment, inputs: layout.featureCount, outputs: 2, seed: 1),
            beamformingModel: randomLearnedModel(.beamforming, inputs: layout.featureCount, outputs: 64, seed: 2))
        let pairs = ScenarioParameters(.corridor)
        #expect(pairs.rsuCount == 40)
        try lstm.checkCompatible(with: pairs)
        let alternating = ScenarioParameters(ScenarioConfig.paper.with(corridor: Corridor(
            lengthMeters: 240, spacingMeters: 60, layout: .alternating, lateralOffsetMeters: 30, cellMeters: 60)))
        do {
            try lstm.checkCompatible(with: alternating)
            Issue.record("a two-RSU network accepted on one-RSU cells")
        } catch let DecisionError.unsupportedProblem(_, reason) {
            #expect(reason.contains("this scenario has N_t = 32, N_r = 32, 1 RSUs"), "\(reason)")
        }
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
    @Test(arguments: ["distance-fp", "greedy", "heuristic"])
    func tracksAndServingStayInTheVehiclesCell(policyName: String) throws {
        let config = ScenarioConfig.paper.with(corridor: Corridor(
            lengthMeters: 240, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60))
        let parameters = ScenarioParameters(config)
        let highway = parameters.highway
        let sim = ClosedLoopSimulation(parameters: parameters, policies: [], options: Self.deterministic, seed: 3)
        let world = sim.trajectory(slots: 450)
        var twin = PolicyTwin(
            policy: try DecisionPolicyRegistry.standard.policy(named: policyName), parameters: parameters, options: Self.deterministic,
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
        #expect(twin.cellChanges > 10)
    }

    /// A three-cell corridor (pairs every 60 m on 180 m).
    static let threeCells = ScenarioConfig.paper.with(corridor: Corridor(
        lengthMeters: 180, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60))

    /// One vehicle driving the whole corridor at 30 m/s in `direction`, slot by slot from its entry.
    static func pass(direction: Int, slots: Int = 305) -> [[Vehicle]] {
        let h = Highway(threeCells.geometry)
        var v = Vehicle(
            id: 7, position: Point(x: h.entryX(direction: direction) + Double(direction) * 0.3, y: h.laneY(direction: direction)),
            velocity: 30 * Double(direction))
        var out: [[Vehicle]] = []
        for _ in 0..<slots {
            guard h.contains(x: v.position.x) else { break }
            out.append([v])
            v = v.advanced(by: 0.02)
        }
        return out
    }

    /// Hand-built pass with distance-mf: the vehicle in the +x lane (y = +2.5) is nearest to the
    /// +y RSU of each pair, so it is served by RSUs 0, 2, 4 in turn (the −x lane: 5, 3, 1) and
    /// exactly two hand-overs are counted, each when the serving RSU changes, at the cell edges.
    @Test(arguments: [1, -1])
    func handOversOfASingleVehiclePass(direction: Int) throws {
        let parameters = ScenarioParameters(Self.threeCells)
        var twin = PolicyTwin(
            policy: DistanceMatchedFilterPolicy(), parameters: parameters, options: Self.deterministic,
            decisionOptions: .standard, seed: 1)
        var sequence: [Int] = []
        var handovers = 0
        for (n, vehicles) in Self.pass(direction: direction).enumerated() {
            let r = try twin.step(slot: n, vehicles: vehicles, time: Double(n + 1) * 0.02)
            handovers += r.handovers
            if r.handovers > 0 {
                // The change happens within a slot's travel (0.6 m, plus the prediction's error) of an edge.
                let x = vehicles[0].position.x
                #expect(min(abs(x + 30), abs(x - 30)) < 1.5, "hand-over at x = \(x)")
            }
            if let rsu = twin.servingRSUs[7], sequence.last != rsu { sequence.append(rsu) }
        }
        #expect(sequence == (direction > 0 ? [0, 2, 4] : [5, 3, 1]))
        #expect(handovers == 2)
        #expect(twin.cellChanges == 2)
    }

    /// A handed-over track is consistent: over 200 seeded passes (measurement noise only), the
    /// mean NEES of the first hand-over's nearest new link, at its acquisition slot and five slots
    /// later, lies in the two-sided 99 % interval of χ²₆₀₀/200 ([2.58, 3.45], Wilson-Hilferty).
    /// The same links acquired cold start from the 0.1 m prior: their RCRB right after the
    /// hand-over is orders of magnitude larger (what the twin's prediction buys, C6).
    @Test func handedOverTracksAreConsistent() throws {
        let parameters = ScenarioParameters(Self.threeCells)
        let world = Self.pass(direction: 1)
        let runs = 200
        var nees0: [Double] = [], nees5: [Double] = [], rcrb: [Double] = []
        var coldRCRB: [Double] = []
        for (mode, seedOffset) in [(HandOverAcquisition.prediction, 0), (.cold, 0)] {
            for run in 0..<(mode == .prediction ? runs : 20) {
                var options = Self.deterministic
                options.handOver = mode
                var twin = PolicyTwin(
                    policy: DistanceMatchedFilterPolicy(), parameters: parameters, options: options,
                    decisionOptions: .standard, seed: UInt64(100 + run + seedOffset))
                var handedAt: Int? = nil
                for (n, vehicles) in world.enumerated() {
                    _ = try twin.step(slot: n, vehicles: vehicles, time: Double(n + 1) * 0.02)
                    if handedAt == nil && twin.cellChanges == 1 { handedAt = n }
                    guard let h = handedAt, n == h || n == h + 5 else { continue }
                    let key = LinkKey(rsu: 2, vehicle: 7)  // the +y RSU of the second cell
                    let track = try #require(twin.tracks.track(key))
                    let truth = Vector3(LinkGeometry(rsu: parameters.highway.rsus[2], vehicle: vehicles[0]))
                    if mode == .cold {
                        if n == h { coldRCRB.append(track.posterior.distanceStd) }
                        continue
                    }
                    let e = try #require(track.posterior.nees(truth: truth))
                    if n == h {
                        nees0.append(e)
                        rcrb.append(track.posterior.distanceStd)
                    } else {
                        nees5.append(e)
                    }
                }
                if mode == .prediction { #expect(handedAt != nil) }
            }
        }
        func chiSquareQuantile(_ z: Double, _ k: Double) -> Double {
            let a = 2 / (9 * k)
            return k * pow(1 - a + z * a.squareRoot(), 3)
        }
        let k = 3.0 * Double(runs)
        let lo = chiSquareQuantile(-2.5758, k) / Double(runs), hi = chiSquareQuantile(2.5758, k) / Double(runs)
        #expect(nees0.count == runs && nees5.count == runs)
        let m0 = Statistics.mean(nees0), m5 = Statistics.mean(nees5)
        #expect(m0 > lo && m0 < hi, "mean NEES at hand-over \(m0) outside [\(lo), \(hi)]")
        #expect(m5 > lo && m5 < hi, "mean NEES five slots later \(m5) outside [\(lo), \(hi)]")
        #expect(rcrb.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(Statistics.mean(rcrb) * 100 < Statistics.mean(coldRCRB), "\(Statistics.mean(rcrb)) vs cold \(Statistics.mean(coldRCRB))")
    }
}
