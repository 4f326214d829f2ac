import Foundation
import ISACMath

/// The state that the heuristic's surrogate search (O25) flips on: every vehicle served by the
/// matched beam a = g/‖g‖ of its RSU (distance-mf's beams, M14), so that an assignment alone fixes
/// every rate and a flip changes only sums of precomputed couplings.
///
/// With the couplings c_i(m, v) = |g_imᴴ a_iv|² of every RSU i (one K×K zgemm G_iᴴA_i per RSU, once
/// per decision) and the heard power h_i(m) = Σ_{v ∈ S_i} c_i(m, v) that vehicle m receives from RSU
/// i's beams, vehicle m served by i has SINR c_i(m, m)/(h_i(m) − c_i(m, m) + σ²) (eq. (10); with
/// inter-RSU interference every RSU's h counts), M11's what-if rate at j ≠ a(m) is
/// log₂(1 + ‖g_jm‖²/(h_j(m) + σ²)), a flip of v from i to j updates h_i and h_j in O(K), and the
/// exact change of the sum rate that the flip would cause costs O(K) too.
struct MatchedBeamSurrogate {
    let k: Int
    let rsuCount: Int
    let noise: Double
    let interRSU: Bool
    /// c_i(m, v) at index (i·K + v)·K + m; c_i(m, m) = ‖g_im‖².
    private(set) var coupling: [Double]
    /// h_i(m) at index i·K + m.
    private(set) var heard: [Double]
    /// Serving RSU of each vehicle (−1: left out, neither heard nor flipped).
    private(set) var assignment: [Int]
    /// log₂(1 + SINR_m) of the current assignment (0 when left out).
    private(set) var rates: [Double]

    init(problem: DecisionProblem, assignment: [Int]) {
        k = problem.vehicleCount
        rsuCount = problem.rsuCount
        noise = problem.noisePower
        interRSU = problem.interRSUInterference
        self.assignment = assignment
        let n = problem.antennaCount
        coupling = [Double](repeating: 0, count: rsuCount * k * k)
        heard = [Double](repeating: 0, count: rsuCount * k)
        rates = [Double](repeating: 0, count: k)
        guard k > 0 else { return }
        for i in 0..<rsuCount {
            let g = problem.channelMatrices[i]
            var matched = g
            for v in 0..<k { FPState.writeMatchedBeam(channels: g, vehicle: v, n: n, into: &matched) }
            let p = ComplexKernels.product(.conjugateTranspose, g, lda: n, .none, matched, ldb: n, m: k, n: k, k: n)
            let base = i * k * k
            for e in 0 ..< k * k { coupling[base + e] = p[2 * e] * p[2 * e] + p[2 * e + 1] * p[2 * e + 1] }
        }
        reassign(assignment)
    }

    /// Serves every vehicle by `assignment` (−1: left out), the heard powers summed afresh from the
    /// couplings (the same sums as a new surrogate, which this one's couplings spare recomputing).
    mutating func reassign(_ assignment: [Int]) {
        self.assignment = assignment
        for e in 0..<heard.count { heard[e] = 0 }
        for v in 0..<k where assignment[v] >= 0 { addHeard(v, rsu: assignment[v], sign: 1) }
        updateRates()
    }

    private mutating func updateRates() {
        for m in 0..<k {
            rates[m] = assignment[m] >= 0 ? log2(1 + signal(m, rsu: assignment[m]) / (interference(m) + noise)) : 0
        }
    }

    private mutating func addHeard(_ v: Int, rsu i: Int, sign: Double) {
        let column = (i * k + v) * k
        for m in 0..<k { heard[i * k + m] += sign * coupling[column + m] }
    }

    /// ‖g_im‖² = c_i(m, m).
    func signal(_ m: Int, rsu i: Int) -> Double { coupling[(i * k + m) * k + m] }

