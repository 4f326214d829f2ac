import Foundation
import Testing

@testable import ISACPhysics

/// Issue 13, cases 6, 8 and 9: strict JSON, named errors, and physical bounds that keep every
/// accepted configuration finite.
@Suite struct ConfigEdgeTests {
    static func error(_ json: String) -> ConfigError? {
        do {
            _ = try ScenarioConfig.load(json: Data(json.utf8))
            return nil
        } catch let e as ConfigError {
            return e
        } catch {
            Issue.record("not a ConfigError: \(error)")
            return nil
        }
    }

    /// Case 8 (trailing commas) and RFC 8259's other rules: the error is a syntax error with its place.
    @Test(arguments: [
        #"{"radio": {"slotSeconds": 0.02,}}"#, #"{"geometry": {"rsus": [{"x": 0, "y": 30},]}}"#,
        #"{"radio": {"slotSeconds": 0.02}, "radio": {}}"#, #"{"radio": {"slotSeconds": NaN}}"#,
        #"{"radio": {"slotSeconds": .5}}"#, #"{"radio": {"slotSeconds": 01}}"#, "{} x", #"{"a" 1}"#, "// c\n{}",
    ])
    func nonStrictJSONIsRejected(text: String) throws {
        let e = try #require(Self.error(text), "accepted \(text)")
        #expect(e.field == "(file)" && e.value.contains("line 1"), "\(e)")
    }

    @Test func strictParserRoundTripsAndKeepsNumberText() throws {
        let text = #"{"a":[1,2.50,-3e+2,true,false,null,"x\"\\\u00e9"],"b":{}}"#
        let v = try StrictJSON.parse(Data(text.utf8))
        #expect(v["a"] == .array([.number("1"), .number("2.50"), .number("-3e+2"), .bool(true), .bool(false), .null, .string("x\"\\é")]))
        #expect(try StrictJSON.parse(Data(v.text.utf8)) == v)
    }

