import Foundation
import Testing

@testable import ISACPhysics

/// The corridor description (C1-C2): expansion, the preset, JSON overrides and validation.
@Suite struct CorridorConfigTests {
    func load(_ json: String, over base: ScenarioConfig = .paper) throws -> ScenarioConfig {
        try ScenarioConfig.load(json: Data(json.utf8), over: base)
    }

    func error(_ json: String, over base: ScenarioConfig = .paper) -> ConfigError? {
        do {
            _ = try load(json, over: base)
            return nil
        } catch let e as ConfigError {
            return e
        } catch {
            return nil
        }
    }

    /// One pair on 60 m is Table I's scene: the same RSUs, road and one cell with both RSUs.
    @Test func onePairIsThePaperScene() throws {
        let c = ScenarioConfig.paper.with(corridor: .paperCell)
        #expect(c.geometry.rsus == ScenarioConfig.paper.geometry.rsus)
        #expect(c.geometry.roadStartX == ScenarioConfig.paper.geometry.roadStartX)
        #expect(c.geometry.roadEndX == ScenarioConfig.paper.geometry.roadEndX)
        try c.validate()
        let h = Highway(c.geometry)
        #expect(h.cells == Highway(ScenarioConfig.paper.geometry).cells)
        #expect(h.cells.count == 1 && h.cells[0].rsus == [0, 1])
    }

    /// The preset: 20 pairs at x = −570, −510, …, 570 (every 60 m from half a spacing), ±30 m,
    /// one cell of 60 m around each pair.
    @Test func corridorPreset() throws {
        let c = try #require(ScenarioConfig.preset(named: "corridor"))
        try c.validate()
        #expect(c.geometry.rsus.count == 40)
        #expect(c.geometry.roadStartX == -600 && c.geometry.roadEndX == 600)
        for j in 0..<20 {
            let x = -570 + 60 * Double(j)
            #expect(c.geometry.rsus[2 * j] == Point(x: x, y: 30))
            #expect(c.geometry.rsus[2 * j + 1] == Point(x: x, y: -30))
        }
        let h = Highway(c.geometry)
        #expect(h.cells.count == 20)
        for (k, cell) in h.cells.enumerated() {
            #expect(cell.rsus == [2 * k, 2 * k + 1])
            #expect(cell.startX == -600 + 60 * Double(k) && cell.endX == -540 + 60 * Double(k))
            #expect(h.cellIndex(x: cell.centerX) == k)
        }
        #expect(h.cellIndex(x: -600) == 0 && h.cellIndex(x: 600) == 19)
    }

    /// Alternating sides: one RSU per site, +y first; cells of two spacings hold one RSU per side.
    @Test func alternatingLayoutFromJSON() throws {
        let c = try load(#"{"geometry": {"corridor": {"lengthMeters": 240, "spacingMeters": 30, "layout": "alternating", "cellMeters": 60}}}"#)
        #expect(c.geometry.rsus.count == 8)
        #expect(c.geometry.rsus[0] == Point(x: -105, y: 30))
        #expect(c.geometry.rsus[1] == Point(x: -75, y: -30))
        #expect(c.geometry.rsus[7] == Point(x: 105, y: -30))
        let h = Highway(c.geometry)
        #expect(h.cells.map(\.rsus) == [[0, 1], [2, 3], [4, 5], [6, 7]])
    }

    /// A file over the corridor preset may change its length; the RSUs follow.
    @Test func overridingThePresetReexpands() throws {
        let c = try load(#"{"preset": "corridor", "geometry": {"corridor": {"lengthMeters": 300}}}"#)
        #expect(c.geometry.rsus.count == 10 && c.geometry.roadEndX == 150)
        #expect(c.fingerprint != ScenarioConfig.corridor.fingerprint)
        // A configuration without a corridor encodes as before (no new key, same fingerprint).
        #expect(try !ScenarioConfig.paper.jsonString().contains("corridor"))
    }

    @Test func invalidCorridors() {
        let cases: [(String, String)] = [
            (#"{"geometry": {"corridor": {"lengthMeters": 100, "spacingMeters": 60}}}"#, "geometry.corridor.spacingMeters"),
            (#"{"geometry": {"corridor": {"lengthMeters": 0}}}"#, "geometry.corridor.lengthMeters"),
            (#"{"geometry": {"corridor": {"lateralOffsetMeters": 4}}}"#, "geometry.corridor.lateralOffsetMeters"),
            (#"{"geometry": {"corridor": {"lengthMeters": 240, "cellMeters": 90}}}"#, "geometry.corridor.cellMeters"),
            (#"{"geometry": {"corridor": {"layout": "zigzag"}}}"#, "geometry.corridor.layout"),
            (#"{"geometry": {"corridor": {"lengthMeters": 19980, "spacingMeters": 18}}}"#, "geometry.corridor"),
            (#"{"geometry": {"corridor": {}, "rsus": [{"x": 0, "y": 30}]}}"#, "geometry.rsus"),
        ]
        for (json, field) in cases {
            let e = error(json)
            #expect(e?.field == field, "\(json): \(String(describing: e))")
            #expect(e?.description.hasPrefix("invalid configuration: \(field) = ") == true)
        }
        #expect(error(#"{"geometry": {"roadEndX": 700}}"#, over: .corridor)?.field == "geometry.roadEndX")
        // Too many RSUs: 1110 pairs every 18 m are 2220 RSUs > 1000 (C2).
        #expect(error(#"{"geometry": {"corridor": {"lengthMeters": 19980, "spacingMeters": 18}}}"#)?.value == "2220 RSUs")
    }

    /// A hand-made configuration whose RSU list disagrees with its corridor is rejected.
    @Test func inconsistentExpansionIsRejected() {
        var c = ScenarioConfig.corridor
        c.geometry.rsus.removeLast()
        #expect(throws: ConfigError.self) { try c.validate() }
    }
}
