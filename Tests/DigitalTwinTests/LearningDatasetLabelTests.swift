import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// Which decision a dataset's label is (L14, L15): the heuristic's, from the start its twin had.
@Suite struct LearningDatasetLabelTests {
    let parameters = ScenarioParameters(.paper)

    /// Cold labels are the heuristic decided from scratch on the recorded problem; warm labels
    /// (the default) the heuristic from the previous slot's decision carried over (O12).
    @Test func coldAndCarriedLabelsAreTheHeuristicFromTheirStart() throws {
        for warm in [false, true] {
            let generator = LearningDatasetGenerator(
                parameters: parameters, targetVehicles: 10, stride: 5, seed: 4, chunkSize: 3, warmStart: warm)
            var checked = 0
            try generator.forEachRecordedSlot(chunk: 0, withPrevious: { slot, before in
                let start = warm
                    ? before.map {
                        DecisionStart.carried(
                            from: $0.decision, ids: $0.vehicleIds, to: slot.vehicleIds, problem: slot.problem,
                            previousProblem: $0.problem)
                    } : nil
                #expect(warm == (start != nil))
                let again = try HeuristicPolicy().decide(slot.problem, from: start, budget: .unlimited)
                #expect(again == slot.decision)
                checked += 1
            })
            #expect(checked == 3)
        }
    }

    /// With the heuristic as an explicit rollout policy, the relabelled samples equal the
    /// heuristic twin's own (the label is the heuristic from the rollout twin's start); with another
    /// rollout (distance-mf) the features change but the labels are still the heuristic's from that
    /// twin's start, which here differs from distance-mf's own decision.
    @Test func rolloutLabelsAreTheHeuristicFromTheRolloutTwinsStart() throws {
        let plain = LearningDatasetGenerator(parameters: parameters, targetVehicles: 10, stride: 5, seed: 6, chunkSize: 3)
        let heuristic = LearningDatasetGenerator(
            parameters: parameters, targetVehicles: 10, stride: 5, seed: 6, chunkSize: 3, rollout: HeuristicPolicy())
        #expect(try plain.chunk(0) == heuristic.chunk(0))
        let mf = LearningDatasetGenerator(
            parameters: parameters, targetVehicles: 10, stride: 5, seed: 6, chunkSize: 3,
            rollout: DistanceMatchedFilterPolicy())
        var differs = false
        try mf.forEachRecordedSlot(chunk: 0, withPrevious: { slot, before in
            let label = try mf.label(slot, before: before)
            let start = before.map {
                DecisionStart.carried(
                    from: $0.decision, ids: $0.vehicleIds, to: slot.vehicleIds, problem: slot.problem,
                    previousProblem: $0.problem)
            }
            #expect(label == (try HeuristicPolicy().decide(slot.problem, from: start, budget: .unlimited)))
            if label.sumRate > slot.decision.sumRate * 1.01 { differs = true }
        })
        #expect(differs)
    }
}
