import Foundation

/// The geometry of one (RSU, vehicle) link: the tracked state x = [φ, d, v] of M5.
///
/// φ = cos θ = (x − x_i)/d is the direction cosine along the array (eqs. (4)-(5)), d the distance,
/// v the signed speed along the road. The paper's radial velocity v̇ (positive when approaching) is
/// ``radialVelocity`` = −v·φ.
public struct LinkGeometry: Sendable, Equatable {
    public var phi: Double
    public var distance: Double
    public var speed: Double

    public init(phi: Double, distance: Double, speed: Double) {
        self.phi = phi
        self.distance = distance
        self.speed = speed
    }

    /// The link from an RSU at `rsu` to `vehicle`.
    public init(rsu: Point, vehicle: Vehicle) {
        let dx = vehicle.position.x - rsu.x
        let dy = vehicle.position.y - rsu.y
        distance = (dx * dx + dy * dy).squareRoot()
        phi = dx / distance
        speed = vehicle.velocity
    }

    /// The paper's radial (closing) velocity v̇ = −v·φ, m/s, positive when approaching (M1).
    public var radialVelocity: Double { -speed * phi }

    /// The state as [φ, d, v].
    public var vector: [Double] { [phi, distance, speed] }
}
