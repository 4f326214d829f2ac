import Foundation

/// Power-ratio conversions. Configuration holds powers in dB/dBm; they are converted once, at load.
public enum Decibel {
    /// 10^(dB/10).
    @inlinable public static func toLinear(_ dB: Double) -> Double { Foundation.pow(10, dB / 10) }
    /// 10·log10(x).
    @inlinable public static func fromLinear(_ x: Double) -> Double { 10 * Foundation.log10(x) }
    /// Power in watts from dBm: 10^((dBm − 30)/10).
    @inlinable public static func wattsFromDBm(_ dBm: Double) -> Double { Foundation.pow(10, (dBm - 30) / 10) }
}
