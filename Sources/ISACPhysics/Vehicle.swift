/// A vehicle on the highway: identity, position and signed speed along the road (M1, M5).
public struct Vehicle: Sendable, Equatable, Identifiable {
    /// Unique within one run (arrival order).
    public let id: Int
    /// Position, m.
    public var position: Point
    /// Signed speed along x, m/s: positive towards +x.
    public var velocity: Double

    public init(id: Int, position: Point, velocity: Double) {
        self.id = id
        self.position = position
        self.velocity = velocity
    }

    /// The vehicle after `seconds` of straight motion at constant speed (M5).
    public func advanced(by seconds: Double) -> Vehicle {
        var v = self
        v.position.x += velocity * seconds
        return v
    }

    /// Direction of travel: +1 towards +x, −1 towards −x.
    public var direction: Int { velocity >= 0 ? 1 : -1 }
}
