import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error, and whether they are terminals.
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes `text` to standard output at once (no buffering, so streamed output appears as it comes).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes UTF-8 `bytes` to standard output now, unbuffered, in writes of at most a
    /// megabyte (so that a large output is never copied whole).
    static func write(bytes: [UInt8]) {
        for start in stride(from: 0, to: bytes.count, by: 1 << 20) {
            FileHandle.standardOutput.write(Data(bytes[start..<min(start + (1 << 20), bytes.count)]))
        }
    }

    /// Writes one line to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `text` with control characters (a line break in a name, an escape sequence a server
    /// sent) shown as spaces: they would break a table or drive the terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// Rewrites the progress line on standard error, only when it is a terminal.
    static func progress(_ text: String) {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Ends the progress line.
    static func endProgress() {
        guard standardErrorIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
