/// A value a template shows: text, a flag, a list, an object of named values, or nothing.
///
/// Built by the page kinds as `TemplateObject`s, or made from dictionaries (`init(_:)`), with the
/// theme's conventions: an empty text or list is `absent` (templates mean "if there is one" by a
/// section over it, where Mustache would take an empty text as true), and every list value
/// `items` of an object gets a flag `hasItems`.
public enum TemplateValue: Sendable {
    case text(String)
    /// Text as UTF-8 bytes, a part of a larger array (a page's HTML and its parts).
    case bytes(ArraySlice<UInt8>)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateFields)
    /// Not there: prints nothing, and a section over it is skipped. `names`: the names the value
    /// has on the pages where it is there, for the check of the names templates use.
    case absent(Set<String>)

    public init(_ value: Any) {
        self = Self.converting(value).value
    }

    /// The value, and whether it was a list (which gets a `has…` flag in its object). One cast
    /// per value, most frequent kinds first: the casts were a tenth of the theme stage.
    static func converting(_ value: Any) -> (value: TemplateValue, isList: Bool) {
        // The kinds the theme stage builds are told by their exact type first: a cast such as
        // `[[String: Any]]` to `[Any]` or `[String: String]` to `[String: Any]` copies the whole
        // collection into a new one.
        let kind = type(of: value)
        if kind == String.self { return text(value as! String) }
        if kind == [String: Any].self { return (object(value as! [String: Any], converting: { converting($0) }), false) }
        if kind == [[String: Any]].self { return list((value as! [[String: Any]]).map { .object($0, converting: { converting($0) }) }) }
        if kind == Bool.self { return (.flag(value as! Bool), false) }
        if kind == [UInt8].self { return (bytesOrAbsent((value as! [UInt8])[...]), false) }
        if kind == [String: String].self { return (object(value as! [String: String], converting: text), false) }
        if kind == [[String: String]].self { return list((value as! [[String: String]]).map { .object($0, converting: text) }) }
        if let text = value as? String { return Self.text(text) }
        if let object = value as? [String: Any] { return (Self.object(object, converting: { converting($0) }), false) }
        if let list = value as? [Any] { return Self.list(list.map { converting($0).value }) }
        if let flag = value as? Bool { return (.flag(flag), false) }
        if let value = value as? TemplateValue { return (value, false) }
        if let number = value as? Int { return (.text(String(number)), false) }
        if let absent = value as? ThemeRenderer.Absent { return (.absent(absent.names), false) }
        return (.text(String(describing: value)), false)
    }

    private static func text(_ text: String) -> (value: TemplateValue, isList: Bool) {
        (textOrAbsent(text), false)
    }

    /// A text; an empty one is absent.
    static func textOrAbsent(_ text: String) -> TemplateValue {
        text.isEmpty ? .absent([]) : .text(text)
    }

    /// Bytes; none is absent.
    static func bytesOrAbsent(_ bytes: ArraySlice<UInt8>) -> TemplateValue {
        bytes.isEmpty ? .absent([]) : .bytes(bytes)
    }

    private static func list(_ items: [TemplateValue]) -> (value: TemplateValue, isList: Bool) {
        (items.isEmpty ? .absent([]) : .list(items), true)
    }

    /// An object of converted values; a list value `items` also gets the flag `hasItems`.
    private static func object<Value>(_ object: [String: Value], converting: (Value) -> (value: TemplateValue, isList: Bool)) -> TemplateValue {
        var values = TemplateFields(capacity: object.count + 2)
        for (key, item) in object {
            let (converted, isList) = converting(item)
            values[key] = converted
            if isList {
                let isEmpty = if case .absent = converted { true } else { false }
                values[listFlagName(key)] = .flag(!isEmpty)
            }
        }
        return .object(values)
    }

    /// The name of the flag that says whether the list `key` has items: `items` → `hasItems`.
    static func listFlagName(_ key: String) -> String {
        // The names are ASCII: capitalised on the bytes, without Unicode case mapping.
        if let first = key.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), key.utf8.allSatisfy({ $0 < 0x80 }) {
            return "has" + String(Unicode.Scalar(first - 0x20)) + key.dropFirst()
        }
        return "has" + key.prefix(1).uppercased() + key.dropFirst()
    }

    /// The value named `key` (whose hash is `hash`) of an object; nothing for other values.
    func field(_ key: String, hash: UInt32) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.value(key, hash: hash)
    }

    /// The names of an object's values at every depth, each with whether its value is there on at
    /// least one page (`TemplateNames`); the values under the keys in `opaque` (checked apart) are
    /// not walked into.
    func collectNames(into names: inout TemplateNames, skipping opaque: Set<String> = []) {
        switch self {
        case .object(let values):
            values.entries.withUnsafeBufferPointer { entries in
                for index in entries.indices {
                    // Whether a section over the value shows its content, and whether the value
                    // has names inside to walk into (only then can those be judged: an absent
                    // value with names would show them). Told apart in place, without binding
                    // what most values hold (a copy of a text, retained and released, for each
                    // value of every page).
                    let isThere: Bool, hasNames: Bool
                    switch entries[index].value {
                    case .text, .bytes: (isThere, hasNames) = (true, false)
                    case .flag(let flag): (isThere, hasNames) = (flag, false)
                    case .list, .object: (isThere, hasNames) = (true, true)
                    case .absent(let absentNames): (isThere, hasNames) = (!absentNames.isEmpty, !absentNames.isEmpty)
                    }
                    names.add(entries[index].key, hash: entries[index].hash, isThere: isThere)
                    guard hasNames else { continue }
                    if opaque.isEmpty || !opaque.contains(entries[index].key) { entries[index].value.collectNames(into: &names) }
                }
            }
        case .list(let items):
            items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    switch items[index] {
                    case .text, .bytes, .flag: continue
                    default: items[index].collectNames(into: &names)
                    }
                }
            }
        case .absent(let absentNames):
            for name in absentNames { names.add(name, hash: TemplateFields.hash(name), isThere: false) }
        case .text, .bytes, .flag:
            break
        }
    }
}

/// An object value built from typed values by the conventions of `TemplateValue(_:)` (an empty
/// text or list is `absent`; a list of objects gets its flag `has…`), without the dictionary of
/// `Any` that `TemplateValue(_:)` converts: the values of every page are built this way.
struct TemplateObject: Sendable {
    private(set) var values: TemplateFields

    init(capacity: Int = 8) {
        values = TemplateFields(capacity: capacity)
    }

    var value: TemplateValue { .object(values) }

    /// A text; an empty one is absent.
    mutating func set(_ key: String, _ text: String) {
        values[key] = TemplateValue.textOrAbsent(text)
    }

    /// Text as UTF-8 bytes; none is absent.
    mutating func set(_ key: String, bytes: ArraySlice<UInt8>) {
        values[key] = TemplateValue.bytesOrAbsent(bytes)
    }

    mutating func set(_ key: String, _ flag: Bool) {
        values[key] = .flag(flag)
    }

    mutating func set(_ key: String, _ object: TemplateObject) {
        values[key] = .object(object.values)
    }

    /// A list of objects, and its flag `has…`; an empty list is absent.
    mutating func set(_ key: String, _ list: [TemplateObject]) {
        values[key] = list.isEmpty ? .absent([]) : .list(list.map(\.value))
        values[TemplateValue.listFlagName(key)] = .flag(!list.isEmpty)
    }

    /// The values of `other`, over those of the same name here.
    mutating func merge(_ other: TemplateObject) {
        values.merge(other.values)
    }

    /// These values, over those of the same name here.
    mutating func merge(_ fields: TemplateFields) {
        values.merge(fields)
    }

    /// A value as it is: no `has…` flag, even for a list.
    mutating func set(_ key: String, value: TemplateValue) {
        values[key] = value
    }

    /// Any value, converted as `TemplateValue(_:)` converts one inside an object.
    mutating func set(_ key: String, converting value: Any) {
        let (converted, isList) = TemplateValue.converting(value)
        values[key] = converted
        if isList {
            let isEmpty = if case .absent = converted { true } else { false }
            values[TemplateValue.listFlagName(key)] = .flag(!isEmpty)
        }
    }
}

/// The names some pages' values had, at any depth, each with whether its value was there (a
/// section over it would show) on at least one of them: what the check of the names templates use
/// needs (`Theme.unknownNames`). Found by the hash each value's name already has (`TemplateFields`).
public struct TemplateNames: Sendable {
    private var thereOnce = NameTable<Bool>()

    init() {}

    mutating func add(_ name: String, hash: UInt32, isThere: Bool) {
        if let index = thereOnce.index(of: name, hash: hash) {
            if isThere { thereOnce.setValue(at: index, true) }
        } else {
            thereOnce.insertNew(name, hash: hash, isThere)
        }
    }

    mutating func formUnion(_ other: TemplateNames) {
        for entry in other.thereOnce.entries { add(entry.key, hash: entry.hash, isThere: entry.value) }
    }

    /// The names, and `#name` for each that was there at least once.
    var set: Set<String> {
        var set = Set(thereOnce.entries.map(\.key))
        for entry in thereOnce.entries where entry.value { set.insert("#" + entry.key) }
        return set
    }
}
