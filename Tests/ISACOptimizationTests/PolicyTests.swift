import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

@Suite struct PolicyTests {
    static let registry = DecisionPolicyRegistry.standard

    /// Every policy: beams in the unit ball; with sensing on every serving beam meets
    /// ‖Πf‖² ≥ Λ_eff; reported rates equal the reference evaluation; same problem → same decision.
    @Test(arguments: ["distance-fp", "greedy", "heuristic", "exhaustive"])
    func decisionsAreFeasibleConsistentAndDeterministic(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for seed in UInt64(1)...3 {
            let problem = TestProblems.drop(vehicles: 6, seed: seed, antennas: 8, sensingFraction: 0.9)
            let d = try policy.decide(problem)
            #expect(d.assignment.count == 6 && d.beams.count == 6)
            for (v, f) in d.beams.enumerated() {
                #expect(f.normSquared <= 1 + 1e-12)
                let i = d.assignment[v]
                let lambda = problem.effectiveSensingRequirements[i][v]
                #expect(lambda > 0)
                let pi = try #require(problem.sensingOperator(rsu: i, vehicle: v))
                #expect(pi.sensitivity(f) >= lambda * (1 - 1e-9), "\(name) link \(v)")
            }
            #expect(d.sensingViolations == 0)
            let reference = problem.referenceRates(assignment: d.assignment, beams: d.beams)
            for (x, y) in zip(d.rates, reference) { #expect(abs(x - y) <= 1e-10 * max(1, y)) }
            #expect(abs(d.sumRate - reference.reduce(0, +)) <= 1e-9 * d.sumRate)
            #expect(try policy.decide(problem) == d)
        }
    }

    /// Fig. 7's ordering on seeded `paper` drops: heuristic ≥ distance-fp ≥ distance-mf on average.
    @Test func heuristicBeatsDistanceFPBeatsMatchedFilter() throws {
        var sums = [String: Double]()
        for seed in UInt64(1)...8 {
            let problem = TestProblems.drop(vehicles: 10, seed: 100 + seed, antennas: 16)
            for name in ["distance-mf", "distance-fp", "heuristic"] {
                sums[name, default: 0] += try Self.registry.policy(named: name).decide(problem).sumRate
            }
        }
        #expect(sums["heuristic"]! >= sums["distance-fp"]!)
        #expect(sums["distance-fp"]! >= sums["distance-mf"]!)
    }

    /// The heuristic is within 2 % of exhaustive search for K ≤ 8 (mean over seeded drops, N = 16; at
    /// N = 8 with K = 8 vehicles it falls ~2.6 % short, see the report).
    @Test(arguments: [4, 6, 8])
    func heuristicIsCloseToExhaustive(vehicles: Int) throws {
        var heuristic = 0.0, exhaustive = 0.0
        for seed in UInt64(1)...5 {
            let problem = TestProblems.drop(vehicles: vehicles, seed: 200 + seed, antennas: 16)
            heuristic += try Self.registry.policy(named: "heuristic").decide(problem).sumRate
            exhaustive += try Self.registry.policy(named: "exhaustive").decide(problem).sumRate
        }
        #expect(heuristic >= 0.98 * exhaustive, "heuristic \(heuristic) vs exhaustive \(exhaustive)")
    }

    /// A drop built to make Algorithm 3 cycle: vehicles clustered at one spot on the centre line,
    /// equidistant from both RSUs, so every flip makes the other RSU look better. The heuristic must
    /// stop (repeat guard or flip cap) and return the best assignment visited, never worse than its
    /// start (distance-fp).
    @Test func heuristicTerminatesOnACyclingDrop() throws {
        let p = TestProblems.parameters(antennas: 8)
        let cars = (0..<10).map { v in
            Vehicle(id: v, position: Point(x: 0.05 * Double(v % 3), y: v % 2 == 0 ? 0.01 : -0.01), velocity: 30)
        }
        let problem = DecisionProblem(parameters: p, vehicles: cars)
        let trace = HeuristicPolicy().search(problem, warmStart: nil)
        #expect(trace.stop != .noImprovingFlip, "the drop should make Algorithm 3 cycle")
        #expect(trace.decision.flips <= 2 * 10)
        let start = try Self.registry.policy(named: "distance-fp").decide(problem)
        #expect(trace.decision.sumRate >= start.sumRate - 1e-12)
        // With a tiny flip cap the cap stops it.
        var capped = DecisionOptions.standard
        capped.heuristicFlipCapFactor = 0
        let none = HeuristicPolicy().search(problem.with(options: capped), warmStart: nil)
        #expect(none.decision.flips == 0 && none.stop == .flipCap)
    }

    @Test func exhaustiveRefusesLargeProblems() {
        let problem = TestProblems.drop(vehicles: 13, seed: 1, antennas: 4)
        #expect(throws: DecisionError.tooManyVehicles(policy: "exhaustive", vehicles: 13, limit: 12)) {
            try Self.registry.policy(named: "exhaustive").decide(problem)
        }
    }

    struct EveryoneToRSU1: DecisionPolicy {
        let name = "all-rsu1"
        func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
            let a = Array(repeating: 0, count: problem.vehicleCount)
            let beams = (0..<problem.vehicleCount).map { problem.matchedBeam(rsu: 0, vehicle: $0) }
            return Decision(assignment: a, beams: beams, rates: problem.referenceRates(assignment: a, beams: beams))
        }
    }

    @Test func registryLooksUpAndAcceptsNewPolicies() throws {
        #expect(Self.registry.names == ["distance-mf", "distance-fp", "greedy", "heuristic", "exhaustive"])
        #expect(throws: DecisionError.self) { try Self.registry.policy(named: "lstm") }
        let extended = Self.registry.registering(EveryoneToRSU1())
        let problem = TestProblems.drop(vehicles: 3, seed: 2, antennas: 4)
        #expect(try extended.policy(named: "all-rsu1").decide(problem).assignment == [0, 0, 0])
        #expect(extended.names.last == "all-rsu1")
    }

    /// distance-mf is the nearest RSU with matched beams, by construction of the problem.
    @Test func distanceMatchedFilterUsesNearestRSUAndMatchedBeams() throws {
        let problem = TestProblems.drop(vehicles: 5, seed: 3, antennas: 8)
        let d = try Self.registry.policy(named: "distance-mf").decide(problem)
        for v in 0..<5 {
            let i = problem.links[0][v].distance <= problem.links[1][v].distance ? 0 : 1
            #expect(d.assignment[v] == i)
            let a = UniformLinearArray(elementCount: 8).steering(problem.links[i][v].phi)
            #expect((d.beams[v] - a).norm <= 1e-12)
        }
    }
}
