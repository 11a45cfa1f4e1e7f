/// `SearchNormalizer.words` on UTF-8 bytes, for the index builder: the same words, byte for byte,
/// without a `String` per word or a Unicode property lookup per character.
///
/// Text is cut at ASCII white space (space, tab, line feed, carriage return). No word crosses
/// white space, and normalisation never reaches across it (a space is a starter that composes
/// with nothing and that no combining mark is reordered past), so each piece can be analysed
/// alone. A piece whose characters are all *plain* — ASCII, the Latin-1, Latin Extended-A/B, IPA
/// and Cyrillic letters of U+0000–U+04FF that NFC leaves alone and whose lowercase is one
/// character without a mark (`SearchNormalizer.isNFCStableWithoutMarks`), and the punctuation
/// and currency signs of U+2002–U+20BF — is lowercased, split and folded through a table built
/// once from the same rules. Any other piece (combining marks, the soft hyphen, `İ`, Greek, CJK,
/// emoji, invalid UTF-8) goes through `SearchNormalizer.words` unchanged.
enum SearchWordScanner {
    /// Per scalar below U+0500: the lowercase scalar in the low 21 bits and the flags below.
    static let table: [UInt32] = (0..<0x500).map(entry)

    static let plain: UInt32 = 1 << 24
    static let wordStart: UInt32 = 1 << 25
    static let cyrillic: UInt32 = 1 << 26
    static let latin: UInt32 = 1 << 27
    static let scalarMask: UInt32 = 0x1F_FFFF

    /// The table entry of `value`, from `SearchNormalizer`'s own rules: 0 when the scalar is not
    /// plain (its pieces take the general path).
    static func entry(_ value: Int) -> UInt32 {
        guard let scalar = Unicode.Scalar(UInt32(value)), SearchNormalizer.isNFCStableWithoutMarks(scalar) else { return 0 }
        let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
        guard lower.count == 1 else { return 0 }
        var folded = lower[0]
        switch folded.value {
        case 0x045D: folded = "и"  // ѝ
        case 0x0450: folded = "е"  // ѐ
        case 0x00AD, 0x0300..<0x0370: return 0
        default: break
        }
        // The lowercase letter must be as stable as the capital (Ⱥ → ⱥ U+2C65 takes the general path).
        guard SearchNormalizer.isNFCStableWithoutMarks(folded), !SearchNormalizer.isMark(folded) else { return 0 }
        var flags = plain
        if SearchNormalizer.isWordStart(folded) { flags |= wordStart }
        if SearchNormalizer.isCyrillic(folded) { flags |= cyrillic }
        if SearchNormalizer.isLatin(folded) { flags |= latin }
        return flags | folded.value
    }

