import Foundation
import ISACMath
import Testing

@testable import ISACPhysics

/// Eqs. (8)-(10) under M0 and M3, on hand-computed cases.
@Suite struct CommunicationModelTests {
    /// M0: with Table I read literally (P = 1 mW against −70 dBm noise, α̃ = −70 dB) the matched-beam
    /// SNR is N_t/d²: −14.49 dB at 30 m with N_t = 32; the paper preset is 30 dB higher.
    @Test func matchedBeamSNRMatchesModelZero() {
        let link = LinkGeometry(phi: 0.3, distance: 30, speed: 30)
        for (config, expectedDB) in [
            (ScenarioConfig.table1Literal, 10 * log10(32.0 / 900)),
            (ScenarioConfig.paper, 10 * log10(32.0 / 900) + 30),
        ] {
            let model = CommunicationModel(parameters: ScenarioParameters(config))
            let beam = model.transmitArray.steering(link.phi)
            let sinr = model.sinr(channels: [[model.channel(link)]], assignment: [0], beams: [beam])
            #expect(abs(10 * log10(sinr[0]) - expectedDB) < 1e-9)
        }
        #expect(abs(10 * log10(32.0 / 900) - (-14.49)) < 0.01)
    }

    /// Two vehicles at one RSU: SINR_1 = G₁|a₁ᴴf₁|² / (G₁|a₁ᴴf₂|² + σ²), written out by hand with
    /// the Dirichlet kernel for |a₁ᴴa₂|².
    @Test func twoVehicleSINRMatchesHandComputation() {
        let p = ScenarioParameters(.paper)
        let model = CommunicationModel(parameters: p)
        let l1 = LinkGeometry(phi: 0.2, distance: 31, speed: 30)
        let l2 = LinkGeometry(phi: 0.25, distance: 33, speed: -30)
        let ch = [[model.channel(l1), model.channel(l2)]]
        let f1 = model.transmitArray.steering(l1.phi), f2 = model.transmitArray.steering(l2.phi)
        let sinr = model.sinr(channels: ch, assignment: [0, 0], beams: [f1, f2])
        let n = 32.0
        let delta = Double.pi * (0.2 - 0.25) / 2
        let cross = pow(sin(n * delta) / (n * sin(delta)), 2)
        let g1 = p.transmitPowerWatts * n * p.channelGain / (31 * 31)
        let g2 = p.transmitPowerWatts * n * p.channelGain / (33 * 33)
        let noise = Decibel.wattsFromDBm(-70)
        #expect(abs(sinr[0] / (g1 / (g1 * cross + noise)) - 1) < 1e-10)
        #expect(abs(sinr[1] / (g2 / (g2 * cross + noise)) - 1) < 1e-10)
        let rates = model.rates(channels: ch, assignment: [0, 0], beams: [f1, f2])
        #expect(abs(rates[0] - log2(1 + sinr[0])) < 1e-12)
    }

    /// Different RSUs do not interfere as (10) is written; with the inter-RSU option they do,
    /// through the other RSU's channel.
    @Test func interRSUInterferenceOption() {
        var config = ScenarioConfig.paper
        let vehicles = [
            Vehicle(id: 0, position: Point(x: 3, y: 2.5), velocity: 30),
            Vehicle(id: 1, position: Point(x: 4, y: -2.5), velocity: -30),
        ]
        for interRSU in [false, true] {
            config.options.interRSUInterference = interRSU
            let p = ScenarioParameters(config)
            let model = CommunicationModel(parameters: p)
            let ch = model.channels(rsus: p.highway.rsus, vehicles: vehicles)
            let beams = [
                model.transmitArray.steering(LinkGeometry(rsu: p.highway.rsus[0], vehicle: vehicles[0]).phi),
                model.transmitArray.steering(LinkGeometry(rsu: p.highway.rsus[1], vehicle: vehicles[1]).phi),
            ]
            let sinr = model.sinr(channels: ch, assignment: [0, 1], beams: beams)
            let snr0 = ch[0][0].innerProductMagnitudeSquared(beams[0]) / p.communicationNoiseWatts
            let leak = ch[1][0].innerProductMagnitudeSquared(beams[1])
            let expected = interRSU
                ? ch[0][0].innerProductMagnitudeSquared(beams[0]) / (leak + p.communicationNoiseWatts)
                : snr0
            #expect(abs(sinr[0] / expected - 1) < 1e-12)
            if interRSU { #expect(sinr[0] < snr0) }
        }
    }
}
