import Foundation

/// Samplers built on raw 64-bit outputs. Bits are converted to doubles here rather than through the
/// standard library's `random(in:using:)`, whose algorithm may change between Swift versions: the same
/// seed must give the same numbers on every toolchain.
extension RandomNumberGenerator {
    /// Uniform on [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform on the open interval (0, 1): never 0, so `log` of it is finite.
    @inlinable
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Uniform on [lower, upper).
    @inlinable
    public mutating func nextUniform(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUniform()
    }

    /// Standard normal N(0, 1) by the Box-Muller transform (one of the pair is discarded so the
    /// generator stays a pure value with no cached state).
    @inlinable
    public mutating func nextGaussian() -> Double {
        let u1 = nextOpenUniform()
        let u2 = nextUniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// N(mean, std²).
    @inlinable
    public mutating func nextGaussian(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextGaussian()
    }

    /// Circular complex Gaussian CN(0, variance): real and imaginary parts each N(0, variance/2),
    /// returned as (re, im).
    @inlinable
    public mutating func nextComplexGaussian(variance: Double) -> (re: Double, im: Double) {
        let s = (variance / 2).squareRoot()
        return (s * nextGaussian(), s * nextGaussian())
    }

    /// Exponential with the given rate (mean 1/rate), by inversion.
    @inlinable
    public mutating func nextExponential(rate: Double) -> Double {
        -Foundation.log(nextOpenUniform()) / rate
    }

    /// Uniform integer in 0..<bound without modulo bias (Lemire's method).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }
}
