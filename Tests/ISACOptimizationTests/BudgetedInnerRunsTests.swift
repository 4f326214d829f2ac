import Foundation
import ISACMath
import Testing

@testable import ISACOptimization

/// Decision O18: under a time budget the inner FP runs of the heuristic and greedy are capped at
/// `timeBudgetInnerFPIterations`; without one, and under work budgets, at `innerFPIterations`.
@Suite struct BudgetedInnerRunsTests {
    /// A time budget too large to bind gives exactly the unbudgeted decision of the options whose
    /// `innerFPIterations` is the time-budget cap (same arithmetic, bit for bit); with the unlimited
    /// budget or a work budget the time-budget cap plays no part.
    @Test(arguments: ["greedy", "heuristic"])
    func finiteBudgetUsesTheBudgetedCap(name: String) throws {
        let policy = try DecisionPolicyRegistry.standard.policy(named: name)
        for seed in UInt64(1)...2 {
            var options = DecisionOptions.standard
            options.timeBudgetInnerFPIterations = 1
            let problem = TestProblems.drop(vehicles: 7, seed: 70 + seed, antennas: 8, sensingFraction: 0.9, options: options)
            var capped = options
            capped.innerFPIterations = 1
            capped.timeBudgetInnerFPIterations = nil
            let reference = TestProblems.drop(vehicles: 7, seed: 70 + seed, antennas: 8, sensingFraction: 0.9, options: capped)
            let start = DecisionStart.nearest(problem)
            let roomy = DecisionBudget(cpuSeconds: 1e6)
            let budgeted = try policy.decide(problem, from: start, budget: roomy)
            let expected = try policy.decide(reference, from: start, budget: .unlimited)
            #expect(budgeted.assignment == expected.assignment)
            #expect(budgeted.beams == expected.beams)
            #expect(budgeted.fpIterations == expected.fpIterations)
            // Unlimited or a work budget: the time-budget cap is not used.
            var other = options
            other.timeBudgetInnerFPIterations = 3
            let plain = TestProblems.drop(vehicles: 7, seed: 70 + seed, antennas: 8, sensingFraction: 0.9, options: other)
            let unlimited = try policy.decide(problem, from: start, budget: .unlimited)
            #expect(try policy.decide(plain, from: start, budget: .unlimited) == unlimited)
            #expect(try policy.decide(plain, from: start, budget: DecisionBudget(fpIterations: 1_000_000)) == unlimited)
        }
    }

    /// The option is validated like the other iteration limits, and a value absent from a file
    /// (written before O18) decodes to nil, i.e. the old behaviour.
    @Test func validatedAndOptionalInFiles() throws {
        var o = DecisionOptions.standard
        o.timeBudgetInnerFPIterations = 0
        #expect(throws: (any Error).self) { try o.validate() }
        o.timeBudgetInnerFPIterations = nil
        try o.validate()
        #expect(o.innerIterations(timeBudget: true) == o.innerFPIterations)
        let data = try JSONEncoder().encode(DecisionOptions.standard)
        var dictionary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        dictionary.removeValue(forKey: "timeBudgetInnerFPIterations")
        let old = try JSONDecoder().decode(DecisionOptions.self, from: JSONSerialization.data(withJSONObject: dictionary))
        #expect(old.timeBudgetInnerFPIterations == nil)
        #expect(old.innerIterations(timeBudget: true) == DecisionOptions.standard.innerFPIterations)
    }
}
