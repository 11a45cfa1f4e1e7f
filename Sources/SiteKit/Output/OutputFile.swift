import Foundation

/// One file of the built site, relative to the output folder.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        /// A file copied through unchanged (media).
        case copy(URL)
    }

    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, contents: .data(Data(bytes)))
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: .data(Data(text.utf8)))
    }
}
