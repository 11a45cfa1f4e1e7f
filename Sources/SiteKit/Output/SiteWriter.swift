import Foundation

/// The write stage, the only code that writes the output folder. It builds the whole site into a
/// fresh folder beside the target and swaps it in (in one atomic step where the system can), so
/// a failed or killed build leaves the previous site as it was; it keeps `.git` and the files
/// site.yml lists under `keep:`, refuses to delete any other file it did not write, refuses
/// targets that are not safe to replace, and lets one build at a time write a folder.
/// docs/OUTPUT.md lists these promises and the tests that hold them.
public enum SiteWriter {
    /// A file in every folder this tool built, listing the files it wrote; a non-empty folder
    /// without it is never replaced.
    public static let markerName = ".vidin-site"
    static let markerHeading = "This folder is built by `vidin build` and replaced on every build; edit content/ instead.\n"
    static let manifestHeading = "Files written by the last build:\n"
    /// Entries of the output folder that every build keeps: the git checkout of a GitHub Pages
    /// worktree.
    public static let alwaysKept = [".git"]

    /// Where a test may stop a build (`VIDIN_WRITER_PAUSE=<point>`) to kill it there for real.
    enum PausePoint: String {
        /// The new site is complete in its staging folder; nothing of the old one has moved.
        case staged
        /// Kept files have moved into the staging folder; the swap is next.
        case keptMoved = "kept-moved"
        /// Two-rename swap only: the old site has moved aside, the new one not yet in.
        case betweenRenames = "between-renames"
        /// The new site is in place; the old one waits beside it to be removed.
        case swapped
    }

