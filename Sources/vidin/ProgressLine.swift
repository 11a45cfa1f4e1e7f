import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// On a terminal, a build that takes longer than a second shows what it is doing on one line of
/// standard error, redrawn in place, and wipes it when done (the summary line says what was
/// built). Off a terminal (a log, CI) it prints nothing.
final class ProgressLine: @unchecked Sendable {  // the mutable state is touched only on `queue`
    private let queue = DispatchQueue(label: "vidin.progress")
    private let timer: DispatchSourceTimer?
    private let start = Date()
    private var stage = "starting"
    private var shown = false
    private var frame = 0

    init() {
        guard Self.standardErrorIsTerminal else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        self.timer = timer
        timer.schedule(deadline: .now() + 1, repeating: .milliseconds(100))
        timer.setEventHandler { [unowned self] in draw() }
        timer.resume()
    }

    /// Whether standard error is a terminal (not a log file or a pipe).
    static var standardErrorIsTerminal: Bool {
        #if canImport(Glibc) || canImport(Darwin)
        isatty(STDERR_FILENO) != 0
        #elseif canImport(ucrt)
        _isatty(2) != 0
        #else
        false
        #endif
    }

    /// For `BuildOptions.progress`.
    var report: @Sendable (String) -> Void {
        { [self] stage in queue.async { self.stage = stage } }
    }

    /// Wipes the line; call before printing the summary.
    func finish() {
        guard let timer else { return }
        timer.cancel()
        queue.sync {
            if shown { FileHandle.standardError.write("\r\u{1B}[K") }
            shown = false
        }
    }

    private func draw() {
        let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        frame += 1
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        FileHandle.standardError.write("\r\u{1B}[K\(spinner[frame % spinner.count]) \(stage)… \(seconds) s")
        shown = true
    }
}
