/// xoshiro256** (Blackman & Vigna 2018): the project's only random number generator.
///
/// Every random quantity in ISACTwin flows from an explicit seed through a value of this type that
/// is passed in as a parameter; there is no global generator. Streams for independent trials are
/// derived from one master seed with ``init(seed:stream:)``.
///
/// Reference: https://prng.di.unimi.it/xoshiro256starstar.c
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the 256-bit state from SplitMix64, as the authors recommend.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// An independent stream for trial `stream` of an experiment with master seed `seed`.
    ///
    /// The pair is hashed through two SplitMix64 rounds, so nearby seeds and stream indices give
    /// unrelated states; the same pair always gives the same stream.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed)
        let a = mixer.next()
        var streamMixer = SplitMix64(seed: a ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: streamMixer.next() ^ mixer.next())
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
