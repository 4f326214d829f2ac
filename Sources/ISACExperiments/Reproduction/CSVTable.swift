/// A parsed tidy CSV (header line + rows, comma-separated, no quoting: the project's CSVs never
/// put a comma inside a field). The report reads figures' data only through this type, so every
/// number it prints comes from the text that was written to disk.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case wrongFieldCount(line: Int, expected: Int, found: Int)
        case missingColumn(String)

        public var description: String {
            switch self {
            case .empty: return "the CSV has no header line"
            case .wrongFieldCount(let l, let e, let f): return "line \(l) has \(f) fields, the header has \(e)"
            case .missingColumn(let c): return "no column '\(c)'"
            }
        }
    }

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public init(parsing text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { throw ParseError.empty }
        let names = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        header = names
        rows = try lines.enumerated().map { i, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == names.count else {
                throw ParseError.wrongFieldCount(line: i + 2, expected: names.count, found: fields.count)
            }
            return fields
        }
    }

    public func columnIndex(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw ParseError.missingColumn(name) }
        return i
    }

    /// Distinct values of a column in order of first appearance.
    public func distinct(_ column: String) throws -> [String] {
        let c = try columnIndex(column)
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0[c]).inserted ? $0[c] : nil }
    }
}
