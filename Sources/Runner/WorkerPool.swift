import Foundation

/// Threads shared by the light sinks, each sink a `Lane` of its own: a lane's jobs run one after
/// another in the order submitted, as a `Worker`'s do, but on whichever of the pool's threads is
/// free, so the sinks' work spreads over the cores whatever each one costs.
///
/// The light sinks used to be dealt to one worker per core in turn, and their costs differ by a
/// hundredfold (a raw-size count against the potentials): on a 126 MB file one of two workers got
/// 26.9 s of CPU and the other 13.3 s, and `analyze` took as long as the first.
///
/// Ready lanes are served first come, first served; each holds at most `capacity` jobs, so the
/// producer waits for the slowest lane, as it waits for a slow worker.
final class WorkerPool: @unchecked Sendable {
  private let state = PoolState()

  /// Starts `threads` threads named `label-0`, `label-1`, … at `priority`.
  init(label: String, threads: Int, priority: Worker.Priority = .normal) {
    for index in 0..<max(1, threads) {
      let thread = Thread { [state] in
        priority.applyToCurrentThread()
        state.run()
      }
      thread.name = "\(label)-\(index)"
      thread.start()
    }
  }

  deinit { state.close() }

  /// A new lane, whose jobs run in order on the pool's threads.
  func lane(capacity: Int = 2) -> Lane { Lane(state: state, capacity: capacity) }
}

/// One sink's queue in a `WorkerPool`. After the first failure its remaining jobs are skipped,
/// and `submit` and `drain` rethrow it.
final class Lane: JobQueue, @unchecked Sendable {
  typealias Job = @Sendable () throws -> Void

  fileprivate let state: PoolState
  fileprivate let capacity: Int
  // Guarded by the pool's lock.
  fileprivate var jobs: [Job] = []
  fileprivate var running = false
  fileprivate var failure: (any Error)?

  fileprivate init(state: PoolState, capacity: Int) {
    self.state = state
    self.capacity = max(1, capacity)
  }

  func submit(_ job: @escaping Job) throws { try state.put(job, on: self) }
  func drain() throws { try state.waitUntilIdle(self) }
}

/// What a job can be submitted to: a `Worker` (a thread of its own) or a pool's `Lane`.
protocol JobQueue: AnyObject, Sendable {
  func submit(_ job: @escaping @Sendable () throws -> Void) throws
  func drain() throws
}

extension Worker: JobQueue {}

/// The pool's lanes and threads under one lock; a lane is in `ready` exactly when it has jobs and
/// none of them is running.
private final class PoolState: @unchecked Sendable {
  private let condition = NSCondition()
  private var ready: [Lane] = []
  private var closed = false

  func put(_ job: @escaping Lane.Job, on lane: Lane) throws {
    condition.lock()
    defer { condition.unlock() }
    while lane.jobs.count >= lane.capacity && lane.failure == nil { condition.wait() }
    if let failure = lane.failure { throw failure }
    lane.jobs.append(job)
    if lane.jobs.count == 1 && !lane.running { ready.append(lane) }
    condition.broadcast()
  }

  func waitUntilIdle(_ lane: Lane) throws {
    condition.lock()
    defer { condition.unlock() }
    while !lane.jobs.isEmpty || lane.running { condition.wait() }
    if let failure = lane.failure { throw failure }
  }

  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// A thread's loop: runs the first ready lane's next job, until the pool is gone and no lane
  /// is ready.
  func run() {
    condition.lock()
    while true {
      while ready.isEmpty && !closed { condition.wait() }
      if ready.isEmpty { break }
      let lane = ready.removeFirst()
      var job: Lane.Job? = lane.jobs.removeFirst()
      let skip = lane.failure != nil
      lane.running = true
      condition.broadcast()
      condition.unlock()
      var error: (any Error)?
      if !skip, let run = job {
        do { try run() } catch let thrown { error = thrown }
      }
      // Released before the lock is taken again, as a worker does: a job may hold the last
      // reference to the pool's owner, whose deinit takes the lock to close the pool.
      job = nil
      condition.lock()
      lane.running = false
      if lane.failure == nil { lane.failure = error }
      if !lane.jobs.isEmpty { ready.append(lane) }
      condition.broadcast()
    }
    condition.unlock()
  }
}
