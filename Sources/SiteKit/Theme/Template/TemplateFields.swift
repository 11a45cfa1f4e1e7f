/// The named values of a template object. A name is found by a hash of its UTF-8 bytes (names
/// are compared as written, byte for byte), computed once for it: the
/// renderer's names are hashed when the theme is compiled, a page's names when its values are
/// set. (A `Dictionary` hashed the name again with SipHash at every lookup, at every level of
/// the sections a name is looked up through: a fifth of the theme stage.)
///
/// A few values are searched in order; from `indexedFrom` values on, a table of slots finds them.
public typealias TemplateFields = NameTable<TemplateValue>

/// Values by name, found by a hash of the name's UTF-8 bytes given with it (see `TemplateFields`).
public struct NameTable<Value: Sendable>: Sendable {
    struct Entry: Sendable {
        var key: String
        var hash: UInt32
        var value: Value
    }

    /// The values, in the order they were first set.
    private(set) var entries: ContiguousArray<Entry> = []
    /// Empty below `indexedFrom` values; then a power of two in size, each slot 0 (free) or an
    /// entry's index + 1, found by open addressing from `hash & (slots.count - 1)`.
    private var slots: [Int32] = []

    static var indexedFrom: Int { 9 }

    init(capacity: Int = 8) {
        entries.reserveCapacity(capacity)
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// FNV-1a over the name's UTF-8 bytes.
    static func hash(_ key: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    /// The value named `key`, whose hash is `hash`.
    func value(_ key: String, hash: UInt32) -> Value? {
        index(of: key, hash: hash).map { entries[$0].value }
    }

    subscript(key: String) -> Value? {
        get { value(key, hash: Self.hash(key)) }
        set {
            let hash = Self.hash(key)
            guard let value = newValue else {
                remove(key, hash: hash)
                return
            }
            set(key, hash: hash, value)
        }
    }

    mutating func set(_ key: String, hash: UInt32, _ value: Value) {
        if let index = index(of: key, hash: hash) {
            entries[index].value = value
        } else {
            insertNew(key, hash: hash, value)
        }
    }

    /// The value of the entry at `index` (from `index(of:hash:)`).
    mutating func setValue(at index: Int, _ value: Value) {
        entries[index].value = value
    }

    /// A value under a name the table does not have.
    mutating func insertNew(_ key: String, hash: UInt32, _ value: Value) {
        entries.append(Entry(key: key, hash: hash, value: value))
        if !slots.isEmpty, entries.count * 2 <= slots.count {
            insertSlot(entries.count - 1)
        } else if entries.count >= Self.indexedFrom {
            rebuildSlots()
        }
    }

    /// The values of `other`, over those of the same name here.
    mutating func merge(_ other: NameTable) {
        entries.reserveCapacity(entries.count + other.entries.count)
        for entry in other.entries { set(entry.key, hash: entry.hash, entry.value) }
    }

    /// Where the value named `key` (whose hash is `hash`) is in `entries`.
    func index(of key: String, hash: UInt32) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            if slots.isEmpty {
                return entries.indices.first { entries[$0].hash == hash && entries[$0].key == key }
            }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(hash) & mask
                while slots[slot] != 0 {
                    let index = Int(slots[slot]) - 1
                    if entries[index].hash == hash && entries[index].key == key { return index }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    private mutating func remove(_ key: String, hash: UInt32) {
        guard let index = index(of: key, hash: hash) else { return }
        entries.remove(at: index)
        if !slots.isEmpty { rebuildSlots() }
    }

    private mutating func insertSlot(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private mutating func rebuildSlots() {
        guard entries.count >= Self.indexedFrom else {
            slots = []
            return
        }
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        for index in entries.indices { insertSlot(index) }
    }
}

extension NameTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(capacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }
}
