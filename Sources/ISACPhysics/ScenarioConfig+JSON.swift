import Foundation

extension ScenarioConfig {
    /// Pretty-printed JSON with sorted keys: the format `isactwin config` prints and `--config` reads.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Integer fields and the integers they accept (checked before decoding, so `32.5`, `1e3` or a
    /// 30-digit integer name the field instead of failing inside the decoder).
    static let integerFields: [String: ClosedRange<Int>] = [
        "antennas.transmit": antennaRange, "antennas.receive": antennaRange,
    ]

    /// Enumeration fields and their valid values, listed in the error for any other value.
    static let enumerationFields: [String: [String]] = [
        "preset": presetNames,
        "options.powerBudget": PowerBudget.allCases.map(\.rawValue),
        "options.echoNoiseModel": EchoNoiseModel.allCases.map(\.rawValue),
        "geometry.corridor.layout": Corridor.Layout.allCases.map(\.rawValue),
    ]

    /// Applies a JSON document that overrides any subset of `base` (nested objects merge key by
    /// key; arrays and scalars replace), then validates the result (D8, D10).
    ///
    /// The document must be strict JSON (RFC 8259: no trailing commas, comments or duplicate keys).
    /// Unknown keys, `null`, a value of the wrong type, a non-integer or out-of-range integer in an
    /// integer field and an unknown enumeration value are rejected with the field's dotted path.
    public static func load(json data: Data, over base: ScenarioConfig = .paper) throws -> ScenarioConfig {
        let overlay: StrictJSON
        do {
            overlay = try StrictJSON.parse(data)
        } catch let e as StrictJSON.SyntaxError {
            throw ConfigError(field: "(file)", value: "not strict JSON: \(e)", validRange: "a JSON object (RFC 8259)")
        }
        guard case .object = overlay else {
            throw ConfigError(field: "(file)", value: "a JSON value of type \(overlay.kindDescription)", validRange: "a JSON object")
        }
        var start = base
        // A file naming another preset starts from that preset.
        if let name = overlay["preset"] {
            try checkValue(name, against: .string(base.preset), path: "preset")
            guard case .string(let s) = name, let p = preset(named: s) else { fatalError("checked above") }
            start = p
        }
        var baseJSON = try StrictJSON.parse(JSONEncoder().encode(start))
        if let geometry = overlay["geometry"], case .object(let given) = geometry {
            try prepareCorridor(given: given.map(\.key), start: start, base: &baseJSON)
        }
        let merged = try merge(overlay, into: baseJSON, path: "")
        var config: ScenarioConfig
        do {
            config = try JSONDecoder().decode(ScenarioConfig.self, from: Data(merged.text.utf8))
        } catch let DecodingError.typeMismatch(type, context) {
            throw ConfigError(field: dottedPath(context.codingPath), value: "a value of the wrong type", validRange: "a \(type)")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConfigError(field: dottedPath(context.codingPath), value: "an unreadable value", validRange: context.debugDescription)
        } catch let DecodingError.valueNotFound(type, context) {
            throw ConfigError(field: dottedPath(context.codingPath), value: "null", validRange: "a \(type)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigError(field: dottedPath(context.codingPath + [key]), value: "missing", validRange: "a value")
        }
        config = config.expandingCorridor()
        try config.validate()
        return config
    }

    /// A corridor given over a start without one merges into ``Corridor/paperCell`` (every field
    /// of it may be overridden); RSUs or road ends given over a corridor are rejected, since the
    /// corridor's expansion sets them (C1).
    private static func prepareCorridor(given: [String], start: ScenarioConfig, base: inout StrictJSON) throws {
        let derived = ["rsus", "roadStartX", "roadEndX"]
        if start.geometry.corridor != nil || given.contains("corridor"), let field = derived.first(where: given.contains) {
            throw ConfigError(
                field: "geometry.\(field)", value: "given with a corridor",
                validRange: "omitted: geometry.corridor sets the RSUs and the road's ends (or start from a preset without a corridor and give no corridor)")
        }
        guard given.contains("corridor"), start.geometry.corridor == nil,
            case .object(var members) = base, let g = members.firstIndex(where: { $0.key == "geometry" }),
            case .object(var geometry) = members[g].value
        else { return }
        geometry.append((key: "corridor", value: try StrictJSON.parse(JSONEncoder().encode(Corridor.paperCell))))
        members[g].value = .object(geometry)
        base = .object(members)
    }

    /// `geometry.rsus[1].x` from a decoder's coding path.
    static func dottedPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    private static func merge(_ overlay: StrictJSON, into base: StrictJSON, path: String) throws -> StrictJSON {
        switch base {
        case .object(let baseMembers):
            guard case .object(let members) = overlay else {
                throw ConfigError(field: path, value: overlay.kindDescription, validRange: "an object with fields \(baseMembers.map(\.key).sorted().joined(separator: ", "))")
            }
            var out = baseMembers
            for (key, value) in members {
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let index = out.firstIndex(where: { $0.key == key }) else {
                    throw ConfigError(
                        field: field, value: "an unknown field",
                        validRange: "one of: \(baseMembers.map(\.key).sorted().joined(separator: ", "))")
                }
                out[index].value = try merge(value, into: out[index].value, path: field)
            }
            return .object(out)
        case .array(let baseItems):
            guard case .array(let items) = overlay else {
                throw ConfigError(field: path, value: overlay.kindDescription, validRange: "an array")
            }
            // Arrays replace; every element must be complete, like the preset's first element.
            guard let template = baseItems.first else { return overlay }
            return .array(try items.enumerated().map { i, item in
                let field = "\(path)[\(i)]"
                let complete = try merge(item, into: template, path: field)
                if case .object(let t) = template, case .object(let given) = item {
                    for member in t where !given.contains(where: { $0.key == member.key }) {
                        throw ConfigError(field: "\(field).\(member.key)", value: "missing", validRange: expectation(member.value, path: "\(field).\(member.key)"))
                    }
                }
                return complete
            })
        default:
            try checkValue(overlay, against: base, path: path)
            return overlay
        }
    }

    /// Checks a scalar against the kind of the preset's value at the same path.
    private static func checkValue(_ value: StrictJSON, against base: StrictJSON, path: String) throws {
        let valid = expectation(base, path: path)
        switch (base, value) {
        case (.number, .number(let text)):
            if let range = integerFields[path] {
                guard text.allSatisfy({ $0.isNumber || $0 == "-" }), let n = Int(text), range.contains(n) else {
                    throw ConfigError(field: path, value: text, validRange: valid)
                }
            } else {
                guard let x = Double(text), x.isFinite else {
                    throw ConfigError(field: path, value: text, validRange: valid)
                }
            }
        case (.string, .string(let s)):
            if let values = enumerationFields[path], !values.contains(s) {
                throw ConfigError(field: path, value: "\"\(s)\"", validRange: valid)
            }
        case (.bool, .bool): break
        default:
            throw ConfigError(field: path, value: value.kindDescription, validRange: valid)
        }
    }

    /// "an integer in [2, 1024]", "one of: perBeam, perRSU", "true or false", …
    private static func expectation(_ base: StrictJSON, path: String) -> String {
        switch base {
        case .number:
            if let r = integerFields[path] { return "an integer in [\(r.lowerBound), \(r.upperBound)]" }
            return "a finite number"
        case .string:
            if let values = enumerationFields[path] { return "one of: \(values.joined(separator: ", "))" }
            return "a string"
        case .bool: return "true or false"
        case .object: return "an object"
        case .array: return "an array"
        case .null: return "null"
        }
    }
}
