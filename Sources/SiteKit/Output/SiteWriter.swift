import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write stage, the only code that writes the output folder. It builds the whole site into a
/// fresh folder beside the target and swaps it in, so a failed build leaves the previous site as
/// it was, and it refuses targets that are not safe to replace.
public enum SiteWriter {
    /// A file in every folder this tool built; a non-empty folder without it is never replaced.
    public static let markerName = ".vidin-site"
    static let markerText = "This folder is built by `vidin build` and replaced on every build; edit content/ instead.\n"

    /// Throws when `output` may not be replaced: `/`, the home folder, a protected folder (content,
    /// themes) or a parent or child of one, a file, or a non-empty folder this tool did not create.
    public static func checkTarget(_ output: URL, protected: [URL], display: String) throws(BuildFailure) {
        let target = resolved(output)
        let home = resolved(FileManager.default.homeDirectoryForCurrentUser)
        func refuse(_ why: String) -> BuildFailure {
            BuildFailure(.error(display, "refusing to write the site here: \(why)", hint: "pass --output with a folder of its own, e.g. --output site"))
        }
        if target.path == "/" { throw refuse("it is the root folder") }
        if target.path == home.path { throw refuse("it is the home folder") }
        for folder in protected.map(resolved) {
            if isSame(target, folder) || isAncestor(target, of: folder) { throw refuse("it holds \(folder.lastPathComponent)/, which the build reads") }
            if isAncestor(folder, of: target) { throw refuse("it is inside \(folder.lastPathComponent)/, which the build reads") }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw refuse("it is a file") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            if !entries.isEmpty, !entries.contains(markerName) {
                throw refuse("the folder is not empty and was not built by vidin")
            }
        }
    }

    /// Writes `files` as the complete new content of `output`.
    public static func write(_ files: [OutputFile], to output: URL, protected: [URL], display: String) throws(BuildFailure) {
        try checkTarget(output, protected: protected, display: display)
        let target = resolved(output)
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let fileManager = FileManager.default
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).vidin-new-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).vidin-old-\(pid)")
        removeLeftovers(in: parent, name: name)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders = Set<String>()
            for file in files {
                if let slash = file.path.lastIndex(of: "/") { folders.insert(String(file.path[..<slash])) }
            }
            for folder in folders.sorted() where !folder.isEmpty {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            // Many small files: written from all cores, without the fsync that Data.write does.
            let failures = files.parallelMap { file -> String? in
                let destination = staging.appendingPathComponent(file.path)
                switch file.contents {
                case .data(let data):
                    return writeFile(data, to: destination.path) ? nil : file.path
                case .copy(let source):
                    do { try FileManager.default.copyItem(at: source, to: destination); return nil } catch { return file.path }
                }
            }
            if let failed = failures.compactMap({ $0 }).first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: failed])
            }
            try Data(markerText.utf8).write(to: staging.appendingPathComponent(markerName))
            if fileManager.fileExists(atPath: target.path) {
                try fileManager.moveItem(at: target, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: target)
                } catch {
                    try? fileManager.moveItem(at: retired, to: target)
                    throw error
                }
                try? fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: target)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildFailure(.error(display, "cannot write the site: \(error.localizedDescription)",
                                      hint: "check that the folder is writable and the disk has space; the previous site was left as it was"))
        }
    }

    /// Writes `data` to a new file at `path`; false when that fails.
    static func writeFile(_ data: Data, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    /// Staging folders left by a build that was killed half-way; only this tool makes these names.
    static func removeLeftovers(in parent: URL, name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).vidin-new-") || entry.hasPrefix(".\(name).vidin-old-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    static func resolved(_ url: URL) -> URL { url.standardizedFileURL.resolvingSymlinksInPath() }

    static func isSame(_ a: URL, _ b: URL) -> Bool { a.path == b.path }

    static func isAncestor(_ a: URL, of b: URL) -> Bool {
        let prefix = a.path.hasSuffix("/") ? a.path : a.path + "/"
        return b.path.hasPrefix(prefix)
    }
}
