import Foundation
import ISACMath
import ISACOptimization

/// The signal and interference powers of eq. (10) for one assignment and beam set, kept up to date
/// when a single vehicle changes RSU and beam (TW19): O(K·N) per move instead of a new O(K²·N)
/// evaluation, so a start can try several one-vehicle changes at the cost of a fraction of one.
///
/// Vehicle v hears beam m ≠ v when both are served by the same RSU, or always with inter-RSU
/// interference (M3); the channel of beam m to vehicle v is g_{a(m) v}.
struct IncrementalRates {
    let problem: DecisionProblem
    private(set) var assignment: [Int]
    private(set) var beams: [ComplexVector]
    /// |g_{a(v) v}ᴴ f_v|².
    private(set) var signal: [Double]
    /// Σ_{m ≠ v heard} |g_{a(m) v}ᴴ f_m|².
    private(set) var interference: [Double]

    /// - Precondition: every vehicle assigned to an RSU of `problem`, one beam of N_t elements each.
    init(problem: DecisionProblem, assignment: [Int], beams: [ComplexVector]) {
        let k = problem.vehicleCount
        precondition(assignment.count == k && beams.count == k, "one RSU and beam per vehicle")
        precondition(assignment.allSatisfy { (0..<problem.rsuCount).contains($0) }, "every vehicle assigned")
        self.problem = problem
        self.assignment = assignment
        self.beams = beams
        signal = (0..<k).map { problem.channels[assignment[$0]][$0].innerProductMagnitudeSquared(beams[$0]) }
        interference = [Double](repeating: 0, count: k)
        for v in 0..<k { interference[v] = heardInterference(v) }
    }

    /// Interference at v from every other beam it hears, from scratch (O(K·N)).
    private func heardInterference(_ v: Int) -> Double {
        let interRSU = problem.interRSUInterference
        var sum = 0.0
        for m in beams.indices where m != v && (interRSU || assignment[m] == assignment[v]) {
            sum += problem.channels[assignment[m]][v].innerProductMagnitudeSquared(beams[m])
        }
        return sum
    }

    /// log₂(1 + SINR_v) of every vehicle, bit/s/Hz.
    var rates: [Double] { signal.indices.map(rate) }

    /// Σ_v log₂(1 + SINR_v), summed in vehicle order without forming ``rates`` (one per trial).
    var sumRate: Double {
        var sum = 0.0
        for v in signal.indices { sum += rate(v) }
        return sum
    }

    private func rate(_ v: Int) -> Double { log2(1 + signal[v] / (interference[v] + problem.noisePower)) }

    /// Vehicle v to RSU j with beam f: its own terms from scratch, every other vehicle's
    /// interference corrected by what v's old beam gave it and what the new one gives.
    mutating func move(_ v: Int, to j: Int, beam f: ComplexVector) {
        precondition((0..<problem.rsuCount).contains(j) && f.count == problem.antennaCount, "a valid RSU and beam")
        let interRSU = problem.interRSUInterference
        let (i, old) = (assignment[v], beams[v])
        for m in beams.indices where m != v {
            if interRSU || assignment[m] == i { interference[m] -= problem.channels[i][m].innerProductMagnitudeSquared(old) }
            if interRSU || assignment[m] == j { interference[m] += problem.channels[j][m].innerProductMagnitudeSquared(f) }
            interference[m] = max(0, interference[m])  // round-off of the subtraction
        }
        assignment[v] = j
        beams[v] = f
        signal[v] = problem.channels[j][v].innerProductMagnitudeSquared(f)
        interference[v] = heardInterference(v)
    }
}
