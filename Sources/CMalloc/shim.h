// glibc's allocator settings (mallopt), for `MemoryAllocator`. Only glibc has them: elsewhere this
// module is empty, and Swift code reaches it only under `#if canImport(Glibc)`.
#if __has_include(<features.h>)
#include <features.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif
