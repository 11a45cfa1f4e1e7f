import Foundation

/// A theme's files as read from disk, with `extends:` already applied: a child theme's template,
/// asset or UI string replaces its parent's of the same name. Produced by `ThemeReader`.
public struct ThemeFiles: Sendable {
    public struct TextFile: Sendable {
        public var file: String
        public var text: String
    }

    public var name: String
    /// Template name (file name without `.mustache`) → its text.
    public var templates: [String: TextFile]
    /// Path under `assets/` → contents.
    public var assets: [String: Data]
    /// Language code → the i18n files, parent first, child last.
    public var strings: [String: [TextFile]]
}

/// Reads a theme folder, following `extends:` in its theme.yml.
public enum ThemeReader {
    public static func read(themesDirectory: URL, name: String, displayRoot: String) throws(BuildFailure) -> ThemeFiles {
        var chain: [String] = []
        var current: String? = name
        while let theme = current {
            if chain.contains(theme) {
                throw BuildFailure(.error("\(displayRoot)/\(theme)/theme.yml", "the themes extend each other in a circle (\((chain + [theme]).joined(separator: " → ")))", hint: "remove one 'extends:'"))
            }
            let folder = themesDirectory.appendingPathComponent(theme)
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw BuildFailure(.error("\(displayRoot)/\(theme)", "the theme '\(theme)' does not exist", hint: "check 'theme:' in site.yml or pass --themes PATH"))
            }
            chain.append(theme)
            current = nil
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent("theme.yml").path),
               let text = String(data: data, encoding: .utf8) {
                for line in text.split(separator: "\n") where line.hasPrefix("extends:") {
                    current = line.dropFirst("extends:".count).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
                }
            }
        }
        var files = ThemeFiles(name: name, templates: [:], assets: [:], strings: [:])
        for theme in chain.reversed() {
            let folder = themesDirectory.appendingPathComponent(theme)
            for file in try FolderWalker.files(under: folder, displayRoot: "\(displayRoot)/\(theme)") {
                let path = file.path
                let display = "\(displayRoot)/\(theme)/\(path)"
                guard let data = FileManager.default.contents(atPath: file.source.path) else {
                    throw BuildFailure(.error(display, "cannot read the file", hint: "check its permissions"))
                }
                if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
                    let templateName = String(path.split(separator: "/").last!.dropLast(".mustache".count))
                    files.templates[templateName] = .init(file: display, text: String(decoding: data, as: UTF8.self))
                } else if path.hasPrefix("assets/") {
                    files.assets[String(path.dropFirst("assets/".count))] = data
                } else if path.hasPrefix("i18n/"), path.hasSuffix(".yml") {
                    let language = String(path.split(separator: "/").last!.dropLast(".yml".count))
                    files.strings[language, default: []].append(.init(file: display, text: String(decoding: data, as: UTF8.self)))
                }
            }
        }
        return files
    }
}
