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
        switch value {
        case let value as TemplateValue:
            self = value
        case let text as String:
            self = text.isEmpty ? .absent([]) : .text(text)
        case let flag as Bool:
            self = .flag(flag)
        case let number as Int:
            self = .text(String(number))
        case let absent as ThemeRenderer.Absent:
            self = .absent(absent.names)
        case let object as [String: Any]:
            var values: [String: TemplateValue] = [:]
            values.reserveCapacity(object.count)
            for (key, item) in object {
                values[key] = TemplateValue(item)
                if let list = item as? [Any] { values["has" + key.prefix(1).uppercased() + key.dropFirst()] = .flag(!list.isEmpty) }
            }
            self = .object(values)
        case let list as [Any]:
            self = list.isEmpty ? .absent([]) : .list(list.map(TemplateValue.init))
        default:
            self = .text(String(describing: value))
        }
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
