import Foundation
import ISACMath

/// The downlink of eqs. (8)-(10) under M3.
///
/// The channel from RSU i to vehicle k is g_ik = √(P κ'² α_ik)·a(φ_ik) with α_ik = α̃/d_ik² a real
/// power gain, so SINR_k = |g_ikᴴ f_k|² / (Σ_{m≠k, same RSU} |g_ikᴴ f_m|² + σ_c²). As (10) is written
/// only the serving RSU's beams interfere (orthogonal resources between RSUs); with
/// `options.interRSUInterference` the other RSUs' beams interfere through their own channels g_jk.
public struct CommunicationModel: Sendable {
    public let parameters: ScenarioParameters
    public let transmitArray: UniformLinearArray

    public init(parameters: ScenarioParameters) {
        self.parameters = parameters
        transmitArray = UniformLinearArray(elementCount: parameters.transmitAntennas)
    }

    /// P κ'² α̃ / d²: the received power of a unit beam matched to the vehicle (W), eqs. (9)-(10).
    public func linkGain(distance: Double) -> Double {
        parameters.transmitPowerWatts * parameters.kappaPrime * parameters.kappaPrime
            * parameters.channelGain / (distance * distance)
    }

    /// g = √(P κ'² α̃/d²)·a(φ).
    public func channel(_ link: LinkGeometry) -> ComplexVector {
        transmitArray.steering(link.phi).scaled(by: linkGain(distance: link.distance).squareRoot())
    }

    /// Channels of every (RSU, vehicle) pair: `[rsu][vehicle]`.
    public func channels(rsus: [Point], vehicles: [Vehicle]) -> [[ComplexVector]] {
        rsus.map { r in vehicles.map { channel(LinkGeometry(rsu: r, vehicle: $0)) } }
    }

    /// SINR of every vehicle, eq. (10) under M3.
    /// - Parameters:
    ///   - channels: g_ik, `[rsu][vehicle]`.
    ///   - assignment: serving RSU of each vehicle, `[vehicle]`.
    ///   - beams: f_k of each vehicle at its serving RSU, `[vehicle][N_t]`.
    public func sinr(channels: [[ComplexVector]], assignment: [Int], beams: [ComplexVector]) -> [Double] {
        let k = assignment.count
        precondition(beams.count == k, "one beam per vehicle")
        let interRSU = parameters.config.options.interRSUInterference
        let noise = parameters.communicationNoiseWatts
        return (0..<k).map { v in
            let i = assignment[v]
            let signal = channels[i][v].innerProductMagnitudeSquared(beams[v])
            var interference = 0.0
            for m in 0..<k where m != v {
                let j = assignment[m]
                if j == i {
                    interference += channels[i][v].innerProductMagnitudeSquared(beams[m])
                } else if interRSU {
                    interference += channels[j][v].innerProductMagnitudeSquared(beams[m])
                }
            }
            return signal / (interference + noise)
        }
    }

    /// Rate log₂(1 + SINR) of every vehicle, bit/s/Hz.
    public func rates(channels: [[ComplexVector]], assignment: [Int], beams: [ComplexVector]) -> [Double] {
        sinr(channels: channels, assignment: assignment, beams: beams).map { log2(1 + $0) }
    }
}
