import Foundation

/// Little-endian binary writer for the dataset and model formats. Floats are written by bit
/// pattern, so a round trip is bit-identical (NaN payloads included).
struct BinaryWriter {
    private(set) var data = Data()

    init(reservingCapacity capacity: Int = 0) { data.reserveCapacity(capacity) }

    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int32) { append(UInt32(bitPattern: value)) }

    mutating func append(_ bytes: Data) { data.append(bytes) }

    mutating func append(magic: String) { data.append(contentsOf: Array(magic.utf8)) }

    mutating func append<C: Collection>(floats: C) where C.Element == Float {
        for x in floats { append(x.bitPattern) }
    }

    mutating func append<C: Collection>(int32s: C) where C.Element == Int32 {
        for x in int32s { append(x) }
    }

    /// Appends the FNV-1a 64-bit hash of everything written so far (the format trailer).
    mutating func appendChecksum() { append(FNV1a.hash(data)) }
}

/// Little-endian reader over `Data` that throws instead of trapping on truncated input.
struct BinaryReader {
    let data: Data
    private(set) var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var remaining: Int { data.endIndex - offset }

    mutating func bytes(_ count: Int, what: String) throws -> Data {
        guard count >= 0, remaining >= count else {
            throw LearningFormatError.truncated(what: what)
        }
        defer { offset += count }
        return data.subdata(in: offset..<(offset + count))
    }

    mutating func uint32(_ what: String) throws -> UInt32 {
        guard remaining >= 4 else { throw LearningFormatError.truncated(what: what) }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(data[offset + k]) << (8 * UInt32(k)) }
        offset += 4
        return v
    }

    mutating func uint64(_ what: String) throws -> UInt64 {
        let lo = try uint32(what), hi = try uint32(what)
        return UInt64(lo) | (UInt64(hi) << 32)
    }

    mutating func int32(_ what: String) throws -> Int32 { Int32(bitPattern: try uint32(what)) }

    mutating func magic(_ expected: String, what: String) throws {
        let found = try bytes(expected.utf8.count, what: what)
        guard Array(found) == Array(expected.utf8) else {
            throw LearningFormatError.badMagic(what: what, expected: expected)
        }
    }

    mutating func floats(_ count: Int, what: String) throws -> [Float] {
        guard count >= 0, remaining >= 4 * count else {
            throw LearningFormatError.truncated(what: what)
        }
        var out = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.advanced(by: offset - data.startIndex)
            for e in 0..<count {
                out[e] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * e, as: UInt32.self)))
            }
        }
        offset += 4 * count
        return out
    }

    mutating func int32s(_ count: Int, what: String) throws -> [Int32] {
        guard count >= 0, remaining >= 4 * count else {
            throw LearningFormatError.truncated(what: what)
        }
        var out = [Int32](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.advanced(by: offset - data.startIndex)
            for e in 0..<count {
                out[e] = Int32(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * e, as: UInt32.self)))
            }
        }
        offset += 4 * count
        return out
    }

    /// Verifies the FNV-1a trailer over everything before it; must be the last read.
    mutating func verifyChecksum(what: String) throws {
        let body = data.subdata(in: data.startIndex..<offset)
        let stored = try uint64(what + " checksum")
        guard stored == FNV1a.hash(body) else { throw LearningFormatError.checksumMismatch(what: what) }
        guard remaining == 0 else { throw LearningFormatError.trailingBytes(what: what, count: remaining) }
    }
}

/// FNV-1a, 64 bit: a cheap integrity check for truncated or corrupted files (not cryptographic).
enum FNV1a {
    static func hash(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw.bindMemory(to: UInt8.self) { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return h
    }
}

/// Why a dataset shard, manifest, model or checkpoint could not be read.
public enum LearningFormatError: Error, Equatable, CustomStringConvertible {
    case truncated(what: String)
    case badMagic(what: String, expected: String)
    case unsupportedVersion(what: String, found: Int, supported: Int)
    case checksumMismatch(what: String)
    case trailingBytes(what: String, count: Int)
    case inconsistent(what: String, detail: String)
    case badHeader(what: String, detail: String)

    public var description: String {
        switch self {
        case .truncated(let w): return "\(w): file ends early (truncated or not this format)"
        case .badMagic(let w, let m): return "\(w): not a '\(m)' file (wrong magic bytes)"
        case .unsupportedVersion(let w, let f, let s):
            return "\(w): format version \(f) is not supported (this build reads version \(s))"
        case .checksumMismatch(let w): return "\(w): checksum mismatch (file corrupted)"
        case .trailingBytes(let w, let n): return "\(w): \(n) unexpected bytes after the end"
        case .inconsistent(let w, let d): return "\(w): \(d)"
        case .badHeader(let w, let d): return "\(w): unreadable header (\(d))"
        }
    }
}
