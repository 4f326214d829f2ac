/// The road and its RSUs (M1): a straight road along x, one lane per direction, RSUs beside it with
/// their ULAs along the road, so a vehicle's direction cosine seen from RSU i is φ = (x − x_i)/d.
public struct Highway: Sendable, Equatable {
    /// RSU positions, m.
    public let rsus: [Point]
    /// Road extent along x, m.
    public let startX: Double
    public let endX: Double
    public let centerY: Double
    public let widthMeters: Double
    public let laneOffsetMeters: Double

    public init(_ g: ScenarioConfig.Geometry) {
        rsus = g.rsus
        startX = g.roadStartX
        endX = g.roadEndX
        centerY = g.roadCenterY
        widthMeters = g.roadWidthMeters
        laneOffsetMeters = g.laneOffsetMeters
    }

    /// Road length L, m.
    public var length: Double { endX - startX }

    /// The lane's y for a direction of travel (+1 towards +x, −1 towards −x).
    public func laneY(direction: Int) -> Double {
        centerY + (direction >= 0 ? laneOffsetMeters : -laneOffsetMeters)
    }

    /// Where a vehicle travelling in `direction` enters the road.
    public func entryX(direction: Int) -> Double { direction >= 0 ? startX : endX }

    /// True while x lies on the road (inclusive).
    public func contains(x: Double) -> Bool { x >= startX && x <= endX }

    /// Index of the RSU nearest to a point (ties to the lower index).
    public func nearestRSU(to p: Point) -> Int {
        var best = 0
        var bestD = Double.infinity
        for (i, r) in rsus.enumerated() {
            let dx = p.x - r.x, dy = p.y - r.y
            let d = dx * dx + dy * dy
            if d < bestD {
                bestD = d
                best = i
            }
        }
        return best
    }
}
