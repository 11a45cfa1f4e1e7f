#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(WinSDK)
import WinSDK
#endif

/// Whether a process still runs, to tell a work folder in use from one a killed build left.
enum ProcessLiveness {
    static func isRunning(_ pid: Int32) -> Bool {
        #if canImport(Glibc) || canImport(Darwin)
        // Signal 0 checks only: ESRCH means no such process; EPERM means it runs as another user.
        return kill(pid, 0) == 0 || errno == EPERM
        #elseif canImport(WinSDK)
        guard let handle = OpenProcess(DWORD(PROCESS_QUERY_LIMITED_INFORMATION), false, DWORD(pid)) else { return false }
        defer { CloseHandle(handle) }
        var code: DWORD = 0
        return GetExitCodeProcess(handle, &code) && code == DWORD(STILL_ACTIVE)
        #else
        return true  // unknown platform: never remove another build's folder
        #endif
    }
}
