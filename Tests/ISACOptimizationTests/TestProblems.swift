import Foundation
import ISACMath
import ISACPhysics

@testable import ISACOptimization

/// Seeded problems small enough for debug builds.
enum TestProblems {
    static func parameters(
        antennas: Int = 8, preset: ScenarioConfig = .paper, interRSU: Bool = false
    ) -> ScenarioParameters {
        var c = preset
        c.antennas.transmit = antennas
        c.antennas.receive = antennas
        c.options.interRSUInterference = interRSU
        return ScenarioParameters(c)
    }

    /// A static drop of K vehicles; with `sensingFraction` > 0 every link gets Λ = fraction·λ_max(ΠᴴΠ).
    static func drop(
        vehicles k: Int, seed: UInt64, antennas: Int = 8, preset: ScenarioConfig = .paper, interRSU: Bool = false,
        sensingFraction: Double = 0, options: DecisionOptions = .standard
    ) -> DecisionProblem {
        let p = parameters(antennas: antennas, preset: preset, interRSU: interRSU)
        var rng = Xoshiro256StarStar(seed: seed)
        let cars = StaticDrop.vehicles(count: k, parameters: p, using: &rng)
        return problem(parameters: p, vehicles: cars, sensingFraction: sensingFraction, options: options)
    }

    /// The standard options with the heuristic's flips evaluated by `evaluation` (O20, O25).
    static func options(flipEvaluation evaluation: DecisionOptions.FlipEvaluation) -> DecisionOptions {
        var o = DecisionOptions.standard
        o.flipEvaluation = evaluation
        return o
    }

    /// A drop of K vehicles at N = 8 whose heuristic evaluates its flips by `evaluation`.
    static func heuristicDrop(
        _ k: Int, seed: UInt64, sensing: Double, interRSU: Bool, evaluation: DecisionOptions.FlipEvaluation
    ) -> DecisionProblem {
        drop(
            vehicles: k, seed: seed, antennas: 8, interRSU: interRSU, sensingFraction: sensing,
            options: options(flipEvaluation: evaluation))
    }

    static func problem(
        parameters p: ScenarioParameters, vehicles cars: [Vehicle], sensingFraction: Double,
        options: DecisionOptions = .standard
    ) -> DecisionProblem {
        var lambda: [[Double]]? = nil
        if sensingFraction > 0 {
            let t = UniformLinearArray(elementCount: p.transmitAntennas)
            let r = UniformLinearArray(elementCount: p.receiveAntennas)
            lambda = p.highway.rsus.map { rsu in
                cars.map { v in
                    sensingFraction
                        * SensingOperator(phi: LinkGeometry(rsu: rsu, vehicle: v).phi, transmit: t, receive: r).maxEigenvalue
                }
            }
        }
        return DecisionProblem(parameters: p, vehicles: cars, sensingRequirements: lambda, options: options)
    }

    static func randomVector(_ n: Int, scale: Double = 1, using rng: inout Xoshiro256StarStar) -> ComplexVector {
        var v = ComplexVector(count: n)
        for e in 0..<n {
            let z = rng.nextComplexGaussian(variance: scale * scale)
            v.storage[2 * e] = z.re
            v.storage[2 * e + 1] = z.im
        }
        return v
    }

    /// A random point of the unit ball (uniform direction, radius U^{1/(2N)}).
    static func randomBallPoint(_ n: Int, using rng: inout Xoshiro256StarStar) -> ComplexVector {
        let v = randomVector(n, using: &rng)
        return v.scaled(by: pow(rng.nextUniform(), 1 / Double(2 * n)) / v.norm)
    }

    /// A random point of ball ∩ half-space: z = sĥ + w with s uniform on [max(τ, −1), 1], w ⟂ ĥ
    /// random with ‖w‖ ≤ √(1 − s²) (every point of the set can occur; the boundary is hit when the
    /// radius draw is 1).
    static func randomFeasiblePoint(_ hs: HalfSpace, using rng: inout Xoshiro256StarStar) -> ComplexVector {
        let n = hs.normal.count
        let hNorm = hs.normal.norm
        let unit = hs.normal.scaled(by: 1 / hNorm)
        let tau = max(hs.offset / hNorm, -1)
        let s = rng.nextUniform(in: tau, 1)
        var w = randomVector(n, using: &rng)
        w.add(unit, scaledBy: -unit.innerProduct(w).re)
        let radius = (1 - s * s).squareRoot() * (rng.nextUniform() < 0.2 ? 1 : rng.nextUniform())
        var z = unit.scaled(by: s)
        z.add(w, scaledBy: radius / w.norm)
        return z
    }

    /// A random quadratic A = WWᴴ with m columns.
    static func randomQuadratic(n: Int, m: Int, using rng: inout Xoshiro256StarStar) -> BeamQuadratic {
        var w = [Double]()
        for _ in 0..<m { w.append(contentsOf: randomVector(n, using: &rng).storage) }
        return BeamQuadratic(factor: w, dimension: n, columns: m)
    }
}
