import Foundation

/// A figure a reproduction can run (R12): one of the paper's Figs. 5-11 by its number, or the
/// corridor comparison beyond the paper (issue 14). In a manifest a paper figure is its number and
/// the corridor the string `"corridor"`, so manifests written before the corridor existed (numbers
/// only) decode unchanged.
public enum ReproductionFigure: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    case paper(Int)
    case corridor

    /// The paper's figures a reproduction can run.
    public static let paperRange = 5...11
    public static let corridorName = "corridor"
    /// Every figure (`--figures all`).
    public static let all: [ReproductionFigure] = paperRange.map(ReproductionFigure.paper) + [.corridor]

    public init(integerLiteral value: Int) { self = .paper(value) }

    /// `7` or `corridor`; nil for anything else (numbers outside 5...11 included).
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == Self.corridorName {
            self = .corridor
        } else if let n = Int(t), Self.paperRange.contains(n) {
            self = .paper(n)
        } else {
            return nil
        }
    }

    public var isValid: Bool {
        switch self {
        case .paper(let n): return Self.paperRange.contains(n)
        case .corridor: return true
        }
    }

    /// The paper figure's number, nil for the corridor.
    public var number: Int? {
        if case .paper(let n) = self { return n }
        return nil
    }

    public var description: String {
        switch self {
        case .paper(let n): return String(n)
        case .corridor: return Self.corridorName
        }
    }

    /// Paper figures in order, then the corridor.
    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.paper(let x), .paper(let y)): return x < y
        case (.paper, .corridor): return true
        default: return false
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            self = .paper(n)
            return
        }
        let s = try c.decode(String.self)
        guard s == Self.corridorName else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "figure '\(s)'; valid: 5...11 or \"corridor\"")
        }
        self = .corridor
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .paper(let n): try c.encode(n)
        case .corridor: try c.encode(Self.corridorName)
        }
    }
}
