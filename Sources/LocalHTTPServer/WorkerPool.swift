import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// At most `maximumWorkers` threads running jobs; a job waits in order when all are busy.
///
/// Threads start as the load needs them and stay until `close()`, so a quiet server holds
/// few and a busy one no more than the limit, however many connections it has.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private let maximumWorkers: Int
    private let threadName: String
    private var jobs: [Job] = []
    private var head = 0
    private var workers = 0
    private var idle = 0
    private var closed = false

    /// - Parameter threadName: The name of the worker threads (what `top -H` shows).
    init(maximumWorkers: Int, threadName: String) {
        self.maximumWorkers = max(1, maximumWorkers)
        self.threadName = threadName
    }

    /// Runs `job` on a worker thread, now or when one is free; dropped after `close()`.
    func submit(_ job: @escaping Job) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        jobs.append(job)
        condition.signal()
        // More jobs waiting than idle threads to take them: one more thread, within the limit.
        if jobs.count - head > idle, workers < maximumWorkers {
            workers += 1
            let thread = Thread { [self] in work() }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Lets running jobs finish, drops waiting ones, and ends the threads.
    func close() {
        condition.lock()
        closed = true
        jobs.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        nameCurrentThread(threadName)
        while let job = next() {
            job()
        }
    }

    /// The next job, waiting for one; nil once the pool is closed.
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count, !closed {
            idle += 1
            condition.wait()
            idle -= 1
        }
        guard !closed else {
            workers -= 1
            return nil
        }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }
}

/// Names the calling thread for the system (`top -H`, `/proc/PID/task/*/comm`); Linux shows
/// the first 15 characters.
func nameCurrentThread(_ name: String) {
    #if canImport(Darwin)
    pthread_setname_np(String(name.prefix(63)))
    #else
    // Glibc's module does not export pthread_setname_np; the kernel takes the name here too.
    try? Data(name.prefix(15).utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
    #endif
}
