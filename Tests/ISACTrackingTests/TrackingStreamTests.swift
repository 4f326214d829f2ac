import ISACMath
import ISACPhysics
import Testing

@testable import ISACTracking

/// Issue 13, cases 4 and 7: tracking streams its records (and stops when asked), and an empty
/// steady state gives absent statistics instead of NaN.
@Suite struct TrackingStreamTests {
    @Test func streamedRecordsEqualTheCollectedOnesAndStopWhenAsked() {
        let p = Fixture.parameters(antennas: 16)
        var a = Xoshiro256StarStar(seed: 3), b = Xoshiro256StarStar(seed: 3), c = Xoshiro256StarStar(seed: 3)
        let all = TrackingExperiment.singlePass(parameters: p, using: &a)
        var streamed: [TrackingRecord] = []
        #expect(TrackingExperiment.singlePass(parameters: p, using: &b) { streamed.append($0) })
        #expect(streamed == all)
        var slots = 0
        var first: [TrackingRecord] = []
        let finished = TrackingExperiment.singlePass(parameters: p, using: &c, shouldContinue: {
            slots += 1
            return slots <= 10
        }) { first.append($0) }
        #expect(!finished && first == Array(all.prefix(first.count)) && first.count == 2 * 10)
    }

    /// The summary built record by record equals the array formulas; without steady records the
    /// steady statistics are nil (the former code printed "nan").
    @Test func summaryIsExactAndEmptyStatisticsAreAbsent() throws {
        let p = Fixture.parameters(antennas: 16)
        var rng = Xoshiro256StarStar(seed: 1)
        let records = TrackingExperiment.singlePass(parameters: p, using: &rng)
        let s = TrackingSummary(records: records, antennas: 16)
        let steady = records.filter { $0.trackAge >= TrackingSummary.steadyStateAge }
        #expect(s.links == 2 && s.steadyRecords == steady.count)
        let rcrb = try #require(s.steadyRCRBDistanceMeters)
        #expect(abs(rcrb - Statistics.mean(steady.map(\.rcrbDistanceMeters))) <= 1e-12 * rcrb)
        let young = TrackingSummary(records: records.filter { $0.trackAge < 2 }, antennas: 16)
        #expect(young.links == 2 && young.initialRCRBDistanceMeters != nil)
        #expect(young.steadyRCRBDistanceMeters == nil && young.meanNEES == nil && young.rmsErrorPhi == nil && young.steadyRecords == 0)
        #expect(TrackingSummary(records: records, antennas: 32).links == 0)
    }
}
