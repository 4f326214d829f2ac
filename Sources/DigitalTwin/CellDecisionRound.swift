import Dispatch
import Foundation
import ISACOptimization

/// One decision cell of a slot, ready to be decided (C3).
struct CellTask: Sendable {
    let cell: Int
    /// The vehicles of the problem, in problem order.
    let ids: [Int]
    let problem: DecisionProblem
    /// The cell's previous decision, the vehicles it was made for and its problem (O12's carried
    /// start; nil: no history, or cold decisions).
    let previous: (ids: [Int], decision: Decision, problem: DecisionProblem)?
    /// The cell takes its carried start without solving (C13).
    let quiet: Bool
}

/// How one cell's decision went.
struct CellOutcome: Sendable {
    /// The policy's decision (the next slot's start, also when it came too late to be applied).
    var decision: Decision
    /// What the cell applies: the decision, or the fallback when it was late (O12).
    var applied: Decision
    /// Thread CPU time of the decision (0 when latency is not measured), s.
    var latency: Double
    var fallback: Bool
}

/// A slot's decisions over every cell with vehicles: the cells are packed onto the twin's workers
/// by their work (``CellSchedule``), each worker solves its cells one after the other on its own
/// thread (C12), under per-cell budgets when the deadline is enforced (C13). Without a time budget
/// the decisions do not depend on the number of workers (each cell is an independent problem).
struct CellDecisionRound {
    let policy: any DecisionPolicy
    let options: TwinOptions
    let slotSeconds: Double

    struct Result {
        /// Per task, in task order.
        var outcomes: [CellOutcome]
        /// Σ of the cells' decision latencies over every worker (thread CPU), s.
        var decisionCPU: Double
        /// Σ over the workers of their whole loop's thread CPU (starts, decisions, fallbacks), s.
        var workerCPU: Double
        /// The slot's decision latency on the deployment's cores: the largest Σ of one worker's
        /// latencies (``DeadlineScope/corridor``) or the largest cell's (``DeadlineScope/cell``), s.
        var criticalPath: Double
        /// Wall-clock time of the round on this machine, s (0 when latency is not measured).
        var wall: Double
    }

    func solve(_ tasks: [CellTask]) throws -> Result {
        let measure = options.measureLatency
        let wallStart = measure ? DispatchTime.now().uptimeNanoseconds : 0
        let weights = tasks.map { CellSchedule.weight(vehicles: $0.ids.count, quiet: $0.quiet) }
        let groups = CellSchedule.groups(weights: weights, workers: options.resolvedCellWorkers)
        let box = OutcomeBox(count: tasks.count, groups: groups.count)
        let work: @Sendable (Int) -> Void = { g in
            do {
                try solveGroup(groups[g], index: g, tasks: tasks, weights: weights, into: box)
            } catch {
                box.fail(error)
            }
        }
        if groups.count == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: groups.count, execute: work)
        }
        if let error = box.error { throw error }
        let outcomes = box.outcomes
        let scope = options.deadlineScope ?? .corridor
        let criticalPath = scope == .cell ? outcomes.map(\.latency).max() ?? 0 : box.spent.max() ?? 0
        return Result(
            outcomes: outcomes, decisionCPU: outcomes.reduce(0) { $0 + $1.latency },
            workerCPU: box.workerCPU.reduce(0, +), criticalPath: criticalPath,
            wall: measure ? Double(DispatchTime.now().uptimeNanoseconds - wallStart) * 1e-9 : 0)
    }

    /// One worker: its cells in order, each with its share of what is left of the worker's slot.
    private func solveGroup(
        _ group: [Int], index g: Int, tasks: [CellTask], weights: [Double], into box: OutcomeBox
    ) throws {
        let measure = options.measureLatency
        let loopClock = measure ? ThreadCPUClock.now() : 0
        let scope = options.deadlineScope ?? .corridor
        var worker = WorkerBudget(total: options.deadlineBudgetFraction * slotSeconds, weights: group.map { weights[$0] })
        for t in group {
            let task = tasks[t]
            let start = options.warmStart
                ? task.previous.map {
                    DecisionStart.carried(
                        from: $0.decision, ids: $0.ids, to: task.ids, problem: task.problem, previousProblem: $0.problem)
                }
                : nil
            // A twin per cell: the slot's budget (O12); a central twin: the cell's share of what
            // is left of its worker's (C12).
            var budget = options.budget(slotSeconds: slotSeconds)
            let share = worker.grant(weight: weights[t])
            if options.enforceDeadline && scope == .corridor {
                budget = budget.tightened(by: DecisionBudget(cpuSeconds: share))
            }
            let clock = measure ? ThreadCPUClock.now() : 0
            let decision: Decision
            if task.quiet, let start {
                decision = start.decision(on: task.problem)
            } else {
                decision = try policy.decide(task.problem, from: start, budget: budget)
            }
            let latency = measure ? ThreadCPUClock.now() - clock : 0
            worker.charge(latency)
            var outcome = CellOutcome(decision: decision, applied: decision, latency: latency, fallback: false)
            if options.enforceDeadline && (scope == .cell ? latency : worker.spent) > slotSeconds {
                // Too late: the fallback, matched beams at the predicted positions under the
                // previous assignment (newcomers nearest), never last slot's beams (O12).
                outcome.applied = (start ?? DecisionStart.nearest(task.problem)).fallback(on: task.problem)
                outcome.fallback = true
            }
            box.set(t, outcome)
        }
        box.finish(group: g, spent: worker.spent, cpu: measure ? ThreadCPUClock.now() - loopClock : 0)
    }
}

/// Collects the workers' outcomes (each worker writes its own tasks' slots).
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CellOutcome?]
    private(set) var spent: [Double]
    private(set) var workerCPU: [Double]
    private var firstError: (any Error)?

    init(count: Int, groups: Int) {
        results = Array(repeating: nil, count: count)
        spent = Array(repeating: 0, count: groups)
        workerCPU = spent
    }

    func set(_ t: Int, _ outcome: CellOutcome) {
        lock.lock()
        results[t] = outcome
        lock.unlock()
    }

    func finish(group g: Int, spent s: Double, cpu: Double) {
        lock.lock()
        spent[g] = s
        workerCPU[g] = cpu
        lock.unlock()
    }

    func fail(_ error: any Error) {
        lock.lock()
        if firstError == nil { firstError = error }
        lock.unlock()
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return firstError
    }

    /// Every outcome (call after the workers are done and no error was raised).
    var outcomes: [CellOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}