    /// Case 9: null, non-integers and huge integers name their dotted path; enums list their values.
    @Test(arguments: [
        (#"{"antennas": {"transmit": null}}"#, "antennas.transmit", "an integer in [2, 1024]"),
        (#"{"antennas": {"transmit": 32.5}}"#, "antennas.transmit", "an integer in [2, 1024]"),
        (#"{"antennas": {"receive": 1e3}}"#, "antennas.receive", "an integer in [2, 1024]"),
        (#"{"antennas": {"transmit": 123456789012345678901234567890}}"#, "antennas.transmit", "an integer in [2, 1024]"),
        (#"{"radio": {"slotSeconds": null}}"#, "radio.slotSeconds", "a finite number"),
        (#"{"radio": {"slotSeconds": 1e400}}"#, "radio.slotSeconds", "a finite number"),
        (#"{"radio": {"slotSeconds": "0.02"}}"#, "radio.slotSeconds", "a finite number"),
        (#"{"tracking": {"adaptiveGain": 1}}"#, "tracking.adaptiveGain", "true or false"),
        (#"{"options": {"powerBudget": "perbeam"}}"#, "options.powerBudget", "one of: perBeam, perRSU"),
        (#"{"options": {"echoNoiseModel": null}}"#, "options.echoNoiseModel", "one of: sharedSNR, literal"),
        (#"{"preset": "paperr"}"#, "preset", "one of: paper, table1-literal"),
        (#"{"geometry": {"rsus": [{"x": 0, "y": 30}, {"x": 1}]}}"#, "geometry.rsus[1].y", "a finite number"),
        (#"{"geometry": {"rsus": [{"x": 0, "y": 30, "z": 1}]}}"#, "geometry.rsus[0].z", "one of: x, y"),
        (#"{"geometry": {"rsus": {"x": 0}}}"#, "geometry.rsus", "an array"),
        (#"{"radio": 5}"#, "radio", "an object with fields"),
    ])
    func badValuesNameTheirField(json: String, field: String, valid: String) throws {
        let e = try #require(Self.error(json), "accepted \(json)")
        #expect(e.field == field, "\(e)")
        #expect(e.validRange.contains(valid), "\(e)")
        #expect(e.description.contains(field) && !e.description.contains(" = ;"))
    }

    /// Case 6 and 8: the values the probe found producing NaN/inf or hangs are now rejected by name.
    @Test(arguments: [
        ("geometry", "roadEndX", "1e308"), ("geometry", "roadEndX", "1.23e29"), ("geometry", "roadCenterY", "1e308"),
        ("geometry", "roadCenterY", "-1e308"), ("radio", "rhoMu", "1e29"), ("radio", "rhoNu", "1e29"),
        ("radio", "matchedFilterGain", "1e300"), ("radio", "rhoR", "1e29"), ("traffic", "arrivalRatePerDirection", "999"),
    ])
    func overflowingValuesAreRejected(section: String, key: String, value: String) throws {
        let e = try #require(Self.error("{\"\(section)\": {\"\(key)\": \(value)}}"))
        #expect(e.field == "\(section).\(key)", "\(e)")
    }

    @Test(arguments: ["1e308", "-1e308", "20000"])
    func coordinatesAreBounded(value: String) throws {
        let rsu = try #require(Self.error(#"{"geometry": {"rsus": [{"x": "# + value + #", "y": 30}]}}"#))
        #expect(rsu.field == "geometry.rsus[0].x" && rsu.validRange.contains("10000"))
        let y = try #require(Self.error(#"{"geometry": {"rsus": [{"x": 0, "y": "# + value + #"}]}}"#))
        #expect(y.field == "geometry.rsus[0].y")
    }

    @Test(arguments: ["processNoise", "prior"], ["phi", "distanceMeters", "speedMetersPerSecond"])
    func trackingNoisesAreBounded(group: String, key: String) throws {
        let e = try #require(Self.error("{\"tracking\": {\"\(group)\": {\"\(key)\": 1e308}}}"))
        #expect(e.field == "tracking.\(group).\(key)")
    }

    /// Case 4: no loop length is left to an unchecked value: a vehicle must cross the road within
    /// the run's slot budget, and a duration is turned into slots only within that budget.
    @Test func loopLengthsAreBounded() throws {
        var c = ScenarioConfig.paper
        c.geometry.roadStartX = -10_000
        c.geometry.roadEndX = 10_000
        c.traffic.meanSpeed = 0.1
        c.traffic.minimumSpeed = 0.05
        c.traffic.arrivalRatePerDirection = 0
        c.radio.slotSeconds = 1e-5
        #expect(throws: ConfigError.self) { try c.validate() }
        do { try c.validate() } catch let e as ConfigError { #expect(e.field == "traffic.meanSpeed") }
        let paper = ScenarioConfig.paper
        #expect(try paper.slots(forDuration: 40, field: "--duration", maximumSeconds: 100_000) == 2000)
        for bad in [0, -1, .infinity, .nan, 100_001] as [Double] {
            #expect(throws: ConfigError.self) { try paper.slots(forDuration: bad, field: "--duration", maximumSeconds: 100_000) }
        }
        var fine = paper
        fine.radio.slotSeconds = 1e-5
        // 100 000 s at 10 µs would be 10¹⁰ slots: the limit becomes 5·10⁶ slots = 50 s.
        #expect(throws: ConfigError.self) { try fine.slots(forDuration: 51, field: "--duration", maximumSeconds: 100_000) }
        #expect(try fine.slots(forDuration: 50, field: "--duration", maximumSeconds: 100_000) == 5_000_000)
    }

    @Test func fingerprintIgnoresThePresetNameOnly() {
        var a = ScenarioConfig.paper
        a.preset = "other"
        #expect(a.fingerprint == ScenarioConfig.paper.fingerprint)
        a.radio.slotSeconds = 0.01
        #expect(a.fingerprint != ScenarioConfig.paper.fingerprint)
    }
}
