import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking
import Testing

@testable import DigitalTwin

/// Issue 13's property test: every field of the configuration, mutated with seeded hostile values
/// (the overflow edges, wrong types, null, huge and fractional integers, scaled originals), either
/// is rejected with a ``ConfigError`` naming that field (or a field whose valid range depends on
/// it), or gives a configuration whose twin produces finite numbers only.
@Suite struct ConfigFuzzTests {
    /// Fields whose valid range is stated in terms of another field (the error names the dependent).
    static func dependents(of path: String) -> Set<String> {
        let rsuY = (0..<8).map { "geometry.rsus[\($0)].y" }
        switch path {
        case "geometry.roadStartX": return ["geometry.roadEndX", "traffic.meanSpeed", "traffic.arrivalRatePerDirection"]
        case "geometry.roadEndX": return ["traffic.meanSpeed", "traffic.arrivalRatePerDirection"]
        case "geometry.roadCenterY": return Set(rsuY)
        case "geometry.roadWidthMeters": return Set(rsuY + ["geometry.laneOffsetMeters"])
        case "traffic.meanSpeed": return ["traffic.minimumSpeed", "traffic.arrivalRatePerDirection"]
        case "radio.slotSeconds": return ["traffic.meanSpeed"]
        case "radio.fadingCoefficient.re", "radio.fadingCoefficient.im": return ["radio.fadingCoefficient"]
        default: return []
        }
    }

    /// Every leaf of the preset's JSON with its value: `radio.slotSeconds`, `geometry.rsus[1].x`, ….
    static func leaves(_ v: StrictJSON, path: String = "") -> [(String, StrictJSON)] {
        switch v {
        case .object(let members):
            return members.flatMap { leaves($0.value, path: path.isEmpty ? $0.key : "\(path).\($0.key)") }
        case .array(let items):
            return items.enumerated().flatMap { leaves($0.element, path: "\(path)[\($0.offset)]") }
        default: return [(path, v)]
        }
    }

    /// The preset's JSON with the leaf at `path` replaced by `value` (arrays are rewritten whole).
    static func replacing(_ v: StrictJSON, path: [String], with value: StrictJSON) -> StrictJSON {
        guard let head = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch v {
        case .object(let members):
            return .object(members.map { $0.key == head ? ($0.key, replacing($0.value, path: rest, with: value)) : $0 })
        case .array(let items):
            let i = Int(head)!
            return .array(items.enumerated().map { $0.offset == i ? replacing($0.element, path: rest, with: value) : $0.element })
        default: return v
        }
    }

    static func components(_ path: String) -> [String] {
        path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "").split(separator: ".").map(String.init)
    }

    static func hostileValues(for original: StrictJSON, using rng: inout Xoshiro256StarStar) -> [StrictJSON] {
        var values: [StrictJSON] = [
            .null, .bool(true), .string("x"), .array([]), .object([]), .number("0"), .number("-1"), .number("1e308"),
            .number("-1e308"), .number("1e29"), .number("1.23e29"), .number("1e-300"), .number("1e400"), .number("2"),
            .number("1024"), .number("1025"), .number("32.5"), .number("123456789012345678901234567890"),
        ]
        if case .number(let text) = original, let x = Double(text) {
            // Scaled and negated originals: plausible values near and far from the default.
            for _ in 0..<6 {
                let scale = pow(10, Double(rng.nextInt(below: 25) - 12)) * (rng.nextInt(below: 4) == 0 ? -1 : 1)
                values.append(.number("\(x == 0 ? scale : x * scale)"))
            }
        }
        if case .string = original { values += [.string("perBeam"), .string("perRSU"), .string("literal"), .string("sharedSNR"), .string("paper"), .string("")] }
        return values
    }

    @Test func everyFieldMutatedIsNamedOrFinite() throws {
        let base = try StrictJSON.parse(try JSONEncoder().encode(ScenarioConfig.paper))
        // Sorted by path: the encoder's key order varies between processes, the draws must not.
        let fields = Self.leaves(base).sorted { $0.0 < $1.0 }
        var rng = Xoshiro256StarStar(seed: 13)
        var rejected = 0, accepted = 0
        // Every field, four seeded hostile values each.
        for (path, original) in fields {
            let pool = Self.hostileValues(for: original, using: &rng)
            for _ in 0..<4 {
                let value = pool[rng.nextInt(below: pool.count)]
                let document = Self.replacing(base, path: Self.components(path), with: value)
                do {
                    let config = try ScenarioConfig.load(json: Data(document.text.utf8))
                    try Self.expectFiniteTwin(config, context: "\(path) = \(value.text)")
                    accepted += 1
                } catch let e as ConfigError {
                    let named = e.field == path || Self.dependents(of: path).contains(e.field)
                    #expect(named, "\(path) = \(value.text) → \(e)")
                    #expect(e.description.contains(e.field) && !e.validRange.isEmpty)
                    rejected += 1
                }
            }
        }
        // The property is only meaningful if both outcomes occur often.
        #expect(rejected > 40 && accepted > 20, "rejected \(rejected), accepted \(accepted)")
    }

    /// A few slots of the closed loop (distance-mf; the heuristic too when N ≤ 64) and of tracking
    /// on Poisson traffic: every number written to a CSV or summary must be finite.
    static func expectFiniteTwin(_ config: ScenarioConfig, context: String) throws {
        let parameters = ScenarioParameters(config)
        var policies: [any DecisionPolicy] = [DistanceMatchedFilterPolicy()]
        if config.antennas.transmit <= 64 && config.antennas.receive <= 64 { policies.append(HeuristicPolicy()) }
        let sim = ClosedLoopSimulation(
            parameters: parameters, policies: policies, options: TwinOptions(measureLatency: false), seed: 1)
        var summaries = policies.map { _ in PolicySummary.Accumulator(slots: 6, warmupSlots: 1) }
        _ = try sim.stream(slots: 6) { block in
            for (p, records) in block.enumerated() {
                for r in records {
                    let numbers = [r.sumRate, r.gainVsDistanceMF, r.predictedNextSumRate, r.meanRCRBDistance ?? 0]
                    #expect(numbers.allSatisfy { $0.isFinite }, "\(context): \(r)")
                    summaries[p].add(r)
                }
            }
        }
        for s in summaries { _ = try JSONEncoder().encode(s.summary) }  // throws on NaN or infinity
        // A static drop of three vehicles (the sweeps) and six slots of a single pass (tracking).
        var rng = Xoshiro256StarStar(seed: 2)
        let drop = StaticDrop.vehicles(count: 3, parameters: parameters, using: &rng)
        for policy in policies {
            let decision = try policy.decide(DecisionProblem(parameters: parameters, vehicles: drop))
            #expect(decision.sumRate.isFinite, "\(context): \(policy.name) sum rate \(decision.sumRate)")
        }
        var slots = 0
        TrackingExperiment.singlePass(parameters: parameters, using: &rng, shouldContinue: {
            slots += 1
            return slots <= 6
        }) { r in
            let numbers = [r.rcrbDistanceMeters, r.rcrbPhi, r.errorDistanceMeters, r.errorPhi]
            #expect(numbers.allSatisfy { $0.isFinite }, "\(context): \(r)")
        }
    }
}