    /// Calls `body` with the UTF-8 bytes of each word of `text`, in order: the words of
    /// `SearchNormalizer.words(text)`. Returns the number of words.
    @discardableResult
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        var text = text
        return text.withUTF8 { forEachWord(inUTF8: $0, body) }
    }

    /// The same on UTF-8 bytes; invalid sequences read as U+FFFD, as `String(decoding:as:)` does.
    @discardableResult
    static func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        Self.table.withUnsafeBufferPointer { table in
            forEachWord(inUTF8: bytes, table, body)
        }
    }

    /// A word of the current piece, held until the piece turns out plain to its end.
    private struct PendingWord {
        var start: Int
        var stop: Int
        /// Lowercasing changes it.
        var changed: Bool
        /// It has Cyrillic and Latin letters.
        var mixed: Bool
    }

    /// One pass: words of a piece are held until the white space that ends it; a character that
    /// is not plain sends the whole piece down the general path instead.
    private static func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt32>,
                                    _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        // `pending[..<pendingCount]`; the array keeps its elements between pieces.
        var pending: [PendingWord] = []
        var pendingCount = 0
        var rewritten: [UInt8] = []
        var count = 0
        var index = 0, pieceStart = 0
        // The current word's first byte, the OR of its characters' table entries, and a nonzero
        // value if lowercasing changes one of them.
        var currentWord = -1, wordBits: UInt32 = 0, changedBits: UInt32 = 0
        let end = bytes.count

        func endWord(_ stop: Int) {
            guard currentWord >= 0 else { return }
            let word = PendingWord(start: currentWord, stop: stop, changed: changedBits != 0,
                                   mixed: wordBits & cyrillic != 0 && wordBits & latin != 0)
            if pendingCount < pending.count { pending[pendingCount] = word } else { pending.append(word) }
            pendingCount += 1
            currentWord = -1
            wordBits = 0
            changedBits = 0
        }
        func emitPending() {
            for position in 0..<pendingCount {
                let word = pending[position]
                if !word.changed && !word.mixed {
                    body(UnsafeBufferPointer(rebasing: bytes[word.start..<word.stop]))
                    continue
                }
                rewritten.removeAll(keepingCapacity: true)
                var at = word.start
                while at < word.stop {
                    let lead = bytes[at]
                    if lead < 0x80 {
                        rewritten.append(UInt8(table[Int(lead)] & scalarMask))
                        at += 1
                    } else {
                        appendUTF8(table[Int(lead & 0x1F) << 6 | Int(bytes[at + 1] & 0x3F)] & scalarMask, to: &rewritten)
                        at += 2
                    }
                }
                if word.mixed { foldLookalikes(&rewritten) }
                rewritten.withUnsafeBufferPointer { body($0) }
            }
            count += pendingCount
            pendingCount = 0
        }
        /// The piece from `pieceStart` to the next white space, through `SearchNormalizer.words`.
        func generalPiece() {
            var stop = index
            while stop < end, !isSpace(bytes[stop]) { stop += 1 }
            pendingCount = 0
            currentWord = -1
            wordBits = 0
            changedBits = 0
            for general in SearchNormalizer.words(String(decoding: UnsafeBufferPointer(rebasing: bytes[pieceStart..<stop]), as: UTF8.self)) {
                var general = general
                general.withUTF8 { body($0) }
                count += 1
            }
            index = stop
        }

        while index < end {
            let lead = bytes[index]
            let value: Int, length: Int
            if lead < 0x80 {
                if isSpace(lead) {
                    endWord(index)
                    emitPending()
                    index += 1
                    pieceStart = index
                    continue
                }
                value = Int(lead)
                length = 1
            } else if lead >= 0xC2 && lead <= 0xD3 && index + 1 < end && bytes[index + 1] & 0xC0 == 0x80 {
                value = Int(lead & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                length = 2
            } else if lead == 0xE2 && index + 2 < end && bytes[index + 1] & 0xC0 == 0x80 && bytes[index + 2] & 0xC0 == 0x80
                        && isPlainPunctuation(0x2000 | Int(bytes[index + 1] & 0x3F) << 6 | Int(bytes[index + 2] & 0x3F)) {
                endWord(index)
                index += 3
                continue
            } else {
                generalPiece()
                continue
            }
            let entry = table[value]
            if entry & plain == 0 {
                generalPiece()
                continue
            }
            if entry & wordStart != 0 {
                if currentWord < 0 { currentWord = index }
                wordBits |= entry
                changedBits |= (entry & scalarMask) ^ UInt32(value)
            } else {
                endWord(index)
            }
            index += length
        }
        endWord(end)
        emitPending()
        return count
    }

    /// Whether `SearchNormalizer.words(word)` is `[word]` on sight: every character is a plain
    /// letter or digit that normalisation leaves as it is, and a word with Cyrillic letters has
    /// no Latin lookalike left to fold.
    static func isNormalizedWord(_ word: String) -> Bool {
        var sawCyrillic = false, sawLookalike = false
        for scalar in word.unicodeScalars {
            let value = Int(scalar.value)
            guard value < table.count else { return false }
            let entry = table[value]
            guard entry & wordStart != 0, entry & scalarMask == scalar.value else { return false }
            if entry & cyrillic != 0 { sawCyrillic = true }
            if SearchNormalizer.lookalikes[scalar] != nil { sawLookalike = true }
        }
        return !word.isEmpty && !(sawCyrillic && sawLookalike)
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// The punctuation and currency signs that `SearchNormalizer.isNFCStableWithoutMarks` lets
    /// through; none starts a word, none has a lowercase form.
    @inline(__always)
    static func isPlainPunctuation(_ value: Int) -> Bool {
        (0x2002...0x2027).contains(value) || (0x2030...0x205E).contains(value) || (0x20A0...0x20BF).contains(value)
    }

    @inline(__always)
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if value < 0x800 {
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x10000 {
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// `SearchNormalizer.foldingLookalikes` on the bytes of a word with Cyrillic and Latin letters:
    /// the lookalikes are all ASCII, their Cyrillic twins two bytes each.
    static func foldLookalikes(_ word: inout [UInt8]) {
        var folded: [UInt8] = []
        folded.reserveCapacity(word.count * 2)
        for byte in word {
            let twin: UInt32
            switch byte {
            case UInt8(ascii: "a"): twin = 0x430  // а
            case UInt8(ascii: "b"): twin = 0x432  // в
            case UInt8(ascii: "c"): twin = 0x441  // с
            case UInt8(ascii: "e"): twin = 0x435  // е
            case UInt8(ascii: "h"): twin = 0x43D  // н
            case UInt8(ascii: "k"): twin = 0x43A  // к
            case UInt8(ascii: "m"): twin = 0x43C  // м
            case UInt8(ascii: "o"): twin = 0x43E  // о
            case UInt8(ascii: "p"): twin = 0x440  // р
            case UInt8(ascii: "t"): twin = 0x442  // т
            case UInt8(ascii: "x"): twin = 0x445  // х
            case UInt8(ascii: "y"): twin = 0x443  // у
            default: folded.append(byte); continue
            }
            appendUTF8(twin, to: &folded)
        }
        word = folded
    }
}
