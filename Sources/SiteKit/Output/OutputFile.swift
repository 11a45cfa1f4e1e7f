import Foundation

/// One file of the built site, relative to the output folder.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        /// Bytes the build made (a themed page), kept as they are rather than copied into a `Data`.
        case bytes([UInt8])
        /// A file copied through unchanged (media).
        case copy(URL)

        /// The file's bytes: those made in memory, or those of the file copied through (nil when
        /// it cannot be read).
        public func readData() -> Data? {
            switch self {
            case .data(let data): data
            case .bytes(let bytes): Data(bytes)
            case .copy(let source): FileManager.default.contents(atPath: source.path)
            }
        }
    }

    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, contents: .bytes(bytes))
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: .data(Data(text.utf8)))
    }
}
