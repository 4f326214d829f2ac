import ISACLearning
import ISACMath
import ISACOptimization

/// The inputs of the learned policy (M16), built from a decision problem: vehicles sorted by
/// their predicted position along the road; per vehicle and RSU, Re/Im of the last echo r̃ and of
/// the beam the RSU last transmitted towards it (f_{n−1}), then ν̃ and μ̃ (``FeatureLayout``).
/// A link without an observation contributes zeros.
public enum LearningFeatures {
    /// The layout for a problem's array sizes and RSU count.
    public static func layout(for problem: DecisionProblem) -> FeatureLayout {
        FeatureLayout(
            transmitAntennas: problem.antennaCount, receiveAntennas: problem.parameters.receiveAntennas,
            rsuCount: problem.rsuCount)
    }

    /// The problem's vehicle indices in road order (x ascending; ties by index).
    public static func roadOrder(_ problem: DecisionProblem) -> [Int] {
        problem.positionsAlongRoad.indices.sorted {
            let (a, b) = (problem.positionsAlongRoad[$0], problem.positionsAlongRoad[$1])
            return a != b ? a < b : $0 < $1
        }
    }

    /// K·F features, vehicle-major, for the vehicles in `order`.
    public static func features(_ problem: DecisionProblem, order: [Int], layout: FeatureLayout) -> [Float] {
        let f = layout.featureCount
        let nr = layout.receiveAntennas, nt = layout.transmitAntennas
        var out = [Float](repeating: 0, count: order.count * f)
        for (position, vehicle) in order.enumerated() {
            let base = position * f
            for i in 0..<layout.rsuCount {
                guard let observation = problem.observations?[i][vehicle] else { continue }
                if let y = observation.lastMeasurement {
                    for n in 0..<min(nr, y.response.count) {
                        out[base + layout.echoRealOffset(rsu: i) + n] = Float(y.response.re(n))
                        out[base + layout.echoImaginaryOffset(rsu: i) + n] = Float(y.response.im(n))
                    }
                    out[base + layout.nuOffset(rsu: i)] = Float(y.delaySeconds)
                    out[base + layout.muOffset(rsu: i)] = Float(y.dopplerHz)
                }
                if let beam = observation.previousBeam {
                    for n in 0..<min(nt, beam.count) {
                        out[base + layout.previousBeamRealOffset(rsu: i) + n] = Float(beam.re(n))
                        out[base + layout.previousBeamImaginaryOffset(rsu: i) + n] = Float(beam.im(n))
                    }
                }
            }
        }
        return out
    }

    /// A labelled sample: the problem's features in road order with a decision's assignment and
    /// beams as labels ([Re f, Im f] per vehicle).
    public static func sample(_ problem: DecisionProblem, labels decision: Decision) -> LearningSample {
        let layout = layout(for: problem)
        let order = roadOrder(problem)
        let nt = layout.transmitAntennas
        var beams = [Float](repeating: 0, count: order.count * 2 * nt)
        for (position, vehicle) in order.enumerated() {
            let f = decision.beams[vehicle]
            for n in 0..<nt {
                beams[position * 2 * nt + n] = Float(f.re(n))
                beams[position * 2 * nt + nt + n] = Float(f.im(n))
            }
        }
        return LearningSample(
            vehicleCount: order.count, features: features(problem, order: order, layout: layout),
            assignments: order.map { Int32(decision.assignment[$0]) }, beams: beams)
    }
}
