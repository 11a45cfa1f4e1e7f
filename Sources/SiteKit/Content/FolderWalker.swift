import Foundation

/// Lists the files under a folder (content/, a theme) for the readers. Symbolic links are
/// followed, to folders and to files alike, wherever they point: an editor who links
/// `content/guide` to a shared folder means it to be part of the site. A link that points
/// nowhere, or to a folder that contains it (a loop), is an error naming the link.
enum FolderWalker {
    struct File: Sendable {
        /// Path inside the walked folder, `/`-separated, through the links as written.
        var path: String
        /// The file itself, with every link resolved.
        var source: URL
    }

    /// Every regular file under `directory`, sorted by path. Hidden files and folders (a name
    /// starting with `.`) are skipped unless `includeHidden` says otherwise for their path;
    /// `.git` and `.DS_Store` always are.
    static func files(under directory: URL, displayRoot: String,
                      includeHidden: (String) -> Bool = { _ in false }) throws(BuildFailure) -> [File] {
        let fileManager = FileManager.default
        var result: [File] = []
        var problems: [Diagnostic] = []
        // Real paths of the folders being walked, from the root down: a link to one of them is a loop.
        var ancestors: [String] = []
        func walk(_ folder: URL, relative: String) {
            let real = folder.resolvingSymlinksInPath().path
            ancestors.append(real)
            defer { ancestors.removeLast() }
            let entries: [String]
            do { entries = try fileManager.contentsOfDirectory(atPath: folder.path) } catch {
                problems.append(.error(relative.isEmpty ? displayRoot : "\(displayRoot)/\(relative)", "cannot read the folder",
                                       hint: "check its permissions"))
                return
            }
            for entry in entries.sorted() {
                let path = relative.isEmpty ? entry : "\(relative)/\(entry)"
                if entry == ".git" || entry == ".DS_Store" { continue }
                if entry.hasPrefix("."), !includeHidden(path) { continue }
                let url = folder.appendingPathComponent(entry)
                let display = "\(displayRoot)/\(path)"
                var kind = FileSystemCalls.entryKind(url.path)
                var target = url
                if kind == .symbolicLink {
                    var isFolder: ObjCBool = false
                    guard fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) else {  // follows the link
                        problems.append(.error(display, "the symbolic link points to something that does not exist",
                                               hint: "remove the link or make it point to an existing file or folder"))
                        continue
                    }
                    target = url.resolvingSymlinksInPath()
                    kind = isFolder.boolValue ? .folder : FileSystemCalls.entryKind(target.path)
                }
                if kind == .folder {
                    if ancestors.contains(target.path) {
                        problems.append(.error(display, "the symbolic link points to a folder that contains it, a loop",
                                               hint: "remove the link or point it to a folder outside this one"))
                        continue
                    }
                    walk(target, relative: path)
                } else if kind == .file {
                    result.append(File(path: path, source: target))
                }
            }
        }
        walk(directory.standardizedFileURL.resolvingSymlinksInPath(), relative: "")
        if !problems.isEmpty { throw BuildFailure(problems) }
        return result.sorted { $0.path < $1.path }
    }
}
