import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `partner-center` process that keeps running (a server), its standard output read as it comes.
final class BackgroundProcess: @unchecked Sendable {
    private let process = Process()
    private let output = LockedData()
    private let error = LockedData()

    /// Starts `partner-center arguments…` in the same controlled environment as `CLI.run`.
    init(_ arguments: [String], environment: [String: String] = [:]) async throws {
        process.executableURL = try CLI.executable()
        process.arguments = arguments
        process.environment = CLI.baseEnvironment().merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        Self.drain(outputPipe.fileHandleForReading, into: output)
        Self.drain(errorPipe.fileHandleForReading, into: error)
        // The launch may wait (see `LaunchGuard`): not on one of Swift concurrency's threads.
        let process = self.process
        try await offThePool { try LaunchGuard.launch { try process.run() } }
    }

    /// Reads `handle` to its end on a thread of its own, into `sink`. A blocking read
    /// registers nothing with libdispatch: the read source `readabilityHandler` installs can
    /// crash libdispatch's event loop on Linux when sources come and go on several threads at
    /// once (swift-corelibs-libdispatch#949), which a suite launching many processes does.
    private static func drain(_ handle: FileHandle, into sink: LockedData) {
        // `read(2)` returns what has arrived; `FileHandle.read(upToCount:)` would wait for all of it.
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    sink.append(Data(buffer[..<count]))
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
        }
    }

    var stdout: String { String(decoding: output.get(), as: UTF8.self) }
    var stderr: String { String(decoding: error.get(), as: UTF8.self) }
    var isRunning: Bool { process.isRunning }
    /// The process id, e.g. to send it a signal.
    var pid: Int32 { process.processIdentifier }

    /// The first complete line of standard output, waiting up to `seconds`; nil when none came.
    func firstLine(within seconds: Double) async -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().first {
                return String(line)
            }
            guard process.isRunning else { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits for the process to exit by itself, up to `seconds`; its exit status, or nil
    /// when it is still running.
    func exitStatus(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends SIGTERM, then SIGKILL if it has not gone within two seconds; returns how it ended.
    @discardableResult
    func terminate() async -> Process.TerminationReason {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return process.terminationReason
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
