import ISACPhysics

/// A real 3-vector; as a tracked state it is x = [φ, d, v] of M5 (``x`` = φ, ``y`` = d, ``z`` = v).
public struct Vector3: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var z: Double

    @inlinable
    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static let zero = Vector3(0, 0, 0)

    /// Component i ∈ {0, 1, 2}.
    @inlinable
    public subscript(i: Int) -> Double {
        get { i == 0 ? x : (i == 1 ? y : z) }
        set {
            switch i {
            case 0: x = newValue
            case 1: y = newValue
            default: z = newValue
            }
        }
    }

    @inlinable public static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
    @inlinable public static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
    @inlinable public static func * (s: Double, a: Vector3) -> Vector3 { Vector3(s * a.x, s * a.y, s * a.z) }
    @inlinable public func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }

    /// True when every component is finite.
    public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }

    /// The components as an array (for output and tests).
    public var array: [Double] { [x, y, z] }
}

extension Vector3 {
    /// The state [φ, d, v] of a link (M5).
    public init(_ link: LinkGeometry) { self.init(link.phi, link.distance, link.speed) }

    /// The state read as link geometry: φ, d (m), v (m/s).
    public var link: LinkGeometry { LinkGeometry(phi: x, distance: y, speed: z) }
}
