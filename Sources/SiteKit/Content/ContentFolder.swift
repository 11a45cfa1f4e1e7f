import Foundation

/// Everything read from the content folder, before any of it is interpreted. Produced by
/// `ContentReader` (the only code here that reads content from disk).
public struct ContentFolder: Sendable {
    public struct TextFile: Sendable {
        /// Path inside the content folder, `/`-separated.
        public var path: String
        /// Path for diagnostics, e.g. `content/guide/01-x.bg.md`.
        public var file: String
        public var data: Data
    }

    public struct MediaFile: Sendable {
        /// Path inside the content folder (`media/emblem.svg`).
        public var path: String
        public var source: URL
    }

    public var siteConfig: TextFile?
    public var markdown: [TextFile]
    public var media: [MediaFile]
    /// Files under `static/`, published as they are; `path` is the path in the output folder.
    public var staticFiles: [MediaFile] = []
    /// Path for diagnostics of the folder itself (`content`).
    public var displayRoot: String

    public init(siteConfig: TextFile?, markdown: [TextFile], media: [MediaFile], displayRoot: String) {
        self.siteConfig = siteConfig
        self.markdown = markdown
        self.media = media
        self.displayRoot = displayRoot
    }
}

/// Reads the content folder from disk, in a fixed order.
public enum ContentReader {
    /// The folder inside content/ whose files are published as they are, at the same path under
    /// the output folder (`static/CNAME` → `site/CNAME`).
    public static let staticFolder = "static"

    public static func read(_ directory: URL, displayRoot: String) throws(BuildFailure) -> ContentFolder {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildFailure(.error(displayRoot, "the content folder does not exist", hint: "run vidin from the project's folder or pass --content PATH"))
        }
        let configURL = directory.appendingPathComponent("site.yml")
        var config: ContentFolder.TextFile?
        if let data = fileManager.contents(atPath: configURL.path) {
            config = .init(path: "site.yml", file: "\(displayRoot)/site.yml", data: data)
        }
        var markdownFiles: [FolderWalker.File] = []
        var media: [ContentFolder.MediaFile] = []
        var statics: [ContentFolder.MediaFile] = []
        for file in try FolderWalker.files(under: directory, displayRoot: displayRoot, includeHidden: { $0.hasPrefix(staticFolder + "/") }) {
            let path = file.path
            if path.hasPrefix(staticFolder + "/") {
                statics.append(.init(path: String(path.dropFirst(staticFolder.count + 1)), source: file.source))
            } else if path.hasPrefix("media/") {
                media.append(.init(path: path, source: file.source))
            } else if path.hasSuffix(".md") {
                markdownFiles.append(file)
            }
        }
        // Thousands of files: read from all cores.
        let read = markdownFiles.parallelMap { FileManager.default.contents(atPath: $0.source.path) }
        var markdown: [ContentFolder.TextFile] = []
        markdown.reserveCapacity(markdownFiles.count)
        for (file, data) in zip(markdownFiles, read) {
            guard let data else {
                throw BuildFailure(.error("\(displayRoot)/\(file.path)", "cannot read the file", hint: "check its permissions"))
            }
            markdown.append(.init(path: file.path, file: "\(displayRoot)/\(file.path)", data: data))
        }
        var folder = ContentFolder(siteConfig: config, markdown: markdown, media: media, displayRoot: displayRoot)
        folder.staticFiles = statics
        return folder
    }
}
