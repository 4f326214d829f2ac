import ISACMath

/// Common random numbers for the echoes (TW2): the noise of the echo of vehicle `vehicle` at RSU
/// `rsu` in slot `slot` comes from its own generator, derived from the run's seed and the triple.
/// Every policy's twin therefore draws the same standard-normal noise for the same link and slot
/// (scaled by its own beam's variances), and adding or removing a policy changes no other
/// policy's numbers.
public struct MeasurementStreams: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public func generator(slot: Int, vehicle: Int, rsu: Int) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: UInt64(truncatingIfNeeded: slot) &* 0x9E37_79B9_7F4A_7C15)
        let a = mix.next() ^ (UInt64(truncatingIfNeeded: vehicle) &* 0xC2B2_AE3D_27D4_EB4F)
        var mix2 = SplitMix64(seed: a)
        let stream = mix2.next() ^ UInt64(truncatingIfNeeded: rsu)
        return Xoshiro256StarStar(seed: seed ^ 0xEC40_7A11_5EED_0001, stream: stream)
    }
}
