import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// Anytime decisions (issue 10, O12): budgets, starts, the fallback. Work budgets only (no timing).
@Suite struct AnytimeDecisionTests {
    static let registry = DecisionPolicyRegistry.standard
    static let anytime = ["distance-fp", "greedy", "heuristic", "exhaustive"]

    /// A start away from the nearest assignment: every third vehicle on the other RSU, every other
    /// beam a random point of the unit ball, the rest matched (nil).
    static func start(for problem: DecisionProblem, seed: UInt64, keepNearest: Bool = false) -> DecisionStart {
        var rng = Xoshiro256StarStar(seed: seed, stream: 7)
        let nearest = problem.nearestAssignment
        let assignment = nearest.indices.map { v in keepNearest || v % 3 != 0 ? nearest[v] : 1 - nearest[v] }
        let beams: [ComplexVector?] = nearest.indices.map { v in
            v % 2 == 0 ? TestProblems.randomBallPoint(problem.antennaCount, using: &rng) : nil
        }
        return DecisionStart(assignment: assignment, beams: beams)
    }

    static func problems(vehicles: Int = 6, sensing: Double = 0.9) -> [DecisionProblem] {
        (UInt64(1)...3).map { TestProblems.drop(vehicles: vehicles, seed: 40 + $0, antennas: 8, sensingFraction: sensing) }
    }

    /// A zero budget (work or time) returns the start as it is: its assignment, its beams (matched
    /// where it has none), the rates of its own evaluation.
    @Test(arguments: anytime)
    func zeroBudgetReturnsTheStart(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for (d, problem) in Self.problems().enumerated() {
            // distance-fp keeps the nearest assignment (M14), so its start does too.
            let start = Self.start(for: problem, seed: UInt64(d), keepNearest: name == "distance-fp")
            let expected = start.decision(on: problem)
            for budget in [DecisionBudget(fpIterations: 0), DecisionBudget(cpuSeconds: 0)] {
                let decision = try policy.decide(problem, from: start, budget: budget)
                #expect(decision.assignment == start.assignment)
                for v in 0..<problem.vehicleCount {
                    let f = start.beams[v] ?? problem.matchedBeam(rsu: start.assignment[v], vehicle: v)
                    #expect(decision.beams[v] == f, "\(name) vehicle \(v)")
                }
                #expect(decision.sumRate == expected.sumRate)
                #expect(decision.fpIterations == 0)
                #expect(decision.outcome == .budgetExhausted)
            }
        }
    }

    /// Cold greedy cannot finish its placement in a budget that small, so it returns its start:
    /// nearest RSU and matched beams, distance-mf's decision.
    @Test func coldGreedyOutOfBudgetReturnsTheNearestMatchedStart() throws {
        for problem in Self.problems(vehicles: 8) {
            let mf = try Self.registry.policy(named: "distance-mf").decide(problem)
            let greedy = try GreedyPolicy().decide(problem, from: nil, budget: DecisionBudget(fpIterations: 3))
            #expect(greedy.assignment == mf.assignment && greedy.beams == mf.beams && greedy.sumRate == mf.sumRate)
            #expect(greedy.outcome == .budgetExhausted)
        }
    }

    /// With no start and the unlimited budget every policy computes today's decision, bit for bit
    /// (`Decision` compares every beam entry, rate, count and outcome exactly); a work budget that
    /// is never reached changes nothing either (greedy may only swap in its start when that is
    /// better, which these drops do not need).
    @Test(arguments: anytime + ["distance-mf"])
    func unlimitedBudgetWithoutStartIsTodaysDecision(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for problem in Self.problems() {
            let today = try policy.decide(problem)
            #expect(try policy.decide(problem, from: nil, budget: .unlimited) == today)
            let ample = try policy.decide(problem, from: nil, budget: DecisionBudget(fpIterations: 1_000_000))
            #expect(ample == today)
        }
    }

