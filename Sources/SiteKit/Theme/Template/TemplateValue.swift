/// A value a template shows: text, a flag, a list, an object of named values, or nothing.
///
/// Made from the dictionaries the theme stage builds (`init(_:)`), with the theme's conventions:
/// an empty text or list is `absent` (templates mean "if there is one" by a section over it, where
/// Mustache would take an empty text as true), and every list value `items` of an object gets a
/// flag `hasItems`.
public indirect enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// Not there: prints nothing, and a section over it is skipped. `names`: the names the value
    /// has on the pages where it is there, for the check of the names templates use.
    case absent(Set<String>)

    public init(_ value: Any) {
        self = Self.converting(value).value
    }

    /// The value, and whether it was a list (which gets a `has…` flag in its object). One cast
    /// per value, most frequent kinds first: the casts were a tenth of the theme stage.
    private static func converting(_ value: Any) -> (value: TemplateValue, isList: Bool) {
        if let text = value as? String { return (text.isEmpty ? .absent([]) : .text(text), false) }
        if let object = value as? [String: Any] {
            var values: [String: TemplateValue] = [:]
            values.reserveCapacity(object.count + 2)
            for (key, item) in object {
                let (converted, isList) = converting(item)
                values[key] = converted
                if isList {
                    let isEmpty = if case .absent = converted { true } else { false }
                    values["has" + key.prefix(1).uppercased() + key.dropFirst()] = .flag(!isEmpty)
                }
            }
            return (.object(values), false)
        }
        if let list = value as? [Any] { return (list.isEmpty ? .absent([]) : .list(list.map { converting($0).value }), true) }
        if let flag = value as? Bool { return (.flag(flag), false) }
        if let value = value as? TemplateValue { return (value, false) }
        if let number = value as? Int { return (.text(String(number)), false) }
        if let absent = value as? ThemeRenderer.Absent { return (.absent(absent.names), false) }
        return (.text(String(describing: value)), false)
    }

    /// Whether a section over the value shows its content (or would, for an `absent` value with
    /// names): only then can the names inside it be judged.
    var isThere: Bool {
        switch self {
        case .absent(let names): !names.isEmpty
        case .flag(let flag): flag
        default: true
        }
    }

    /// The names of an object's values at every depth, and `#name` for each that is there at
    /// least once; the values under the keys in `opaque` (checked apart) are not walked into.
    func names(skipping opaque: Set<String> = []) -> Set<String> {
        var names: Set<String> = []
        func collect(_ value: TemplateValue, skipping opaque: Set<String>) {
            switch value {
            case .object(let values):
                for (key, item) in values {
                    names.insert(key)
                    if item.isThere { names.insert("#" + key) }
                    if !opaque.contains(key) { collect(item, skipping: []) }
                }
            case .list(let items):
                for item in items { collect(item, skipping: []) }
            case .absent(let absentNames):
                names.formUnion(absentNames)
            case .text, .flag:
                break
            }
        }
        collect(self, skipping: opaque)
        return names
    }
}
