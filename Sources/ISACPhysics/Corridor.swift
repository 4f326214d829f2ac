/// A corridor of RSUs along the road (docs/MODEL.md C1): RSU sites every `spacingMeters` along a
/// road of `lengthMeters` centred on x = 0, the first site half a spacing from the road's start;
/// at each site a pair of RSUs, one each side of the road (`pairs`, Table I's cell repeated), or
/// one RSU on alternating sides (`alternating`, first at +y). RSUs stand `lateralOffsetMeters`
/// from the road's centre line (30 m as in Table I).
///
/// Decisions are grouped by cells of `cellMeters` (C3): a vehicle's candidate RSUs are the RSUs of
/// the cell it is predicted in, so the decision splits into one independent problem per cell.
/// A corridor of one pair (length = spacing = cell = 60 m) is exactly the paper's scene.
public struct Corridor: Codable, Equatable, Sendable {
    /// Road length L, m (the road runs from −L/2 to +L/2).
    public var lengthMeters: Double
    /// Distance between consecutive RSU sites, m; L must be a whole number of spacings.
    public var spacingMeters: Double
    public var layout: Layout
    /// |y − roadCenterY| of every RSU, m.
    public var lateralOffsetMeters: Double
    /// Length of one decision cell, m: a whole number of spacings that divides L (C3).
    public var cellMeters: Double

    public enum Layout: String, Codable, Equatable, Sendable, CaseIterable {
        /// Two RSUs per site, at +offset and −offset (Table I).
        case pairs
        /// One RSU per site, on alternating sides (+offset first).
        case alternating
    }

    public init(lengthMeters: Double, spacingMeters: Double, layout: Layout, lateralOffsetMeters: Double, cellMeters: Double) {
        self.lengthMeters = lengthMeters
        self.spacingMeters = spacingMeters
        self.layout = layout
        self.lateralOffsetMeters = lateralOffsetMeters
        self.cellMeters = cellMeters
    }

    /// The paper's scene as a corridor: one pair, 60 m of road, one cell.
    public static let paperCell = Corridor(
        lengthMeters: 60, spacingMeters: 60, layout: .pairs, lateralOffsetMeters: 30, cellMeters: 60)

    /// Number of RSU sites, L/spacing (rounded: validation checks that it is whole).
    public var siteCount: Int { Int((lengthMeters / spacingMeters).rounded()) }
    /// Number of RSUs: 2 per site (pairs) or 1 (alternating).
    public var rsuCount: Int { layout == .pairs ? 2 * siteCount : siteCount }
    /// Number of cells, L/cell (rounded).
    public var cellCount: Int { Int((lengthMeters / cellMeters).rounded()) }

    /// The RSU positions, sites in order of x, at each site +y before −y.
    public func rsus(centerY: Double) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(rsuCount)
        for j in 0..<siteCount {
            let x = -lengthMeters / 2 + spacingMeters / 2 + Double(j) * spacingMeters
            switch layout {
            case .pairs:
                out.append(Point(x: x, y: centerY + lateralOffsetMeters))
                out.append(Point(x: x, y: centerY - lateralOffsetMeters))
            case .alternating:
                out.append(Point(x: x, y: centerY + (j % 2 == 0 ? lateralOffsetMeters : -lateralOffsetMeters)))
            }
        }
        return out
    }
}

extension ScenarioConfig {
    /// This configuration with `geometry.rsus`, `roadStartX` and `roadEndX` set from
    /// `geometry.corridor` (unchanged without a corridor). ``load(json:over:)`` applies it.
    public func expandingCorridor() -> ScenarioConfig {
        guard let corridor = geometry.corridor else { return self }
        var c = self
        c.geometry.rsus = corridor.rsus(centerY: geometry.roadCenterY)
        c.geometry.roadStartX = -corridor.lengthMeters / 2
        c.geometry.roadEndX = corridor.lengthMeters / 2
        return c
    }

    /// This configuration on the corridor `corridor` (expanded).
    public func with(corridor: Corridor) -> ScenarioConfig {
        var c = self
        c.geometry.corridor = corridor
        return c.expandingCorridor()
    }

    /// Checks the corridor description (C1-C2), if any; called by ``validate()``.
    func validateCorridor() throws {
        guard let corridor = geometry.corridor else { return }
        func whole(_ ratio: Double) -> Bool { ratio >= 1 - 1e-9 && abs(ratio - ratio.rounded()) <= 1e-9 * ratio }
        let maxLength = 2 * Self.coordinateLimitMeters
        guard corridor.lengthMeters.isFinite, corridor.lengthMeters >= 1, corridor.lengthMeters <= maxLength else {
            throw ConfigError(
                field: "geometry.corridor.lengthMeters", value: "\(corridor.lengthMeters)", validRange: "[1, \(maxLength)] m")
        }
        guard corridor.spacingMeters.isFinite, corridor.spacingMeters >= 1, corridor.spacingMeters <= corridor.lengthMeters,
            whole(corridor.lengthMeters / corridor.spacingMeters)
        else {
            throw ConfigError(
                field: "geometry.corridor.spacingMeters", value: "\(corridor.spacingMeters)",
                validRange: "[1, lengthMeters = \(corridor.lengthMeters)] m, lengthMeters a whole number of spacings")
        }
        guard corridor.rsuCount <= Self.maximumRSUs else {
            throw ConfigError(
                field: "geometry.corridor", value: "\(corridor.rsuCount) RSUs",
                validRange: "at most \(Self.maximumRSUs) RSUs (C2): a longer spacing or a shorter road")
        }
        let halfWidth = geometry.roadWidthMeters / 2
        guard corridor.lateralOffsetMeters.isFinite, corridor.lateralOffsetMeters > halfWidth,
            corridor.lateralOffsetMeters <= 1000
        else {
            throw ConfigError(
                field: "geometry.corridor.lateralOffsetMeters", value: "\(corridor.lateralOffsetMeters)",
                validRange: "(roadWidthMeters/2 = \(halfWidth), 1000] m (RSUs off the road)")
        }
        guard corridor.cellMeters.isFinite, corridor.cellMeters >= corridor.spacingMeters,
            corridor.cellMeters <= corridor.lengthMeters, whole(corridor.cellMeters / corridor.spacingMeters),
            whole(corridor.lengthMeters / corridor.cellMeters)
        else {
            throw ConfigError(
                field: "geometry.corridor.cellMeters", value: "\(corridor.cellMeters)",
                validRange: "a whole number of spacings (\(corridor.spacingMeters) m) that divides lengthMeters = \(corridor.lengthMeters) m")
        }
        let expanded = expandingCorridor().geometry
        guard expanded.rsus == geometry.rsus, expanded.roadStartX == geometry.roadStartX,
            expanded.roadEndX == geometry.roadEndX
        else {
            throw ConfigError(
                field: "geometry.rsus", value: "\(geometry.rsus.count) RSUs on [\(geometry.roadStartX), \(geometry.roadEndX)] m",
                validRange: "the expansion of geometry.corridor (\(corridor.rsuCount) RSUs on ±\(corridor.lengthMeters / 2) m): give a corridor or RSUs, not both")
        }
    }
}