    /// From the same start, the unlimited budget equals a work budget that is never reached, bit for
    /// bit (the budget machinery changes no arithmetic); for distance-fp a start on the nearest
    /// assignment with a previous decision's beams is exactly the old `decide(_:warmStart:)`.
    @Test(arguments: anytime)
    func unlimitedBudgetFromAStartEqualsTheUnbudgetedDecision(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for (d, problem) in Self.problems().enumerated() {
            let start = Self.start(for: problem, seed: UInt64(d), keepNearest: name == "distance-fp")
            let unlimited = try policy.decide(problem, from: start, budget: .unlimited)
            #expect(try policy.decide(problem, from: start, budget: DecisionBudget(fpIterations: 1_000_000)) == unlimited)
            guard name == "distance-fp" else { continue }
            // A previous decision on the nearest assignment (distance-fp's after two iterations).
            let other = problem.with(options: { var o = problem.options; o.fpMaxIterations = 2; return o }())
            let warm = try policy.decide(other)
            let carried = DecisionStart(assignment: problem.nearestAssignment, beams: warm.beams.map { $0 })
            #expect(try policy.decide(problem, from: carried, budget: .unlimited) == policy.decide(problem, warmStart: warm))
        }
    }

    /// Work-budget mode: a larger budget never returns a lower sum rate (every policy's result is the
    /// best state of a trajectory that a budget only truncates), cold and from a start.
    @Test(arguments: anytime)
    func largerWorkBudgetNeverLowersTheSumRate(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for (d, problem) in Self.problems(vehicles: 5).enumerated() {
            let starts: [DecisionStart?] = [nil, Self.start(for: problem, seed: UInt64(d), keepNearest: name == "distance-fp")]
            for start in starts {
                var last = -Double.infinity
                for b in 0...40 {
                    let s = try policy.decide(problem, from: start, budget: DecisionBudget(fpIterations: b)).sumRate
                    #expect(s >= last, "\(name) budget \(b): \(s) < \(last)")
                    last = s
                }
                let unlimited = try policy.decide(problem, from: start, budget: .unlimited).sumRate
                #expect(unlimited >= last - 1e-12 * unlimited)
            }
        }
    }

    /// The warm-started heuristic (and greedy) never return less than their start, whatever the
    /// start (random assignments and beams, sensing on), under any budget.
    @Test(arguments: ["heuristic", "greedy"])
    func warmStartedPolicyNeverReturnsLessThanItsStart(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for seed in UInt64(1)...6 {
            let problem = TestProblems.drop(vehicles: 10, seed: 300 + seed, antennas: 8, sensingFraction: 0.8)
            let start = Self.start(for: problem, seed: seed)
            let floor = start.decision(on: problem).sumRate
            for budget in [DecisionBudget(fpIterations: 1), DecisionBudget(fpIterations: 7), .unlimited] {
                let d = try policy.decide(problem, from: start, budget: budget)
                #expect(d.sumRate >= floor, "\(name) seed \(seed) budget \(budget)")
            }
        }
    }

    /// Work budgets are deterministic: the same problem, start and budget give the same decision.
    @Test(arguments: anytime)
    func workBudgetsAreDeterministic(name: String) throws {
        let policy = try Self.registry.policy(named: name)
        for (d, problem) in Self.problems().enumerated() {
            let start = Self.start(for: problem, seed: UInt64(d), keepNearest: name == "distance-fp")
            for b in [3, 11] {
                let budget = DecisionBudget(fpIterations: b)
                let first = try policy.decide(problem, from: start, budget: budget)
                #expect(first.fpIterations <= b)
                #expect(try policy.decide(problem, from: start, budget: budget) == first)
            }
        }
    }

