import Foundation
#if canImport(Glibc)
import CSystem
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few operating-system calls the read and write stages need that Foundation does not offer,
/// or offers only slowly: a lock on a folder, an atomic exchange of two folders, device numbers,
/// permission bits, an entry's kind, plain file writes. Each has
/// a plain fallback where the platform lacks it (documented in docs/OUTPUT.md).
enum FileSystemCalls {
    /// An exclusive lock held on a folder (`flock` on the folder itself, so no lock file is left
    /// behind); released by `unlock` or when the process ends, also when it is killed.
    struct FolderLock {
        fileprivate let descriptor: Int32
    }

    /// Waits until no other process holds the lock on `folder`, then takes it. Nil where the
    /// platform has no `flock` (Windows): builds are then not serialised.
    static func lock(_ folder: URL) -> FolderLock? {
        #if canImport(Glibc) || canImport(Darwin)
        let descriptor = open(folder.path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { close(descriptor); return nil }
        }
        return FolderLock(descriptor: descriptor)
        #else
        return nil
        #endif
    }

    static func unlock(_ lock: FolderLock?) {
        #if canImport(Glibc) || canImport(Darwin)
        if let lock {
            _ = flock(lock.descriptor, LOCK_UN)
            close(lock.descriptor)
        }
        #endif
    }

    /// Swaps two existing folders in one step: after it, each path names what the other did.
    /// False when the platform or file system cannot (the caller then renames twice).
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if canImport(Glibc)
        // renameat2 is in glibc since 2.28 but not in Swift's Glibc module: look it up by name.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE from <linux/fs.h>
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(a.path, b.path, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    /// The device a path is on (nil when it cannot be read): a folder on another device than its
    /// parent is a mount point.
    static func device(_ url: URL) -> UInt64? {
        #if canImport(Glibc) || canImport(Darwin)
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return UInt64(bitPattern: Int64(info.st_dev))
        #else
        return nil
        #endif
    }

    /// False when the owner's write permission is off (`chmod a-w site`), whoever runs the build
    /// (root may write anyway, but the folder's owner asked for it to stay as it is).
    static func ownerMayWrite(_ url: URL) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let permissions = attributes?[.posixPermissions] as? NSNumber else { return true }
        return permissions.intValue & 0o200 != 0
    }

    /// Whether this process may create entries in `folder`.
    static func mayCreateEntries(in folder: URL) -> Bool {
        FileManager.default.isWritableFile(atPath: folder.path)
    }

    /// What a folder entry is, without following a symbolic link.
    enum EntryKind {
        case file, folder, symbolicLink, other
    }

    /// The kind of the entry at `path` (nil when it cannot be read): one `lstat`, where
    /// Foundation's `attributesOfItem` also read the owner's name and more, for each of the
    /// thousands of files in content/.
    static func entryKind(_ path: String) -> EntryKind? {
        #if canImport(Glibc) || canImport(Darwin)
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
        #else
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { return nil }
        switch type {
        case .typeRegular: return .file
        case .typeDirectory: return .folder
        case .typeSymbolicLink: return .symbolicLink
        default: return .other
        }
        #endif
    }

    /// Makes a new folder at `path` (its parent exists); false when that fails.
    static func makeFolder(_ path: String) -> Bool {
        #if canImport(Glibc) || canImport(Darwin)
        return mkdir(path, 0o755) == 0
        #else
        return (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)) != nil
        #endif
    }

    /// Asks the file system to place each folder made directly in `folder` as it places folders
    /// at its top: in a block group of its own, chosen by the folder's name (ext4's "top of a
    /// folder hierarchy" attribute, `chattr +T`). False where the file system or the platform has
    /// no such attribute.
    static func markTopFolder(_ folder: String) -> Bool {
        #if os(Linux) && canImport(Glibc)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return vidin_mark_top_folder(descriptor) == 0
        #else
        return false
        #endif
    }

    /// Makes a new folder at `path` (its parent exists, nothing is at `path`) under a name of its
    /// own first, then renames it to `path`. In a folder marked by `markTopFolder`, ext4 chooses
    /// the block group of a new folder from its name: made under its own name, `guide` would go
    /// where the previous build's `guide` was deleted a moment ago, and there every new file
    /// costs a walk past the thousands of inodes freed in the last minutes (docs/PERFORMANCE.md,
    /// Round 9). False when that fails.
    static func makeFolderInAFreshPlace(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).vidin-\(String(UInt64.random(in: .min ... .max), radix: 36))"
        let fresh = url.deletingLastPathComponent().appendingPathComponent(name).path
        guard makeFolder(fresh) else { return false }
        #if canImport(Glibc) || canImport(Darwin)
        if rename(fresh, path) == 0 { return true }
        rmdir(fresh)
        return false
        #else
        return (try? FileManager.default.moveItem(atPath: fresh, toPath: path)) != nil
        #endif
    }

    /// Writes `data` to a new file at `path` without the fsync that `Data.write` does; false when
    /// that fails.
    static func writeFile(_ data: some ContiguousBytes, to path: String) -> Bool {
        #if canImport(Glibc) || canImport(Darwin)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        #else
        return FileManager.default.createFile(atPath: path, contents: data.withUnsafeBytes { Data($0) })
        #endif
    }
}
