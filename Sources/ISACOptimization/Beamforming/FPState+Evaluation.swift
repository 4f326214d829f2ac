/// Reused storage of ``FPState/evaluate()`` (O27): the index lists, the gathered channel and beam
/// columns and the zgemm product of each RSU, kept across evaluations so that an evaluation
/// allocates nothing once the sizes have been met.
struct FPEvaluationScratch {
    var active: [Int] = []
    var served: [Int] = []
    var channels: [Double] = []
    var beams: [Double] = []
    var product: [Double] = []
}

/// What the last evaluation was computed from (O27): the beam and assignment storage at that time.
/// Swift arrays copy on write, so while this snapshot holds a buffer no write can reach it — any
/// change to `beams` or `assignment` moves the state onto another buffer — and an unchanged buffer
/// identity proves the evaluation current.
struct FPEvaluationSnapshot {
    let beams: [Double]
    let assignment: [Int]

    func isCurrent(beams b: [Double], assignment a: [Int]) -> Bool {
        Self.sameStorage(beams, b) && Self.sameStorage(assignment, a)
    }

    private static func sameStorage<T>(_ x: [T], _ y: [T]) -> Bool {
        x.count == y.count
            && x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in xp.baseAddress == yp.baseAddress } }
    }
}

extension FPState {
    /// Signal, interference and SINR of every active vehicle (M3, eq. (10)): per RSU one zgemm
    /// P = G_Rᴴ F_S over the vehicles R that hear it and the beams S it transmits. Skipped when beams
    /// and assignment are unchanged since the last evaluation (O27: the screened search's moved-beam
    /// fit ends with an evaluation and the FP run after it starts with one); the same arithmetic in
    /// the same order as before, on reused storage.
    mutating func evaluate() {
        if let last = evaluated, last.isCurrent(beams: beams, assignment: assignment) { return }
        let interRSU = problem.interRSUInterference
        for v in 0..<k {
            interference[v] = 0
            signal[2 * v] = 0
            signal[2 * v + 1] = 0
        }
        var scratch = evaluationScratch
        evaluationScratch = FPEvaluationScratch()  // keep the buffers uniquely referenced while in use
        scratch.active.removeAll(keepingCapacity: true)
        for v in 0..<k where assignment[v] >= 0 { scratch.active.append(v) }
        for i in 0..<problem.rsuCount {
            scratch.served.removeAll(keepingCapacity: true)
            for v in scratch.active where assignment[v] == i { scratch.served.append(v) }
            let s = scratch.served.count
            if s == 0 { continue }
            let nr = interRSU ? scratch.active.count : s
            gatherColumns(problem.channelMatrices[i], interRSU ? scratch.active : scratch.served, into: &scratch.channels)
            gatherColumns(beams, scratch.served, into: &scratch.beams)
            let count = 2 * nr * s
            if scratch.product.count < count { scratch.product = [Double](repeating: 0, count: count) }
            // |R|×|S|, the zgemm of BLAS.multiply into reused storage (O14, O27).
            scratch.channels.withUnsafeBufferPointer { g in
                scratch.beams.withUnsafeBufferPointer { f in
                    scratch.product.withUnsafeMutableBufferPointer { p in
                        ComplexKernels.gemm(
                            .conjugateTranspose, g.baseAddress!, lda: n, .none, f.baseAddress!, ldb: n, m: nr, n: s,
                            k: n, into: p.baseAddress!)
                    }
                }
            }
            let rows = interRSU ? scratch.active : scratch.served
            scratch.product.withUnsafeBufferPointer { p in
                for sc in 0..<s {
                    let m = scratch.served[sc]
                    for rc in 0..<nr {
                        let v = rows[rc]
                        let re = p[2 * (rc + sc * nr)], im = p[2 * (rc + sc * nr) + 1]
                        if v == m {
                            signal[2 * v] = re
                            signal[2 * v + 1] = im
                        } else {
                            interference[v] += re * re + im * im
                        }
                    }
                }
            }
        }
        evaluationScratch = scratch
        let noise = problem.noisePower
        for v in 0..<k {
            sinr[v] = assignment[v] >= 0
                ? (signal[2 * v] * signal[2 * v] + signal[2 * v + 1] * signal[2 * v + 1]) / (interference[v] + noise) : 0
        }
        evaluated = FPEvaluationSnapshot(beams: beams, assignment: assignment)
    }

    /// The columns `indices` of an N×K column-major interleaved matrix, as N×|indices| storage
    /// (allocated without zero-filling; every entry is written).
    func gatherColumns(_ matrix: [Double], _ indices: [Int]) -> [Double] {
        var out: [Double] = []
        gatherColumns(matrix, indices, into: &out)
        return out
    }

    /// The same columns written into `out` (grown when too small, never shrunk; the first
    /// 2N·|indices| entries are the result), one block copy per column.
    func gatherColumns(_ matrix: [Double], _ indices: [Int], into out: inout [Double]) {
        let n2 = 2 * n
        let count = n2 * indices.count
        if out.count < count {
            out = [Double](unsafeUninitializedCapacity: count) { _, initialised in initialised = count }
        }
        if count == 0 { return }
        out.withUnsafeMutableBufferPointer { dst in
            matrix.withUnsafeBufferPointer { src in
                for (c, j) in indices.enumerated() {
                    (dst.baseAddress! + n2 * c).update(from: src.baseAddress! + n2 * j, count: n2)
                }
            }
        }
    }
}