    /// Carrying a decision over by vehicle id: vehicles that left are dropped, a newcomer gets its
    /// nearest RSU and no beam, a vehicle that stays keeps its own RSU and beam (never another
    /// vehicle's) — steered by its change of direction cosine when the previous problem is given:
    /// f_n·e^{−jπnΔ} = f_n·√N·a_n(φ̂)·conj(√N·a_n(φ̂_prev)) by eq. (4).
    @Test func carriedStartFollowsVehicleIds() throws {
        let p = TestProblems.parameters(antennas: 8)
        let cars = [
            Vehicle(id: 10, position: Point(x: -12, y: 1.5), velocity: 30),
            Vehicle(id: 11, position: Point(x: -3, y: -1.5), velocity: -30),
            Vehicle(id: 12, position: Point(x: 4, y: 1.5), velocity: 30),
            Vehicle(id: 13, position: Point(x: 9, y: -1.5), velocity: -30),
        ]
        let before = DecisionProblem(parameters: p, vehicles: cars)
        let previous = try Self.registry.policy(named: "heuristic").decide(before)
        // 10 leaves, 12 and 13 move on, 14 arrives; the new problem lists them in another order.
        let moved = [
            Vehicle(id: 14, position: Point(x: -29, y: 1.5), velocity: 30),
            cars[3].advanced(by: 0.02), cars[2].advanced(by: 0.02), cars[1].advanced(by: 0.02),
        ]
        let ids = [14, 13, 12, 11]
        let after = DecisionProblem(parameters: p, vehicles: moved)
        let plain = DecisionStart.carried(from: previous, ids: [10, 11, 12, 13], to: ids, problem: after)
        #expect(plain.assignment[0] == after.nearestAssignment[0] && plain.beams[0] == nil)
        for (v, p) in [(1, 3), (2, 2), (3, 1)] {
            #expect(plain.assignment[v] == previous.assignment[p])
            #expect(plain.beams[v] == previous.beams[p])
        }
        let steered = DecisionStart.carried(
            from: previous, ids: [10, 11, 12, 13], to: ids, problem: after, previousProblem: before)
        let array = UniformLinearArray(elementCount: 8)
        for (v, p) in [(1, 3), (2, 2), (3, 1)] {
            let i = previous.assignment[p]
            #expect(steered.assignment[v] == i)
            let aNew = array.steering(after.links[i][v].phi), aOld = array.steering(before.links[i][p].phi)
            let f = try #require(steered.beams[v])
            for n in 0..<8 {
                let expected = previous.beams[p][n] * aNew[n] * aOld[n].conjugate * 8
                #expect((f[n] - expected).length <= 1e-12)
            }
            // Steering keeps the sensitivity ‖Π(φ̂)f‖² of the vehicle's own link.
            let piNew = SensingOperator(phi: after.links[i][v].phi, transmit: array, receive: array)
            let piOld = SensingOperator(phi: before.links[i][p].phi, transmit: array, receive: array)
            #expect(abs(piNew.sensitivity(f) - piOld.sensitivity(previous.beams[p])) <= 1e-10 * piOld.maxEigenvalue)
            #expect(steered.weights?[v] != nil)
        }
        #expect(steered.weights?[0] == nil)
        // The carried start decides without a stale index.
        let d = try Self.registry.policy(named: "heuristic").decide(after, from: steered, budget: .unlimited)
        #expect(d.assignment.count == 4 && d.beams.count == 4)
        #expect(d.sumRate >= steered.decision(on: after).sumRate)
    }

    /// The fallback: the start's assignment with matched beams a(φ̂) at the problem's (predicted)
    /// geometry, computed here from eq. (4) directly.
    @Test func fallbackBeamsPointAtThePredictedPositions() throws {
        let problem = TestProblems.drop(vehicles: 7, seed: 12, antennas: 8)
        let start = Self.start(for: problem, seed: 3)
        let fallback = start.fallback(on: problem)
        #expect(fallback.assignment == start.assignment)
        #expect(fallback.outcome == .budgetExhausted)
        let array = UniformLinearArray(elementCount: 8)
        for v in 0..<7 {
            let a = array.steering(problem.links[start.assignment[v]][v].phi)
            #expect((fallback.beams[v] - a).norm <= 1e-12)
        }
        let reference = problem.referenceRates(assignment: fallback.assignment, beams: fallback.beams)
        #expect(abs(fallback.sumRate - reference.reduce(0, +)) <= 1e-10 * fallback.sumRate)
    }

    /// A start that does not fit the problem is bad input, not a crash.
    @Test func mismatchedStartIsRejected() {
        let problem = TestProblems.drop(vehicles: 4, seed: 1, antennas: 8)
        let wrongCount = DecisionStart(assignment: [0, 1], beams: [nil, nil])
        let wrongRSU = DecisionStart(assignment: [0, 1, 2, 0], beams: [nil, nil, nil, nil])
        for name in Self.anytime {
            #expect(throws: DecisionError.self) {
                try Self.registry.policy(named: name).decide(problem, from: wrongCount, budget: .unlimited)
            }
            #expect(throws: DecisionError.self) {
                try Self.registry.policy(named: name).decide(problem, from: wrongRSU, budget: .unlimited)
            }
        }
    }

    @Test func budgetValidationNamesTheField() {
        #expect(throws: DecisionBudgetError(field: "fpIterations", value: "-1", valid: "0 or more")) {
            try DecisionBudget(fpIterations: -1).validate()
        }
        #expect(throws: DecisionBudgetError.self) { try DecisionBudget(cpuSeconds: .nan).validate() }
        #expect(DecisionBudget(fpIterations: 5).tightened(by: DecisionBudget(cpuSeconds: 0.01))
            == DecisionBudget(fpIterations: 5, cpuSeconds: 0.01))
    }
}
