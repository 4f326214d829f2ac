import ISACPhysics

/// Hand-over of a link estimate between RSUs (docs/MODEL.md C6): the state x_A = [φ_A, d_A, v] of
/// a vehicle seen from RSU A at (x_A, y_A) mapped to the state x_B seen from RSU B.
///
/// Position from A (M1, φ = (x − x_i)/d): x = x_A + d_A φ_A, y = y_A + s_A d_A √(1 − φ_A²) with
/// s_A = −1 for an RSU above the road's centre line (the road lies towards the centre), +1 below.
/// Then d_B = √((x − x_B)² + (y − y_B)²), φ_B = (x − x_B)/d_B; v (signed speed along the road) is
/// the same for every RSU. The covariance follows the first-order propagation M_B = J M_A Jᵀ with
/// J = ∂x_B/∂x_A (``jacobian(at:)``).
public struct LinkTransfer: Sendable, Equatable {
    public let from: Point
    public let to: Point
    /// s_A: the side of A's array the road lies on.
    public let side: Double

    public init(from: Point, to: Point, roadCenterY: Double) {
        self.from = from
        self.to = to
        side = from.y >= roadCenterY ? -1 : 1
    }

    /// √(1 − φ²), floored away from 0 so the Jacobian stays finite at end-fire (|φ| = 1).
    private static func sine(_ phi: Double) -> Double { max(1 - phi * phi, 1e-12).squareRoot() }

    /// x_B for x_A.
    public func map(_ a: Vector3) -> Vector3 {
        let phi = min(max(a.x, -1), 1)
        let x = from.x + a.y * phi
        let y = from.y + side * a.y * Self.sine(phi)
        let dx = x - to.x, dy = y - to.y
        let d = (dx * dx + dy * dy).squareRoot()
        return Vector3(dx / d, d, a.z)
    }

    /// J = ∂x_B/∂x_A at x_A (chain rule through the position (x, y)).
    public func jacobian(at a: Vector3) -> Matrix3 {
        let phi = min(max(a.x, -1), 1), dA = a.y
        let s = Self.sine(phi)
        // ∂(x, y)/∂(φ_A, d_A)
        let xPhi = dA, xD = phi
        let yPhi = -side * dA * phi / s, yD = side * s
        let x = from.x + dA * phi, y = from.y + side * dA * s
        let dx = x - to.x, dy = y - to.y
        let d2 = dx * dx + dy * dy
        let d = d2.squareRoot()
        let d3 = d2 * d
        // ∂d_B/∂(x, y) = (dx, dy)/d;  ∂φ_B/∂(x, y) = (dy², −dx·dy)/d³
        let dX = dx / d, dY = dy / d
        let pX = dy * dy / d3, pY = -dx * dy / d3
        return Matrix3(
            pX * xPhi + pY * yPhi, pX * xD + pY * yD, 0,
            dX * xPhi + dY * yPhi, dX * xD + dY * yD, 0,
            0, 0, 1)
    }

    /// The estimate seen from B: mean mapped, covariance J M Jᵀ.
    public func map(_ estimate: GaussianEstimate) -> GaussianEstimate {
        GaussianEstimate(
            mean: map(estimate.mean), covariance: jacobian(at: estimate.mean).congruence(estimate.covariance))
    }
}
