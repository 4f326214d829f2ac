import Foundation
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// The networks shipped in `models/` (TW11): they load, match the manifest's checksums, and
/// decide like trained networks on seeded closed-loop slots.
@Suite struct ShippedModelsTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models")

    struct Entry: Decodable { let file: String; let bytes: Int; let fnv1a64: String }
    struct Manifest: Decodable { let models: [String: [String: Entry]] }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    /// Every listed model file has the listed size and FNV-1a trailer, the trailer matches the
    /// content (decoding verifies it), and the pair is an assignment and a beamforming network for
    /// the paper's arrays (N = 32, two RSUs), at least K = 10 and K = 20.
    @Test func shippedModelsLoadAndMatchTheirChecksums() throws {
        let manifest = try Self.manifest()
        #expect(Set(["K10", "K20"]).isSubset(of: Set(manifest.models.keys)))
        for (name, pair) in manifest.models {
            var models: [String: LearnedModel] = [:]
            for task in ["assignment", "beamforming"] {
                let entry = try #require(pair[task], "\(name) lacks \(task)")
                let data = try Data(contentsOf: Self.directory.appendingPathComponent(entry.file))
                #expect(data.count == entry.bytes)
                let trailer = data.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                #expect(String(format: "%016llx", trailer) == entry.fnv1a64)
                models[task] = try LearnedModel(decoding: data, name: entry.file)
            }
            let policy = LearnedPolicy(assignmentModel: models["assignment"]!, beamformingModel: models["beamforming"]!)
            #expect(policy.trainedLayout == FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2))
            try policy.checkCompatible(with: ScenarioParameters(.paper))
        }
    }

    /// On seeded slots of a heuristic twin at λ = 5 (mean K ≈ 20), the K = 20 pair agrees with the
    /// heuristic's assignment on at least 80 % of the vehicles (an untrained network: ≈ 50 %; the
    /// nearest-RSU floor of the carried-start labels is ≈ 73-75 %, L14), returns feasible beams, and
    /// `lstm-fp` beats distance-mf's summed rate over the slots.
    @Test func shippedModelsDecideOnSeededSlots() throws {
        let manifest = try Self.manifest()
        let pair = try #require(manifest.models["K20"])
        func load(_ task: String) throws -> LearnedModel {
            try LearnedModel(decoding: Data(contentsOf: Self.directory.appendingPathComponent(pair[task]!.file)))
        }
        let lstm = LearnedPolicy(assignmentModel: try load("assignment"), beamformingModel: try load("beamforming"))
        let refined = LearnedRefinedPolicy(learned: lstm)
        let parameters = ScenarioParameters(.paper)
        var rng = Xoshiro256StarStar(seed: 2024)
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        var twin = PolicyTwin(
            policy: HeuristicPolicy(), parameters: parameters, options: TwinOptions(measureLatency: false),
            decisionOptions: .standard, seed: 2024)
        var agree = 0, vehicles = 0
        var refinedRate = 0.0, distanceRate = 0.0
        for n in 0..<400 {
            traffic.step(using: &rng)
            _ = try twin.step(slot: n, vehicles: traffic.vehicles, time: traffic.time)
            guard n >= 200, n % 20 == 0, let slot = twin.lastDecided else { continue }
            let d = try lstm.decide(slot.problem)
            #expect(d.beams.allSatisfy { $0.normSquared <= 1 + 1e-9 })
            agree += zip(d.assignment, slot.decision.assignment).filter { $0 == $1 }.count
            vehicles += d.assignment.count
            refinedRate += try refined.decide(slot.problem).sumRate
            distanceRate += try DistanceMatchedFilterPolicy().decide(slot.problem).sumRate
        }
        #expect(vehicles > 100)
        #expect(Double(agree) >= 0.8 * Double(vehicles))
        #expect(refinedRate > distanceRate)
    }
}