    /// Power m hears from the beams of RSU i (inter-RSU interference: of every RSU), its own beam excluded.
    func interference(_ m: Int) -> Double {
        let own = assignment[m] >= 0 ? signal(m, rsu: assignment[m]) : 0
        if interRSU {
            var sum = 0.0
            for i in 0..<rsuCount { sum += heard[i * k + m] }
            return max(0, sum - own)
        }
        guard assignment[m] >= 0 else { return 0 }
        return max(0, heard[assignment[m] * k + m] - own)
    }

    /// log₂(1 + SINR_m) on the matched beams (0 when left out).
    func rate(_ m: Int) -> Double { rates[m] }

    var sumRate: Double {
        var s = 0.0
        for m in 0..<k { s += rates[m] }
        return s
    }

    /// M11's what-if rate of m at RSU j ≠ a(m): the matched beam there, interfered by j's beams
    /// (with inter-RSU interference by every beam but its own).
    func whatIfRate(_ m: Int, rsu j: Int) -> Double {
        let heardThere = interRSU ? interference(m) : heard[j * k + m]
        return log2(1 + signal(m, rsu: j) / (heardThere + noise))
    }

    /// argmax over (v, j ≠ a(v)) of e = ζ_j(v) − rate(v), the rule of ``FPState/bestFlip(scratch:)``
    /// (ties to the lower vehicle, then RSU index); nil when no e > 0.
    func bestFlip() -> (vehicle: Int, rsu: Int, gain: Double)? {
        var best: (vehicle: Int, rsu: Int, gain: Double)? = nil
        for v in 0..<k where assignment[v] >= 0 {
            let serving = rate(v)
            for j in 0..<rsuCount where j != assignment[v] {
                let e = whatIfRate(v, rsu: j) - serving
                if e > (best?.gain ?? 0) { best = (v, j, e) }
            }
        }
        return best
    }

    /// Vehicle v moves to RSU j with the matched beam there.
    mutating func move(_ v: Int, to j: Int) {
        if assignment[v] >= 0 { addHeard(v, rsu: assignment[v], sign: -1) }
        assignment[v] = j
        addHeard(v, rsu: j, sign: 1)
        updateRates()
    }

    /// The change of the matched-beam sum rate if v moved to RSU j ≠ a(v), in O(K): v's own rate
    /// becomes its what-if rate, the vehicles of its old RSU stop hearing its beam (−c_i(m, v)),
    /// those of j start (+c_j(m, v)); with inter-RSU interference every vehicle sees both.
    func sumRateChange(moving v: Int, to j: Int) -> Double {
        let i = assignment[v]
        var delta = whatIfRate(v, rsu: j) - rates[v]
        let leaving = i >= 0 ? (i * k + v) * k : -1, joining = (j * k + v) * k
        for m in 0..<k where m != v && assignment[m] >= 0 {
            let a = assignment[m]
            let change: Double
            if interRSU {
                change = coupling[joining + m] - (leaving >= 0 ? coupling[leaving + m] : 0)
            } else if a == i {
                change = -coupling[leaving + m]
            } else if a == j {
                change = coupling[joining + m]
            } else {
                continue
            }
            delta += log2(1 + signal(m, rsu: a) / (max(0, interference(m) + change) + noise)) - rates[m]
        }
        return delta
    }

    /// argmax over (v, j ≠ a(v)) of ``sumRateChange(moving:to:)`` above `threshold` (ties to the
    /// lower vehicle, then RSU index); nil when no move raises the sum rate by more.
    func bestMove(threshold: Double) -> (vehicle: Int, rsu: Int, gain: Double)? {
        var best: (vehicle: Int, rsu: Int, gain: Double)? = nil
        for v in 0..<k where assignment[v] >= 0 {
            for j in 0..<rsuCount where j != assignment[v] {
                let d = sumRateChange(moving: v, to: j)
                if d > (best?.gain ?? threshold) { best = (v, j, d) }
            }
        }
        return best
    }
}
