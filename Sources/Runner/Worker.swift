import Foundation

/// The runner's one worker type: runs jobs on a thread of its own, one after another in the order
/// submitted, so the sinks it serves keep their state without locks while the source goes on.
///
/// At most `capacity` jobs wait: a producer that gets ahead of a slow sink (zstd-19 runs at about
/// 1 MB/s) blocks instead of queueing the dataset in memory. After the first failure the remaining
/// jobs are skipped, and `submit` and `drain` rethrow it.
///
/// A thread rather than a dispatch queue, because a run's wall time is its slowest sink's: a
/// `.yielding` worker lowers its own thread's priority (Linux nice 10), so on a machine with fewer
/// cores than sinks the light work fills the gaps and the slow sink keeps a core to itself.
final class Worker: @unchecked Sendable {
  /// Whether the worker's thread gives way to the run's other threads.
  enum Priority: Sendable {
    case normal
    /// Runs when a `.normal` thread does not need the core: for light sinks beside a slow one.
    case yielding

    /// Sets the calling thread's priority: Linux nice 10 for `.yielding`, 0 otherwise.
    func applyToCurrentThread() {
      #if os(Linux)
        // The nice value is per thread under Linux (NPTL), and 0 names the calling one.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, self == .yielding ? 10 : 0)
      #endif
    }
  }

  let label: String
  private let inbox: Inbox

  init(label: String, priority: Priority = .normal, capacity: Int = 2) {
    self.label = label
    inbox = Inbox(capacity: capacity)
    let thread = Thread { [inbox] in
      priority.applyToCurrentThread()
      inbox.run()
    }
    thread.name = label
    thread.start()
  }

  deinit { inbox.close() }

  /// Queues `job`, waiting while `capacity` jobs are already queued.
  func submit(_ job: @escaping @Sendable () throws -> Void) throws {
    try inbox.put(job)
  }

  /// Waits until every job submitted so far has run, and rethrows the first failure.
  func drain() throws {
    try inbox.waitUntilIdle()
  }

  /// CPU time the jobs took on the worker's thread, in nanoseconds.
  var busyNanos: Int64 { inbox.busyNanos }

  /// CPU time of the calling thread, in nanoseconds.
  static func threadCPUNanos() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}

/// The worker's queue and the state its thread shares with the submitting one, under one lock.
private final class Inbox: @unchecked Sendable {
  typealias Job = @Sendable () throws -> Void

  private let condition = NSCondition()
  private let capacity: Int
  private var jobs: [Job] = []
  private var running = false
  private var closed = false
  private var failure: (any Error)?
  private var spentNanos: Int64 = 0

  init(capacity: Int) { self.capacity = max(1, capacity) }

  func put(_ job: @escaping Job) throws {
    condition.lock()
    defer { condition.unlock() }
    while jobs.count >= capacity && failure == nil { condition.wait() }
    if let failure { throw failure }
    jobs.append(job)
    condition.broadcast()
  }

  func waitUntilIdle() throws {
    condition.lock()
    defer { condition.unlock() }
    while !jobs.isEmpty || running { condition.wait() }
    if let failure { throw failure }
  }

  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  var busyNanos: Int64 {
    condition.lock()
    defer { condition.unlock() }
    return spentNanos
  }

  /// The thread's loop: runs jobs until the worker is gone and the queue is empty.
  func run() {
    condition.lock()
    while true {
      while jobs.isEmpty && !closed { condition.wait() }
      if jobs.isEmpty { break }
      var job: Job? = jobs.removeFirst()
      let skip = failure != nil
      running = true
      condition.broadcast()
      condition.unlock()
      let startNanos = Worker.threadCPUNanos()
      var error: (any Error)?
      if !skip, let run = job {
        do { try run() } catch let thrown { error = thrown }
      }
      let elapsedNanos = Worker.threadCPUNanos() - startNanos
      // Released before the lock is taken again: a job may hold the last reference to its
      // worker's owner, whose deinit closes this inbox.
      job = nil
      condition.lock()
      running = false
      spentNanos += elapsedNanos
      if failure == nil { failure = error }
      condition.broadcast()
    }
    condition.unlock()
  }
}
