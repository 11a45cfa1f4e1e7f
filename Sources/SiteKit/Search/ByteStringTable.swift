/// Distinct byte strings (words, terms), numbered 0, 1, 2… in order of first insertion: one
/// buffer holds them all, and an open-addressing hash table finds a string from its bytes
/// without making a `String` or an array for it. Lookups compare bytes, never canonical
/// equivalence: the index builder's words are already normalised.
struct ByteStringTable {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    /// The strings, one after the other.
    private var storage: [UInt8] = []
    private var entries: [Entry] = []
    /// Per slot, a string's number, or -1.
    private var slots = [Int32](repeating: -1, count: 256)
    private var shift: UInt64 = 64 - 8

    var count: Int { entries.count }

    /// Calls `body` with the bytes of string `id`.
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let entry = entries[id]
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[entry.start..<(entry.start + entry.count)])) }
    }

    func string(_ id: Int) -> String { withBytes(id) { String(decoding: $0, as: UTF8.self) } }

    /// The number of `bytes`, and whether it was added now.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, inserted: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let found: Int? = storage.withUnsafeBufferPointer { stored in
            entries.withUnsafeBufferPointer { entries in
                slots.withUnsafeBufferPointer { slots in
                    while true {
                        let id = Int(slots[slot])
                        if id < 0 { return nil }
                        let entry = entries[id]
                        if entry.hash == hash && entry.count == bytes.count
                            && (bytes.isEmpty || stored.baseAddress!.advanced(by: entry.start).equals(bytes)) {
                            return id
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let found { return (found, false) }
        let id = entries.count
        entries.append(Entry(hash: hash, start: storage.count, count: bytes.count))
        storage.append(contentsOf: bytes)
        slots[slot] = Int32(id)
        if entries.count * 2 > slots.count { grow() }
        return (id, true)
    }

    mutating func insert(_ string: String) -> (id: Int, inserted: Bool) {
        var string = string
        return string.withUTF8 { insert($0) }
    }

    private mutating func grow() {
        shift -= 1
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: (entry.hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time (only the table's own slots depend on it:
    /// numbers follow insertion order).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }
}

private extension UnsafePointer<UInt8> {
    /// Whether the bytes here equal `other`.
    func equals(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < other.count {
            if self[index] != other[index] { return false }
            index += 1
        }
        return true
    }
}
