import ISACMath
@testable import ISACLearning

/// Central finite differences in double precision: (f(θ + εe_i) − f(θ − εe_i)) / 2ε has error
/// O(ε²·f''') ≈ 1e-12 plus rounding ≈ 1e-16/ε ≈ 1e-10 for ε = 1e-6, so analytic and numerical
/// gradients of a correct implementation agree to about 1e-7 relative; a wrong term is off by
/// O(1) relative. The checks use a relative tolerance of 1e-5 with an absolute floor of 1e-7.
enum GradientCheck {
    static let epsilon = 1e-6
    static let relativeTolerance = 1e-5
    static let absoluteFloor = 1e-7

    /// Largest violation max_i |a_i − n_i| / max(|a_i|, |n_i|, floor/tol) over all coordinates;
    /// ≤ tolerance means every coordinate agrees.
    static func worstRelativeError(
        at x: [Double], analytic: [Double], _ f: ([Double]) -> Double
    ) -> Double {
        var worst = 0.0
        var probe = x
        for i in x.indices {
            probe[i] = x[i] + epsilon
            let up = f(probe)
            probe[i] = x[i] - epsilon
            let down = f(probe)
            probe[i] = x[i]
            let numeric = (up - down) / (2 * epsilon)
            let scale = max(abs(numeric), abs(analytic[i]), absoluteFloor / relativeTolerance)
            worst = max(worst, abs(numeric - analytic[i]) / scale)
        }
        return worst
    }

    static func randomVector(_ n: Int, scale: Double = 1, using rng: inout Xoshiro256StarStar) -> [Double] {
        (0..<n).map { _ in scale * rng.nextUniform(in: -1, 1) }
    }
}
