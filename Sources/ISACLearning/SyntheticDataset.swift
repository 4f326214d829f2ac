import Foundation
import ISACMath

/// A synthetic dataset with a learnable, neighbour-dependent rule, for tests and benchmarks before
/// the twin's labels exist.
///
/// Features are i.i.d. N(0, 1). With u_k = Σ_j w_j x_{k,j}, w_j = cos(j + 1)/√F, the "context"
/// s_k = u_k + 0.8·u_{k−1} − 0.6·u_{k+1} (missing neighbours count as 0) needs both LSTM
/// directions. Labels: RSU class = ⌊C·Φ(s_k)⌋ (Φ the normal CDF approximated by a logistic of
/// 1.7·s, so classes are roughly balanced); beam component r = 0.5·tanh(s_k + x_{k, r mod F}).
public enum SyntheticDataset {
    public static func make(
        layout: FeatureLayout, sampleCount: Int, vehicleCounts: [Int],
        using rng: inout some RandomNumberGenerator
    ) -> Dataset {
        precondition(!vehicleCounts.isEmpty && vehicleCounts.allSatisfy { $0 >= 1 }, "vehicle counts must be ≥ 1")
        let F = layout.featureCount, R = layout.beamComponentCount, C = layout.rsuCount
        let w = (0..<F).map { Float(Foundation.cos(Double($0 + 1))) / Float(F).squareRoot() }
        var samples: [LearningSample] = []
        samples.reserveCapacity(sampleCount)
        for _ in 0..<sampleCount {
            let K = vehicleCounts[rng.nextInt(below: vehicleCounts.count)]
            var x = [Float](repeating: 0, count: K * F)
            for e in x.indices { x[e] = Float(rng.nextGaussian()) }
            var u = [Float](repeating: 0, count: K)
            for k in 0..<K {
                var s: Float = 0
                for j in 0..<F { s += w[j] * x[k * F + j] }
                u[k] = s
            }
            var classes = [Int32](repeating: 0, count: K)
            var beams = [Float](repeating: 0, count: K * R)
            for k in 0..<K {
                let s = u[k] + 0.8 * (k > 0 ? u[k - 1] : 0) - 0.6 * (k + 1 < K ? u[k + 1] : 0)
                let p = 1 / (1 + Foundation.exp(-1.7 * Double(s)))
                classes[k] = Int32(min(C - 1, Int(Double(C) * p)))
                for r in 0..<R {
                    beams[k * R + r] = 0.5 * Float(Foundation.tanh(Double(s + x[k * F + r % F])))
                }
            }
            samples.append(LearningSample(vehicleCount: K, features: x, assignments: classes, beams: beams))
        }
        return Dataset(layout: layout, samples: samples)
    }
}
