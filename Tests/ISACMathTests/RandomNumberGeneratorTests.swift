import Foundation
import Testing

@testable import ISACMath

/// Known answers from the authors' reference C code (prng.di.unimi.it), compiled and run
/// independently of this package.
@Suite struct RandomNumberGeneratorTests {
    @Test func splitMix64MatchesReferenceImplementation() {
        var g = SplitMix64(seed: 42)
        #expect([g.next(), g.next(), g.next()] == [13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858])
    }

    @Test func xoshiroMatchesReferenceImplementationSeededBySplitMix() {
        var g = Xoshiro256StarStar(seed: 12345)
        let expected: [UInt64] = [
            13_720_838_825_685_603_483, 2_398_916_695_208_396_998, 17_770_384_849_984_869_256,
            891_717_726_879_801_395, 10_241_316_046_318_454_344,
        ]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test func sameSeedSameStreamDifferentStreamsDiffer() {
        var a = Xoshiro256StarStar(seed: 7, stream: 3)
        var b = Xoshiro256StarStar(seed: 7, stream: 3)
        var c = Xoshiro256StarStar(seed: 7, stream: 4)
        var d = Xoshiro256StarStar(seed: 8, stream: 3)
        let xa = (0..<16).map { _ in a.next() }
        #expect(xa == (0..<16).map { _ in b.next() })
        #expect(xa != (0..<16).map { _ in c.next() })
        #expect(xa != (0..<16).map { _ in d.next() })
    }

    /// Uniform on [0,1): mean 1/2, variance 1/12. With n = 200 000 the standard errors are
    /// 6.5e-4 and 1.9e-4; the tolerances are five of them.
    @Test func uniformMomentsMatchTheory() {
        var g = Xoshiro256StarStar(seed: 1)
        let x = (0..<200_000).map { _ in g.nextUniform() }
        #expect(x.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(Statistics.mean(x) - 0.5) < 5 * 6.5e-4)
        #expect(abs(Statistics.variance(x) - 1.0 / 12) < 5 * 1.9e-4)
    }

    /// N(0,1): mean 0 (SE 1/√n), variance 1 (SE √(2/n)), fourth moment 3 (SE √(96/n)); n = 200 000,
    /// tolerance five standard errors.
    @Test func gaussianMomentsMatchTheory() {
        var g = Xoshiro256StarStar(seed: 2)
        let n = 200_000.0
        let x = (0..<200_000).map { _ in g.nextGaussian() }
        let m4 = x.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
        #expect(abs(Statistics.mean(x)) < 5 / n.squareRoot())
        #expect(abs(Statistics.variance(x) - 1) < 5 * (2 / n).squareRoot())
        #expect(abs(m4 - 3) < 5 * (96 / n).squareRoot())
    }

    /// CN(0, σ²): E|z|² = σ², real and imaginary parts each σ²/2.
    @Test func complexGaussianSplitsVarianceEvenly() {
        var g = Xoshiro256StarStar(seed: 3)
        let n = 100_000
        var re: [Double] = [], im: [Double] = []
        for _ in 0..<n {
            let z = g.nextComplexGaussian(variance: 4)
            re.append(z.re)
            im.append(z.im)
        }
        // Var of the sample variance of N(0, 2) is 2·2²/n → SE = 2√(2/n) ≈ 0.0089.
        #expect(abs(Statistics.variance(re) - 2) < 5 * 0.0089)
        #expect(abs(Statistics.variance(im) - 2) < 5 * 0.0089)
    }

    /// Exponential(rate 4): mean 1/4 with SE (1/4)/√n.
    @Test func exponentialMeanMatchesRate() {
        var g = Xoshiro256StarStar(seed: 4)
        let x = (0..<100_000).map { _ in g.nextExponential(rate: 4) }
        #expect(abs(Statistics.mean(x) - 0.25) < 5 * 0.25 / 100_000.0.squareRoot())
    }

    /// nextInt(below: 6): each face with probability 1/6; chi-square with 5 degrees of freedom
    /// below its 99.9 % quantile 20.52.
    @Test func boundedIntegersAreUniform() {
        var g = Xoshiro256StarStar(seed: 5)
        var counts = [Double](repeating: 0, count: 6)
        let n = 60_000
        for _ in 0..<n { counts[g.nextInt(below: 6)] += 1 }
        let e = Double(n) / 6
        let chi2 = counts.reduce(0) { $0 + ($1 - e) * ($1 - e) / e }
        #expect(chi2 < 20.52)
    }
}
