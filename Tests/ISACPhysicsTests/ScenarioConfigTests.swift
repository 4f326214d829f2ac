import Foundation
import Testing

@testable import ISACPhysics

/// Configuration: presets, JSON overlays, and one named error per invalid field.
@Suite struct ScenarioConfigTests {
    @Test func presetsValidateAndDifferOnlyInTransmitPower() throws {
        try ScenarioConfig.paper.validate()
        try ScenarioConfig.table1Literal.validate()
        var literal = ScenarioConfig.table1Literal
        literal.radio.transmitPowerDBm = 30
        literal.preset = "paper"
        #expect(literal == .paper)
    }

    @Test func jsonRoundTripAndPartialOverride() throws {
        let json = try ScenarioConfig.paper.jsonString()
        #expect(try ScenarioConfig.load(json: Data(json.utf8)) == .paper)
        let overlay = #"{"antennas": {"transmit": 64}, "traffic": {"arrivalRatePerDirection": 12.5}}"#
        let c = try ScenarioConfig.load(json: Data(overlay.utf8))
        #expect(c.antennas.transmit == 64 && c.antennas.receive == 32)
        #expect(c.traffic.arrivalRatePerDirection == 12.5 && c.traffic.meanSpeed == 30)
        let viaPreset = try ScenarioConfig.load(json: Data(#"{"preset": "table1-literal"}"#.utf8))
        #expect(viaPreset == .table1Literal)
    }

    @Test func unknownFieldsAndBadJSONAreNamed() {
        for (text, field) in [
            (#"{"radio": {"transmitPower": 3}}"#, "radio.transmitPower"),
            (#"{"antenas": {}}"#, "antenas"),
            (#"{"preset": "fig7"}"#, "preset"),
            (#"{"antennas": {"transmit": "many"}}"#, "antennas.transmit"),
            ("[1, 2]", "(file)"),
            ("{not json", "(file)"),
        ] {
            do {
                _ = try ScenarioConfig.load(json: Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch let e as ConfigError {
                #expect(e.field == field, "\(text) → \(e)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    typealias Mutation = @Sendable (inout ScenarioConfig) -> Void

    /// Every invalid value is rejected with an error naming its own field.
    static let invalid: [(String, Mutation)] = [
        ("radio.transmitPowerDBm", { $0.radio.transmitPowerDBm = .nan }),
        ("radio.channelGainDB", { $0.radio.channelGainDB = 10 }),
        ("radio.communicationNoiseDBm", { $0.radio.communicationNoiseDBm = .infinity }),
        ("radio.echoNoiseDBm", { $0.radio.echoNoiseDBm = 300 }),
        ("radio.carrierFrequencyHz", { $0.radio.carrierFrequencyHz = 0 }),
        ("radio.slotSeconds", { $0.radio.slotSeconds = -0.02 }),
        ("radio.matchedFilterGain", { $0.radio.matchedFilterGain = 0 }),
        ("radio.fadingCoefficient", { $0.radio.fadingCoefficient = ComplexNumber(re: 0, im: 0) }),
        ("radio.fadingCoefficient.re", { $0.radio.fadingCoefficient.re = .nan }),
        ("radio.rhoR", { $0.radio.rhoR = -1 }),
        ("radio.rhoNu", { $0.radio.rhoNu = 0 }),
        ("radio.rhoMu", { $0.radio.rhoMu = .nan }),
        ("antennas.transmit", { $0.antennas.transmit = 0 }),
        ("antennas.receive", { $0.antennas.receive = 5000 }),
        ("geometry.rsus", { $0.geometry.rsus = [] }),
        ("geometry.rsus[1].y", { $0.geometry.rsus[1].y = -3 }),
        ("geometry.rsus[0].x", { $0.geometry.rsus[0].x = .infinity }),
        ("geometry.roadEndX", { $0.geometry.roadEndX = -30 }),
        ("geometry.roadWidthMeters", { $0.geometry.roadWidthMeters = 0 }),
        ("geometry.laneOffsetMeters", { $0.geometry.laneOffsetMeters = 6 }),
        ("traffic.arrivalRatePerDirection", { $0.traffic.arrivalRatePerDirection = -1 }),
        ("traffic.meanSpeed", { $0.traffic.meanSpeed = 0 }),
        ("traffic.speedStandardDeviation", { $0.traffic.speedStandardDeviation = .nan }),
        ("traffic.minimumSpeed", { $0.traffic.minimumSpeed = 40 }),
        ("tracking.processNoise.phi", { $0.tracking.processNoise.phi = 0 }),
        ("tracking.processNoise.distanceMeters", { $0.tracking.processNoise.distanceMeters = -1 }),
        ("tracking.processNoise.speedMetersPerSecond", { $0.tracking.processNoise.speedMetersPerSecond = .nan }),
        ("tracking.prior.phi", { $0.tracking.prior.phi = 0 }),
        ("tracking.prior.distanceMeters", { $0.tracking.prior.distanceMeters = .infinity }),
        ("tracking.prior.speedMetersPerSecond", { $0.tracking.prior.speedMetersPerSecond = -2 }),
        ("options.sensingCapFraction", { $0.options.sensingCapFraction = 1 }),
    ]

    @Test(arguments: 0..<invalid.count)
    func invalidFieldIsRejectedByName(index: Int) {
        let (field, mutate) = Self.invalid[index]
        var c = ScenarioConfig.paper
        mutate(&c)
        do {
            try c.validate()
            Issue.record("\(field): invalid value accepted")
        } catch let e as ConfigError {
            #expect(e.field == field)
            #expect(e.description.contains(field) && e.description.contains("valid"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func invalidValueInAFileIsRejectedWithItsField() {
        do {
            _ = try ScenarioConfig.load(json: Data(#"{"radio": {"slotSeconds": 0}}"#.utf8))
            Issue.record("accepted slotSeconds = 0")
        } catch let e as ConfigError {
            #expect(e.field == "radio.slotSeconds" && e.value == "0.0")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
