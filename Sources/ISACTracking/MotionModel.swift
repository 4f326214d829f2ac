/// The role of a state-transition model x_n = g(x_{n−1}) + ε, eq. (18), for the state
/// x = [φ, d, v] of M5.
public protocol MotionModel: Sendable {
    /// g(x): the state one slot later.
    func transition(_ x: Vector3) -> Vector3
    /// G = ∂g/∂x at x, eq. (20).
    func jacobian(_ x: Vector3) -> Matrix3
    /// E = Cov(ε), eq. (25).
    var processNoise: Matrix3 { get }
}
