// The system's C declarations that Swift's own Glibc module lacks: glibc's allocator settings
// (mallopt), for `MemoryAllocator`, and Linux's folder attributes (a variadic ioctl, which Swift
// cannot call), for `FileSystemCalls`. Elsewhere this module is empty, and Swift code reaches it
// only under `#if canImport(Glibc)`.
#if __has_include(<features.h>)
#include <features.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__linux__)
#include <linux/fs.h>
#include <sys/ioctl.h>

// Marks the open folder `descriptor` as the top of a hierarchy of folders (chattr +T): ext4 then
// places each folder made directly in it as it places folders at the top of the file system,
// in a block group of its own. 0 on success; -1 where the file system has no such attribute.
static inline int vidin_mark_top_folder(int descriptor) {
    int flags = 0;
    if (ioctl(descriptor, FS_IOC_GETFLAGS, &flags) != 0) return -1;
    if (flags & FS_TOPDIR_FL) return 0;
    flags |= FS_TOPDIR_FL;
    return ioctl(descriptor, FS_IOC_SETFLAGS, &flags);
}
#endif
