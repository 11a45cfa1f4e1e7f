import Foundation

/// `vidin check --mark-translated FILE`: records in a translation's front matter the
/// fingerprint of the source text it now translates. Changes only the `translation-of:` line
/// (or adds it before the closing `---`), keeping the file's line ends and byte-order mark.
public enum TranslationMarker {
    /// Marks each file; returns a line per marked file and the problems found.
    public static func mark(_ files: [URL], contentDirectory: URL, displayRoot: String) -> (marked: [String], diagnostics: [Diagnostic]) {
        let folder: ContentFolder
        do { folder = try ContentReader.read(contentDirectory, displayRoot: displayRoot) } catch { return ([], error.diagnostics) }
        let (loaded, loadDiagnostics) = ContentLoader.load(folder, includeDrafts: true)
        guard let content = loaded else { return ([], loadDiagnostics) }
        let root = contentDirectory.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var marked: [String] = []
        var diagnostics: [Diagnostic] = []
        for url in files {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            let shown = SiteBuilder.displayPath(url)
            guard path.hasPrefix(root), let page = content.pages.first(where: { $0.path == String(path.dropFirst(root.count)) }) else {
                diagnostics.append(.error(shown, "not a page of \(displayRoot)/ that could be read",
                                          hint: "give the path of a translation, e.g. \(displayRoot)/guide/01-key-concepts.en.md; fix its errors first if 'vidin check' reports any"))
                continue
            }
            guard page.language != content.config.defaultLanguage else {
                diagnostics.append(.error(page.file, "this is the source text, not a translation",
                                          hint: "mark its translation instead, e.g. \(page.section.rawValue)/\(page.name).\(content.config.languageCodes.last ?? "en").md"))
                continue
            }
            guard let source = content.pages.first(where: { $0.key == page.key && $0.language == content.config.defaultLanguage }) else {
                diagnostics.append(.error(page.file, "there is no source text to translate from",
                                          hint: "add \(page.section.rawValue)/\(page.name).\(content.config.defaultLanguage).md first"))
                continue
            }
            let fingerprint = TranslationFingerprint.of(source).description
            do {
                let data = try Data(contentsOf: url)
                guard let updated = setField("translation-of", to: fingerprint, in: data) else {
                    diagnostics.append(.error(page.file, line: 1, "the front matter could not be found", hint: "start the file with '---', the fields, and '---'"))
                    continue
                }
                if updated != data { try updated.write(to: url, options: .atomic) }
                marked.append("\(page.file): translation-of: \(fingerprint) (\(source.file))")
            } catch {
                diagnostics.append(.error(page.file, "cannot write the file: \(error.localizedDescription)", hint: "check that it is not read-only"))
            }
        }
        return (marked, diagnostics)
    }

    /// The file with `key: value` set in its front matter, or nil when it has none.
    static func setField(_ key: String, to value: String, in data: Data) -> Data? {
        var bytes = [UInt8](data)
        let bom: [UInt8] = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] : []
        bytes.removeFirst(bom.count)
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        let line = "\(key): \(value)"
        if let existing = lines[1..<end].firstIndex(where: { $0.hasPrefix("\(key):") }) {
            lines[existing] = line
        } else {
            lines.insert(line, at: end)
        }
        return Data(bom + Array(lines.joined(separator: newline).utf8))
    }
}
