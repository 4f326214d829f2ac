import Foundation

extension ScenarioConfig {
    /// A short hex fingerprint of every parameter (FNV-1a 64 of the sorted-key JSON, `preset`
    /// excluded): equal for equal configurations however they were given (preset or file). Dataset
    /// manifests record it, so data of different scenarios cannot be mixed (D16).
    public var fingerprint: String {
        var c = self
        c.preset = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(c)) ?? Data()
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return String(h, radix: 16)
    }
}
