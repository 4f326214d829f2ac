import Foundation

/// Binary shard of a dataset (format version 1; see docs/DATASET.md).
///
///     "ISDS"  formatVersion:u32  featureCount:u32  beamComponentCount:u32  sampleCount:u32  reserved:u32
///     per sample:  K:u32  features:f32[K·F]  assignments:i32[K]  beams:f32[K·2N_t]
///     fnv1a64:u64 over all preceding bytes
///
/// All integers and floats are little-endian; floats are IEEE-754 binary32 by bit pattern.
public enum DatasetShardFormat {
    public static let magic = "ISDS"
    public static let version = 1
    /// Largest K a shard accepts (guards against reading garbage as a huge allocation).
    public static let maximumVehicleCount = 100_000

    public static func encode(_ samples: [LearningSample], layout: FeatureLayout) -> Data {
        let F = layout.featureCount, R = layout.beamComponentCount
        let floats = samples.reduce(0) { $0 + $1.vehicleCount * (F + R + 1) + 1 }
        var w = BinaryWriter(reservingCapacity: 32 + 4 * floats)
        w.append(magic: magic)
        w.append(UInt32(version))
        w.append(UInt32(F))
        w.append(UInt32(R))
        w.append(UInt32(samples.count))
        w.append(UInt32(0))
        for s in samples {
            precondition(s.matches(layout), "sample sizes do not match the feature layout")
            w.append(UInt32(s.vehicleCount))
            w.append(floats: s.features)
            w.append(int32s: s.assignments)
            w.append(floats: s.beams)
        }
        w.appendChecksum()
        return w.data
    }

    /// Parses a shard and checks it against the layout; `name` labels errors.
    public static func decode(_ data: Data, layout: FeatureLayout, name: String) throws -> [LearningSample] {
        var r = BinaryReader(data)
        try r.magic(magic, what: name)
        let v = Int(try r.uint32(name))
        guard v == version else {
            throw LearningFormatError.unsupportedVersion(what: name, found: v, supported: version)
        }
        let F = Int(try r.uint32(name)), R = Int(try r.uint32(name))
        guard F == layout.featureCount, R == layout.beamComponentCount else {
            throw LearningFormatError.inconsistent(
                what: name,
                detail: "shard has \(F) features and \(R) beam components; the manifest says \(layout.featureCount) and \(layout.beamComponentCount)")
        }
        let count = Int(try r.uint32(name))
        _ = try r.uint32(name)
        var samples: [LearningSample] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let K = Int(try r.uint32(name))
            guard K >= 1, K <= maximumVehicleCount else {
                throw LearningFormatError.inconsistent(what: name, detail: "sample \(index) has K = \(K), valid 1...\(maximumVehicleCount)")
            }
            let features = try r.floats(K * F, what: name)
            let assignments = try r.int32s(K, what: name)
            let beams = try r.floats(K * R, what: name)
            samples.append(LearningSample(vehicleCount: K, features: features, assignments: assignments, beams: beams))
        }
        try r.verifyChecksum(what: name)
        return samples
    }
}