    /// Throws when `output` may not be replaced: `/`, the home folder, a protected folder (content,
    /// themes) or a parent or child of one, a file, a mount point, a folder whose owner made it
    /// read-only, or a non-empty folder this tool did not create.
    public static func checkTarget(_ output: URL, protected: [URL], keep: [String] = [], display: String) throws(BuildFailure) {
        let target = resolved(output)
        let home = resolved(FileManager.default.homeDirectoryForCurrentUser)
        func refuse(_ why: String, hint: String = "pass --output with a folder of its own, e.g. --output site") -> BuildFailure {
            BuildFailure(.error(display, "refusing to write the site here: \(why)", hint: hint))
        }
        if target.path == "/" { throw refuse("it is the root folder") }
        if target.path == home.path { throw refuse("it is the home folder") }
        for folder in protected.map(resolved) {
            if isSame(target, folder) || isAncestor(target, of: folder) { throw refuse("it holds \(folder.lastPathComponent)/, which the build reads") }
            if isAncestor(folder, of: target) { throw refuse("it is inside \(folder.lastPathComponent)/, which the build reads") }
        }
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw refuse("it is a file") }
            if let device = FileSystemCalls.device(target), let parentDevice = FileSystemCalls.device(parent), device != parentDevice {
                throw refuse("it is a mount point, and the site is built beside the folder and swapped in, which a mount point does not allow",
                             hint: "write to a folder inside it, e.g. --output \(display)/public, and publish that folder")
            }
            if !FileSystemCalls.ownerMayWrite(target) {
                throw refuse("the folder is read-only",
                             hint: "make it writable (chmod u+w \(display)) to let the build replace it, or pass --output with another folder")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            // A folder that holds only kept entries (a fresh GitHub Pages worktree: `.git`) is empty.
            if entries.contains(where: { !(alwaysKept + keep).contains($0) }), !entries.contains(markerName) {
                throw refuse("the folder is not empty and was not built by vidin")
            }
        }
        if FileManager.default.fileExists(atPath: parent.path), !FileSystemCalls.mayCreateEntries(in: parent) {
            throw refuse("the new site is built beside it, in \(parent.path), and that folder is not writable",
                         hint: "make \(parent.path) writable or pass --output with a folder in a writable place")
        }
    }

    /// Writes `files` as the complete new content of `output`, keeping `.git` and the entries
    /// listed in `keep` (paths inside the output folder) from the previous site.
    public static func write(_ files: [OutputFile], to output: URL, protected: [URL], keep: [String] = [],
                             display: String) throws(BuildFailure) {
        try checkPaths(files, display: display)
        try Staging(output, protected: protected, keep: keep, display: display).finish(files)
    }

    /// A write in progress: the lock on the output's parent folder is held and the staging folder
    /// made beside the target. A build opens one before it generates the site, so that the
    /// folders of the pages are made on a thread of their own while the pages render (making a
    /// folder costs the kernel more than writing a page, and folders in one parent are made one
    /// at a time); `finish` writes the files and swaps the site in, `abandon` removes the staging
    /// folder of a build that stops before writing.
    public final class Staging: @unchecked Sendable {
        let target: URL, parent: URL, staging: URL
        /// Whether the folders at the top of the staging folder go to block groups of their own
        /// (ext4: see `FileSystemCalls.markTopFolder`), each made in a fresh place.
        private(set) var spreadsFolders = false
        let keep: [String], display: String
        private var lock: FileSystemCalls.FolderLock?
        private var isOpen = true
        /// The folders made and the files written so far, and the first path that could not be
        /// made or written; touched only on `writer`.
        private var madeFolders: Set<String> = []
        private var writtenFiles: Set<String> = []
        private var failedPath: String?
        /// The thread that makes folders and writes files ahead of `finish`.
        private let writer = DispatchQueue(label: "vidin.staging.writer")

        public init(_ output: URL, protected: [URL], keep: [String] = [], display: String) throws(BuildFailure) {
            try checkTarget(output, protected: protected, keep: keep, display: display)
            self.keep = keep
            self.display = display
            target = resolved(output)
            parent = target.deletingLastPathComponent()
            staging = parent.appendingPathComponent(".\(target.lastPathComponent).vidin-new-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw BuildFailure(.error(display, "cannot create the folder \(parent.path): \(error.localizedDescription)",
                                          hint: "check the path given with --output"))
            }
            // One build at a time writes this folder; a second waits here for the first to finish.
            lock = FileSystemCalls.lock(parent)
            recoverLeftovers(in: parent, target: target, kept: alwaysKept + keep)
            do {
                try checkTarget(output, protected: protected, keep: keep, display: display)  // again: another build may have written it meanwhile
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
                spreadsFolders = FileSystemCalls.markTopFolder(staging.path)
            } catch let failure as BuildFailure {
                close()
                throw failure
            } catch {
                close()
                throw BuildFailure(.error(display, "cannot write the site: \(error.localizedDescription)",
                                          hint: "check that the folder is writable and the disk has space; the previous site was left as it was"))
            }
        }

        /// Starts making, on a thread of its own, the folders that files at these paths will be in.
        public func makeFolders(for paths: [String]) {
            writer.async { [self] in _ = makeMissingFolders(for: paths) }
        }

        /// Starts writing these files (of the new site) into the staging folder on the same
        /// thread, after what was asked for before, their folders first; `finish` writes the rest.
        public func writeAhead(_ files: [OutputFile]) {
            writer.async { [self] in
                let ready = files.filter { file in
                    guard SiteWriter.isSafePath(file.path), !writtenFiles.contains(file.path) else { return false }
                    if case .copy = file.contents { return false }
                    return true
                }
                guard makeMissingFolders(for: ready.map(\.path)) else { return }
                if let path = SiteWriter.writeByFolder(ready, in: staging) {
                    failedPath = path
                } else {
                    writtenFiles.formUnion(ready.map(\.path))
                }
            }
        }

        /// On `writer`: makes the folders of `paths` that are not made yet; false once anything
        /// could not be made or written.
        private func makeMissingFolders(for paths: [String]) -> Bool {
            guard failedPath == nil else { return false }
            // Only paths that `finish` would accept: nothing is ever made outside the staging folder.
            let missing = SiteWriter.folders(of: paths.filter(SiteWriter.isSafePath)).filter { !madeFolders.contains($0) }
            if let failed = SiteWriter.makeFolders(missing, in: staging, freshPlaces: spreadsFolders) {
                failedPath = failed
                return false
            }
            madeFolders.formUnion(missing)
            return true
        }

        /// Writes `files` as the complete new site and swaps it in for the old one.
        public func finish(_ files: [OutputFile]) throws(BuildFailure) {
            let (made, written, failed) = writer.sync { (madeFolders, writtenFiles, failedPath) }
            defer { close() }
            let kept = alwaysKept + keep
            do {
                try checkPaths(files, display: display)
                try checkNoForeignFiles(in: target, kept: kept, display: display)
                try checkKeptNotWritten(kept, files: files, in: target, display: display)
            } catch {
                removeOldSite(staging)
                throw error
            }
            let fileManager = FileManager.default
            let retired = parent.appendingPathComponent(".\(target.lastPathComponent).vidin-old-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                if let failed {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: failed,
                                                                   NSLocalizedDescriptionKey: "cannot create or write \(failed) in \(staging.path)"])
                }
                try stage(files, in: staging, madeFolders: made, writtenFiles: written, freshPlaces: spreadsFolders)
                pause(at: .staged)
                let targetExists = fileManager.fileExists(atPath: target.path)
                if targetExists {
                    for entry in kept where fileManager.fileExists(atPath: target.appendingPathComponent(entry).path) {
                        let destination = staging.appendingPathComponent(entry)
                        try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                        try fileManager.moveItem(at: target.appendingPathComponent(entry), to: destination)
                    }
                }
                pause(at: .keptMoved)
                if !targetExists {
                    try fileManager.moveItem(at: staging, to: target)
                } else if !forcesTwoRenames, FileSystemCalls.exchange(staging, target) {
                    // The old site is now where the staging folder was.
                    pause(at: .swapped)
                    removeOldSite(staging)
                } else {
                    try fileManager.moveItem(at: target, to: retired)
                    pause(at: .betweenRenames)
                    do {
                        try fileManager.moveItem(at: staging, to: target)
                    } catch {
                        try? fileManager.moveItem(at: retired, to: target)
                        throw error
                    }
                    pause(at: .swapped)
                    removeOldSite(retired)
                }
            } catch {
                // Kept files that already moved into the staging folder go back first.
                recoverLeftovers(in: parent, target: target, kept: kept)
                throw BuildFailure(.error(display, "cannot write the site: \(error.localizedDescription)",
                                          hint: "check that the folder is writable and the disk has space; the previous site was left as it was"))
            }
        }

        /// Removes the staging folder: the build stopped before writing (errors in the content).
        public func abandon() {
            guard isOpen else { return }
            writer.sync {}
            removeOldSite(staging)
            close()
        }

        private func close() {
            guard isOpen else { return }
            isOpen = false
            FileSystemCalls.unlock(lock)
            lock = nil
        }
    }

    /// Makes `folders` (relative to `staging`, with every folder above them either in the list or
    /// made before): the folders that hold others by depth, then all the others from all cores,
    /// taking the parents in turn (the kernel makes the folders of one parent one at a time, but
    /// those of `guide/` and `en/guide/` side by side). With `freshPlaces`, the folders at the top
    /// are each made in a fresh place (`FileSystemCalls.makeFolderInAFreshPlace`). Returns the
    /// first that could not be made.
    static func makeFolders(_ folders: [String], in staging: URL, freshPlaces: Bool) -> String? {
        let parents = Set(folders.map(folder(of:)))
        let inner = folders.filter { parents.contains($0) }
        var levels = Dictionary(grouping: inner) { $0.utf8.count { $0 == UInt8(ascii: "/") } }
            .sorted { $0.key < $1.key }.map { $0.value.sorted() }
        // The innermost folders, one of each parent in turn.
        var queues = Dictionary(grouping: folders.filter { !parents.contains($0) }, by: folder(of:)).sorted { $0.key < $1.key }.map { $0.value.sorted() }
        var leaves: [String] = []
        var position = 0
        while !queues.isEmpty {
            queues = queues.filter { position < $0.count }
            leaves += queues.map { $0[position] }
            position += 1
        }
        levels.append(leaves)
        for level in levels {
            let failed = level.parallelMap { folder in
                let path = staging.appendingPathComponent(folder).path
                let made = freshPlaces && !folder.utf8.contains(UInt8(ascii: "/"))
                    ? FileSystemCalls.makeFolderInAFreshPlace(path) : FileSystemCalls.makeFolder(path)
                return made ? nil : folder
            }
            if let folder = failed.compactMap({ $0 }).first { return folder }
        }
        return nil
    }

    /// The folder a file or folder at `path` is in: `guide/a` for `guide/a/index.html`, empty at
    /// the top.
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// Every folder a file at one of `paths` is in, and the folders above them, each once
    /// (`makeFolders` puts them in order).
    static func folders(of paths: [String]) -> [String] {
        var folders = Set<Substring>()
        for path in paths {
            var path = path[...]
            while let slash = path.lastIndex(of: "/"), folders.insert(path[..<slash]).inserted { path = path[..<slash] }
        }
        return folders.map(String.init)
    }

    /// Every file, then the marker with the list of files, into the staging folder (made, with
    /// the folders in `madeFolders` and the files in `writtenFiles`).
    static func stage(_ files: [OutputFile], in staging: URL, madeFolders: Set<String> = [], writtenFiles: Set<String> = [],
                      freshPlaces: Bool) throws {
        let missing = folders(of: files.map(\.path)).filter { !madeFolders.contains($0) }
        if let folder = makeFolders(missing, in: staging, freshPlaces: freshPlaces) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder,
                                                           NSLocalizedDescriptionKey: "cannot create the folder \(folder) in \(staging.path)"])
        }
        if let failed = writeByFolder(files.filter { !writtenFiles.contains($0.path) }, in: staging) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: failed,
                                                           NSLocalizedDescriptionKey: "cannot write \(failed) in \(staging.path)"])
        }
        let manifest = markerHeading + manifestHeading + files.map(\.path).sorted().joined(separator: "\n") + "\n"
        try Data(manifest.utf8).write(to: staging.appendingPathComponent(markerName))
    }

    /// Writes `files` (their folders made) from all cores, each core a whole folder's files at a
    /// time, the largest folders first; returns the path of a file that could not be written.
    /// The kernel adds the entries of one folder one at a time, and on ext4 making a file can take
    /// long (docs/PERFORMANCE.md, Round 6): two cores writing into one folder (a language's
    /// thousand search-index chunks) wait for each other, where two folders go side by side.
    static func writeByFolder(_ files: [OutputFile], in staging: URL) -> String? {
        let byFolder = Dictionary(grouping: files) { folder(of: $0.path) }
        let folders = byFolder.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map(\.value)
        return folders.parallelMap { folder in folder.first { !write($0, in: staging) }?.path }.lazy.compactMap { $0 }.first
    }

    /// Writes one file of the new site into the staging folder (its folder made); false when that fails.
    static func write(_ file: OutputFile, in staging: URL) -> Bool {
        let destination = staging.appendingPathComponent(file.path)
        switch file.contents {
        case .data(let data): return FileSystemCalls.writeFile(data, to: destination.path)
        case .bytes(let bytes): return FileSystemCalls.writeFile(bytes, to: destination.path)
        case .copy(let source):
            do { try FileManager.default.copyItem(at: source, to: destination); return true } catch { return false }
        }
    }

    /// A relative, `/`-separated path without `.`, `..` or empty parts.
    static func isSafePath(_ path: String) -> Bool {
        // One pass over the bytes: no part may be empty, `.` or `..`, and no byte NUL.
        var partLength = 0, dots = 0
        func partIsSafe() -> Bool { partLength > 0 && !(dots == partLength && partLength <= 2) }
        for byte in path.utf8 {
            switch byte {
            case 0: return false
            case UInt8(ascii: "/"):
                guard partIsSafe() else { return false }
                partLength = 0
                dots = 0
            case UInt8(ascii: "."):
                partLength += 1
                dots += 1
            default:
                partLength += 1
            }
        }
        return partIsSafe()
    }

    /// Output paths are relative, `/`-separated, without `.`, `..` or empty parts, and unique:
    /// nothing is written outside the output folder, and no file overwrites another.
    static func checkPaths(_ files: [OutputFile], display: String) throws(BuildFailure) {
        var seen = Set<String>()
        var problems: [Diagnostic] = []
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            if !isSafePath(file.path) {
                problems.append(.error(display, "refusing to write '\(file.path)': the path would leave the output folder or is empty",
                                       hint: "this is a bug in vidin; please report it with the content that caused it"))
            } else if file.path == markerName || alwaysKept.contains(String(parts[0])) {
                problems.append(.error(display, "refusing to write '\(file.path)': that name belongs to the output folder itself",
                                       hint: "rename the file in content/static/"))
            } else if !seen.insert(file.path).inserted {
                problems.append(.error("\(display)/\(file.path)", "two files of the site would be written to the same path",
                                       hint: "rename the file in content/static/ (or the page) that has the same path as a generated file"))
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }

    /// The files of the previous build, as its marker lists them; nil for a marker of an older
    /// vidin that wrote no list (all files of such a folder count as the tool's own).
    static func manifest(of target: URL) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: target.appendingPathComponent(markerName).path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: manifestHeading) else { return nil }
        return Set(text[range.upperBound...].split(separator: "\n").map(String.init))
    }

    /// Refuses to replace a site with files the tool did not write and that are not kept: the
    /// user put them there, and replacing the folder would delete them.
    static func checkNoForeignFiles(in target: URL, kept: [String], display: String) throws(BuildFailure) {
        guard let written = manifest(of: target) else { return }
        var foreign: [String] = []
        for path in filesAndLinks(under: target, skipping: Set(kept + [markerName])) where !written.contains(path) {
            foreign.append(path)
        }
        guard !foreign.isEmpty else { return }
        let shown = foreign.prefix(5).map { "\(display)/\($0)" }.joined(separator: ", ")
        let more = foreign.count > 5 ? " and \(foreign.count - 5) more" : ""
        throw BuildFailure(.error(display, "refusing to replace the site: it holds files that vidin did not write, which the build would delete: \(shown)\(more)",
                                  hint: "put files to publish as they are (CNAME, verification files) in content/static/, list files to keep in the output under 'keep:' in site.yml, or delete them"))
    }

    /// A kept entry that the build also writes would be overwritten; say so instead.
    static func checkKeptNotWritten(_ kept: [String], files: [OutputFile], in target: URL, display: String) throws(BuildFailure) {
        let paths = Set(files.map(\.path))
        for entry in kept where FileManager.default.fileExists(atPath: target.appendingPathComponent(entry).path) {
            if let clash = paths.first(where: { $0 == entry || $0.hasPrefix(entry + "/") }) ?? (paths.contains { entry.hasPrefix($0 + "/") } ? entry : nil) {
                throw BuildFailure(.error("\(display)/\(clash)", "'\(entry)' is kept from the previous site (keep: in site.yml) and also written by the build",
                                          hint: "remove it from 'keep:' in site.yml or remove the file that the build publishes there (e.g. in content/static/)"))
            }
        }
    }

    /// Relative paths of the files and symbolic links under `folder` (links are not followed),
    /// leaving out the entries (and what is inside them) whose paths are in `skipping`.
    static func filesAndLinks(under folder: URL, skipping: Set<String>) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for entry in entries.sorted() {
                let path = relative.isEmpty ? entry : "\(relative)/\(entry)"
                if skipping.contains(path) { continue }
                let type = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path))?[.type] as? FileAttributeType
                if type == .typeDirectory { walk(path) } else { result.append(path) }
            }
        }
        walk("")
        return result
    }

    /// Undoes what a killed or failed build left beside `target` (only this tool makes these
    /// names, and the lock says no other build is running): an old site moved aside with no
    /// site in its place goes back; kept entries in a leftover folder that the site lacks go back
    /// into it; the leftover folders are removed.
    static func recoverLeftovers(in parent: URL, target: URL, kept: [String]) {
        let fileManager = FileManager.default
        let name = target.lastPathComponent
        let entries = ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        let old = entries.filter { $0.hasPrefix(".\(name).vidin-old-") }
        let new = entries.filter { $0.hasPrefix(".\(name).vidin-new-") }
        for entry in old + new {
            let leftover = parent.appendingPathComponent(entry)
            if !fileManager.fileExists(atPath: target.path), old.contains(entry),
               fileManager.fileExists(atPath: leftover.appendingPathComponent(markerName).path) {
                try? fileManager.moveItem(at: leftover, to: target)
                continue
            }
            if fileManager.fileExists(atPath: target.path) {
                for item in kept where fileManager.fileExists(atPath: leftover.appendingPathComponent(item).path)
                    && !fileManager.fileExists(atPath: target.appendingPathComponent(item).path) {
                    let destination = target.appendingPathComponent(item)
                    try? fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try? fileManager.moveItem(at: leftover.appendingPathComponent(item), to: destination)
                }
            }
            removeOldSite(leftover)
        }
    }

    /// Removes a folder the tool built, also where folders in it were made read-only.
    static func removeOldSite(_ folder: URL) {
        if (try? FileManager.default.removeItem(at: folder)) != nil { return }
        if let enumerator = FileManager.default.enumerator(atPath: folder.path) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            for case let path as String in enumerator {
                let full = folder.appendingPathComponent(path).path
                if (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType == .typeDirectory {
                    try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
                }
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Test hooks (environment variables, read only here)

    /// `VIDIN_WRITER_SWAP=rename`: swap with two renames even where one atomic exchange is
    /// possible, so that the fallback is tested on Linux too.
    static var forcesTwoRenames: Bool { ProcessInfo.processInfo.environment["VIDIN_WRITER_SWAP"] == "rename" }

    /// `VIDIN_WRITER_PAUSE=<point>`: stop at that point, say so on standard error, and wait to be
    /// killed (the kill tests).
    static func pause(at point: PausePoint) {
        guard ProcessInfo.processInfo.environment["VIDIN_WRITER_PAUSE"] == point.rawValue else { return }
        FileHandle.standardError.write(Data("vidin: paused at \(point.rawValue)\n".utf8))
        while true { Thread.sleep(forTimeInterval: 60) }
    }

    static func resolved(_ url: URL) -> URL { url.standardizedFileURL.resolvingSymlinksInPath() }

    static func isSame(_ a: URL, _ b: URL) -> Bool { a.path == b.path }

    static func isAncestor(_ a: URL, of b: URL) -> Bool {
        let prefix = a.path.hasSuffix("/") ? a.path : a.path + "/"
        return b.path.hasPrefix(prefix)
    }
}
