import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// A slot's cells decided on several workers (C12) and quiet cells (C13).
@Suite struct CellDecisionRoundTests {
    /// A 360 m corridor: six cells of one pair each.
    static let corridor = ScenarioParameters(ScenarioConfig.paper.with(corridor: Corridor(
        lengthMeters: 360, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60)))

    /// The same seeded closed loop with the cells solved on one thread and on four: every record
    /// of every policy is identical (==), without a budget and under a deterministic work budget.
    @Test(arguments: [DecisionBudget.unlimited, DecisionBudget(fpIterations: 8)])
    func parallelAndSerialCellSolvingAreBitIdentical(budget: DecisionBudget) throws {
        let policies: [any DecisionPolicy] = [DistanceFractionalProgrammingPolicy(), HeuristicPolicy()]
        func run(workers: Int) throws -> [[SlotRecord]] {
            var options = TwinOptions(measureLatency: false, decisionBudget: budget)
            options.cellWorkers = workers
            let sim = ClosedLoopSimulation(
                parameters: Self.corridor, policies: policies, options: options, seed: 5, startFilled: true)
            return try #require(try sim.run(world: sim.trajectory(slots: 60)))
        }
        let serial = try run(workers: 1)
        #expect(try run(workers: 4) == serial)
        #expect(serial[1].allSatisfy { $0.decidedCells >= 4 }, "too few cells to run in parallel")
        #expect(serial[1].contains { $0.flips > 0 }, "the heuristic never flipped")
    }

    /// A policy that must not be asked (a quiet cell takes its start without solving).
    struct UnaskedPolicy: DecisionPolicy {
        let name = "unasked"
        struct Asked: Error {}
        func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision { throw Asked() }
        func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
            throw Asked()
        }
    }

    /// A quiet cell whose start is unchanged (the same vehicles on the same problem) returns exactly
    /// the decision it carries — assignment, beams and rates bit for bit — without asking the
    /// policy; the same cell not quiet asks it.
    @Test func quietCellWithAnUnchangedStartReturnsItsCarriedDecision() throws {
        let parameters = ScenarioParameters(.paper)
        var rng = Xoshiro256StarStar(seed: 3, stream: 1)
        let vehicles = StaticDrop.vehicles(count: 10, parameters: parameters, using: &rng)
        let problem = DecisionProblem(parameters: parameters, vehicles: vehicles)
        let decided = try HeuristicPolicy().decide(problem, from: nil, budget: .unlimited)
        let ids = vehicles.map(\.id)
        var options = TwinOptions(measureLatency: false)
        options.cellWorkers = 1
        let round = CellDecisionRound(policy: UnaskedPolicy(), options: options, slotSeconds: parameters.slotSeconds)
        let quiet = CellTask(cell: 0, ids: ids, problem: problem, previous: (ids, decided, problem), quiet: true)
        let outcome = try #require(try round.solve([quiet]).outcomes.first)
        #expect(outcome.decision.assignment == decided.assignment)
        #expect(outcome.decision.beams == decided.beams)
        #expect(outcome.decision.rates == decided.rates)
        #expect(outcome.applied.beams == decided.beams && !outcome.fallback)
        let solved = CellTask(cell: 0, ids: ids, problem: problem, previous: (ids, decided, problem), quiet: false)
        #expect(throws: UnaskedPolicy.Asked.self) { try round.solve([solved]) }
    }

    /// In the closed loop with every unchanged cell quiet (a threshold no motion reaches), a cell
    /// is quiet exactly when it holds the vehicles of the previous slot, and then its decision is
    /// the previous slot's carried over (steered beams, rates on the new prediction).
    @Test func quietCellsInTheLoopTakeTheirCarriedStart() throws {
        var options = TwinOptions(measureLatency: false)
        options.quietCellBeamwidths = 1e6
        let sim = ClosedLoopSimulation(parameters: Self.corridor, policies: [], options: options, seed: 8, startFilled: true)
        let world = sim.trajectory(slots: 80)
        var twin = PolicyTwin(
            policy: HeuristicPolicy(), parameters: Self.corridor, options: options, decisionOptions: .standard, seed: 8)
        var before: [Int: DecidedSlot] = [:]
        var quietSeen = 0, solvedSeen = 0
        for (n, vehicles) in world.snapshots.enumerated() {
            let record = try twin.step(slot: n, vehicles: vehicles, time: Double(n + 1) * 0.02)
            var quiet = 0
            for (c, now) in twin.lastDecidedCells {
                guard let last = before[c], last.vehicleIds == now.vehicleIds else {
                    solvedSeen += 1
                    continue
                }
                quiet += 1
                let carried = DecisionStart.carried(
                    from: last.decision, ids: last.vehicleIds, to: now.vehicleIds, problem: now.problem,
                    previousProblem: last.problem
                ).decision(on: now.problem)
                #expect(now.decision.assignment == carried.assignment, "slot \(n) cell \(c)")
                #expect(now.decision.beams == carried.beams, "slot \(n) cell \(c)")
                #expect(now.decision.rates == carried.rates, "slot \(n) cell \(c)")
            }
            #expect(record.quietCells == quiet, "slot \(n)")
            quietSeen += quiet
            before = twin.lastDecidedCells
        }
        #expect(quietSeen > 50 && solvedSeen > 50, "quiet \(quietSeen), solved \(solvedSeen)")
    }

    /// Options out of range are refused, naming the field.
    @Test func badCellOptionsAreRefused() {
        var options = TwinOptions()
        options.cellWorkers = 0
        #expect(throws: TwinOptionsError(field: "cellWorkers", value: "0", valid: "1...1024")) { try options.validate() }
        options.cellWorkers = 2
        options.quietCellBeamwidths = -1
        #expect(throws: TwinOptionsError.self) { try options.validate() }
        options.quietCellBeamwidths = 0.5
        #expect(throws: Never.self) { try options.validate() }
    }
}
