import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of a subprocess produced.
public struct SubprocessResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the run passed its time limit and was killed.
    public var timedOut: Bool
    /// How long the process ran, from its start to its exit (waiting for a slot excluded).
    public var duration: Duration

    /// Standard error's non-empty lines.
    public var stderrLines: [String] {
        stderr.split(whereSeparator: \.isNewline).map(String.init)
    }

    public var description: String {
        "exit \(status)\(timedOut ? " (killed after time limit)" : "")\n--- stdout (\(stdout.utf8.count) bytes) ---\n\(stdout.prefix(2_000))\n--- stderr ---\n\(stderr.suffix(4_000))"
    }
}

/// Runs programs from tests without blocking Swift concurrency's thread pool: the blocking
/// reads and waits happen on threads of their own, so tests that measure time elsewhere in
/// the same run are not starved.
public enum Subprocess {
    /// Runs `executable arguments…` to completion (or the time limit) and collects its output.
    /// - Parameters:
    ///   - executable: The program.
    ///   - arguments: Its arguments.
    ///   - environment: Its whole environment, or nil for this process's.
    ///   - timeLimit: Seconds before the process is killed (SIGTERM, then SIGKILL).
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, timeLimit: TimeInterval
    ) async throws -> SubprocessResult {
        // Tests run in parallel; dozens of subprocesses at once would starve the machine (and
        // the tests that measure time), so only a few run at a time. The time limit starts
        // when the process does.
        await slots.acquire()
        defer { Task { await slots.release() } }
        return try await launch(executable, arguments, environment: environment, timeLimit: timeLimit)
    }

    /// Runs `command arguments…` found on `PATH` at the lowest scheduling priority (`nice -n 19`),
    /// without waiting for one of the few places ``run(_:_:environment:timeLimit:)`` shares: it
    /// takes only the CPU time no other process wants, so it starves nothing, and it must not
    /// hold a place the short runs of other tests queue for (a package build takes a minute).
    public static func runAtLowestPriority(command: String, _ arguments: [String], timeLimit: TimeInterval) async throws -> SubprocessResult {
        try await launch(URL(fileURLWithPath: "/usr/bin/env"), ["nice", "-n", "19", command] + arguments, environment: nil, timeLimit: timeLimit)
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], environment: [String: String]?, timeLimit: TimeInterval
    ) async throws -> SubprocessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        return try await offThePool {
            let started = ContinuousClock.now
            try LaunchGuard.launch { try process.run() }
            let watchdog = Watchdog(process: process, after: timeLimit)
            let errorData = LockedData()
            let errorDone = DispatchSemaphore(value: 0)
            Thread {
                errorData.set(error.fileHandleForReading.readDataToEndOfFile())
                errorDone.signal()
            }.start()
            let outputData = output.fileHandleForReading.readDataToEndOfFile()
            errorDone.wait()
            process.waitUntilExit()
            let timedOut = watchdog.cancel()
            return SubprocessResult(
                status: process.terminationStatus,
                stdout: String(decoding: outputData, as: UTF8.self),
                stderr: String(decoding: errorData.get(), as: UTF8.self),
                timedOut: timedOut, duration: ContinuousClock.now - started
            )
        }
    }

    /// Runs `command arguments…` found on `PATH` (through `/usr/bin/env`).
    public static func run(command: String, _ arguments: [String], timeLimit: TimeInterval) async throws -> SubprocessResult {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), [command] + arguments, timeLimit: timeLimit)
    }
}

/// How many subprocesses the tests run at once: one per core, at least two.
private let slots = Slots(count: max(2, ProcessInfo.processInfo.activeProcessorCount))

/// A counting semaphore for async code: at most `count` holders at once, the others waiting
/// without blocking a thread.
public actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(count: Int) {
        free = count
    }

    /// Runs `body` holding a slot.
    public func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Kills a process that runs past its time limit.
public final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var fired = false

    public init(process: Process, after seconds: TimeInterval) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            let shouldKill = lock.withLock {
                guard !cancelled else { return false }
                fired = true
                return true
            }
            guard shouldKill, process.isRunning else { return }
            process.terminate()
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
    }

    /// Stops watching; true when the time limit had already passed.
    public func cancel() -> Bool {
        lock.withLock {
            cancelled = true
            return fired
        }
    }
}

/// Bytes handed from one thread to another.
public final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    public init() {}

    public func set(_ value: Data) { lock.withLock { data = value } }
    public func append(_ value: Data) { lock.withLock { data.append(value) } }
    public func get() -> Data { lock.withLock { data } }
}
