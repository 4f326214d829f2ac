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
    /// Decision cells along the road, in order of x (C3): a corridor's cells of
    /// `corridor.cellMeters`, else one cell holding every RSU and the whole road.
    public let cells: [Cell]

    /// A stretch of road whose vehicles are decided together by its RSUs (C3): the RSUs are the
    /// candidates of every vehicle predicted in [startX, endX).
    public struct Cell: Sendable, Equatable {
        /// Indices into ``Highway/rsus``, ascending.
        public let rsus: [Int]
        public let startX: Double
        public let endX: Double
        /// Where a vehicle travelling in `direction` enters the cell.
        public func entryX(direction: Int) -> Double { direction >= 0 ? startX : endX }
        /// Centre of the cell, m.
        public var centerX: Double { (startX + endX) / 2 }
    }

    public init(_ g: ScenarioConfig.Geometry) {
        rsus = g.rsus
        startX = g.roadStartX
        endX = g.roadEndX
        centerY = g.roadCenterY
        widthMeters = g.roadWidthMeters
        laneOffsetMeters = g.laneOffsetMeters
        if let corridor = g.corridor {
            let count = corridor.cellCount
            let start = g.roadStartX
            let length = corridor.cellMeters
            var members = [[Int]](repeating: [], count: count)
            for (i, r) in g.rsus.enumerated() {
                members[min(max(Int(((r.x - start) / length).rounded(.down)), 0), count - 1)].append(i)
            }
            cells = (0..<count).map { c in
                Cell(
                    rsus: members[c], startX: start + Double(c) * length,
                    endX: c == count - 1 ? g.roadEndX : start + Double(c + 1) * length)
            }
        } else {
            cells = [Cell(rsus: Array(g.rsus.indices), startX: g.roadStartX, endX: g.roadEndX)]
        }
    }

    /// The cell holding x (clamped to the first and last cell).
    public func cellIndex(x: Double) -> Int {
        guard cells.count > 1 else { return 0 }
        let length = cells[0].endX - cells[0].startX
        return min(max(Int(((x - startX) / length).rounded(.down)), 0), cells.count - 1)
    }

    /// The cell a vehicle travelling in `direction` enters the road in.
    public func entryCell(direction: Int) -> Int { direction >= 0 ? 0 : cells.count - 1 }

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
