import ISACMath
import Testing

@testable import DigitalTwin

/// The packing of cells onto workers and the per-cell budgets of a worker's slot (C12).
@Suite struct CellScheduleTests {
    /// Random cell weights (vehicle counts 1-40, some quiet cells of weight 0).
    static func weights(count: Int, using rng: inout Xoshiro256StarStar) -> [Double] {
        (0..<count).map { _ in rng.next() % 5 == 0 ? 0 : Double(1 + rng.next() % 40) }
    }

    /// Every cell lands on exactly one worker, no more workers than asked are used, and the
    /// heaviest worker carries at most the mean load plus the heaviest cell (the list-scheduling
    /// bound: LPT puts a cell on the least-loaded worker, whose load is at most the mean).
    @Test func groupsCoverEveryCellOnceAndBalanceTheLoad() {
        var rng = Xoshiro256StarStar(seed: 7, stream: 0)
        for trial in 0..<200 {
            let count = 1 + Int(rng.next() % 60)
            let workers = 1 + Int(rng.next() % 8)
            let w = Self.weights(count: count, using: &rng)
            let groups = CellSchedule.groups(weights: w, workers: workers)
            #expect(groups.count <= workers && groups.allSatisfy { !$0.isEmpty }, "trial \(trial)")
            #expect(groups.flatMap { $0 }.sorted() == Array(0..<count), "trial \(trial)")
            let loads = groups.map { $0.reduce(0) { $0 + w[$1] } }
            let bound = w.reduce(0, +) / Double(min(workers, count)) + (w.max() ?? 0)
            #expect(loads.max()! <= bound + 1e-9, "trial \(trial): \(loads) vs \(bound)")
            // Deterministic: the same weights give the same groups.
            #expect(CellSchedule.groups(weights: w, workers: workers) == groups)
        }
    }

    /// A worker whose cells each take exactly the budget granted spends at most the slot's budget
    /// in total; and whatever its cells take (less or more than granted), the time already spent
    /// plus the budget granted to the next cell never exceeds the slot's budget.
    @Test func perCellBudgetsSumToAtMostTheSlotBudget() {
        var rng = Xoshiro256StarStar(seed: 11, stream: 0)
        let slotBudget = 0.75 * 0.02
        for trial in 0..<300 {
            let w = Self.weights(count: 1 + Int(rng.next() % 30), using: &rng)
            var exact = WorkerBudget(total: slotBudget, weights: w)
            var granted = 0.0
            for x in w {
                let b = exact.grant(weight: x)
                #expect(b >= 0)
                granted += b
                exact.charge(b)
            }
            #expect(granted <= slotBudget * (1 + 1e-12), "trial \(trial): \(granted)")
            // With weight left at the end the whole budget is handed out.
            if w.last! > 0 { #expect(abs(granted - slotBudget) <= 1e-12 * slotBudget, "trial \(trial)") }

            var random = WorkerBudget(total: slotBudget, weights: w)
            for x in w {
                let b = random.grant(weight: x)
                #expect(min(random.spent, slotBudget) + b <= slotBudget * (1 + 1e-12), "trial \(trial)")
                // The cell takes between 0 and 1.5 times its budget (an anytime overshoot).
                random.charge(b * Double(rng.next() % 1501) / 1000)
            }
        }
    }

    /// Budgets follow the weights: two cells of weights 1 and 3 on a fresh worker get 1/4 and
    /// (after the first used its quarter) the remaining 3/4; a weightless cell gets nothing.
    @Test func budgetsAreProportionalToTheWork() {
        var worker = WorkerBudget(total: 8, weights: [1, 0, 3])
        #expect(worker.grant(weight: 1) == 2)
        worker.charge(2)
        #expect(worker.grant(weight: 0) == 0)
        #expect(worker.grant(weight: 3) == 6)
        // A cell that used only half its budget leaves the rest to the next one.
        var saver = WorkerBudget(total: 8, weights: [1, 1])
        #expect(saver.grant(weight: 1) == 4)
        saver.charge(1)
        #expect(saver.grant(weight: 1) == 7)
    }
}
