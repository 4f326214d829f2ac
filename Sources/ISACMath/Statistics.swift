import Foundation

/// Summary statistics used by experiments, benchmarks and statistical tests.
public enum Statistics {
    /// Arithmetic mean (NaN for an empty sample).
    public static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// Unbiased sample variance (n − 1 in the denominator; NaN for fewer than two values).
    public static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    /// Sample standard deviation.
    public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }

    /// Standard error of the mean, s/√n.
    public static func standardError(_ x: [Double]) -> Double {
        standardDeviation(x) / Double(x.count).squareRoot()
    }

    /// The p-quantile (p in [0, 1]) by linear interpolation between order statistics
    /// (type 7 of Hyndman & Fan, the default of R and NumPy).
    public static func quantile(_ x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        let h = Double(s.count - 1) * min(max(p, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}
