import Foundation
import Testing
@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

/// A list the jobs of workers and pool lanes append to, under a lock.
final class JobLog: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Int] = []

  func append(_ item: Int) {
    lock.lock()
    items.append(item)
    lock.unlock()
  }

  var all: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

struct JobRefused: Error, Equatable {}

@Suite struct WorkerTests {
  @Test func jobsRunOnceEachInTheOrderSubmittedAndDrainWaitsForThem() throws {
    let worker = Worker(label: "order", capacity: 3)
    let log = JobLog()
    for item in 0..<200 {
      try worker.submit {
        if item % 50 == 0 { usleep(2_000) }
        log.append(item)
      }
    }
    try worker.drain()
    #expect(log.all == Array(0..<200))
  }

  @Test func aFailureSkipsTheRestAndIsRethrown() throws {
    let worker = Worker(label: "failure", capacity: 8)
    let log = JobLog()
    let gate = DispatchSemaphore(value: 0)
    try worker.submit {
      gate.wait()
      log.append(1)
    }
    try worker.submit { throw JobRefused() }
    try worker.submit { log.append(3) }
    gate.signal()
    #expect(throws: JobRefused.self) { try worker.drain() }
    #expect(log.all == [1])
    #expect(throws: JobRefused.self) { try worker.submit { log.append(4) } }
  }

  /// A queue of each kind with room for two jobs, and what must stay alive while it is used.
  enum QueueKind: CaseIterable, Sendable {
    case worker, lane

    func make() -> (queue: any JobQueue, owner: AnyObject) {
      switch self {
      case .worker:
        let worker = Worker(label: "capacity", capacity: 2)
        return (worker, worker)
      case .lane:
        let pool = WorkerPool(label: "capacity", threads: 1)
        return (pool.lane(capacity: 2), pool)
      }
    }
  }

  @Test(arguments: QueueKind.allCases) func aProducerWaitsWhileTheQueueIsFull(_ kind: QueueKind) throws {
    let (queue, owner) = kind.make()
    let gate = DispatchSemaphore(value: 0)
    let log = JobLog()
    try queue.submit {
      gate.wait()
      log.append(0)
    }
    try queue.submit { log.append(1) }
    try queue.submit { log.append(2) }
    let fourthSubmitted = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      try? queue.submit { log.append(3) }
      fourthSubmitted.signal()
    }
    // Two jobs wait behind the held one: the fourth cannot be queued until the first is done.
    #expect(fourthSubmitted.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
    gate.signal()
    #expect(fourthSubmitted.wait(timeout: .now() + 30) == .success)
    try queue.drain()
    #expect(log.all == [0, 1, 2, 3])
    withExtendedLifetime(owner) {}
  }

  @Test func yieldingWorkersRunAtALowerPriorityThanNormalOnes() throws {
    let log = JobLog()
    for (priority, slot) in [(Worker.Priority.yielding, 0), (.normal, 1)] {
      let worker = Worker(label: "priority", priority: priority)
      try worker.submit { log.append(slot * 100 + Self.threadNiceness) }
      try worker.drain()
    }
    #expect(log.all == [10, 100])
  }

  /// A light sink gives way only when the run has a slow sink to give way to: alone (generate),
  /// a lowered writer only lost its core to other processes.
  @Test func lightSinksYieldOnlyBesideASlowOne() throws {
    for withSlowSink in [false, true] {
      let light = NicenessSink(isSlow: false), slow = NicenessSink(isSlow: true)
      let runner = Runner(cores: 2)
      runner.add(withSlowSink ? [light, slow] : [light])
      var source = OneBatchSource()
      _ = try runner.run(&source)
      #expect(light.niceness == (withSlowSink ? 10 : 0))
      if withSlowSink { #expect(slow.niceness == 0) }
    }
  }

  /// The calling thread's Linux nice value.
  fileprivate static var threadNiceness: Int {
    Int(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
  }

  @Test func zstdFromLevel16IsSlowAndTheRestNot() {
    #expect(!CodecSetting(.zstd, level: 15).isSlow)
    #expect(CodecSetting(.zstd, level: 16).isSlow)
    #expect(CodecSetting(.zstd, level: 22).isSlow)
    #expect(!CodecSetting(.gzip, level: 9).isSlow)
  }
}

/// A sink that records the nice value of the thread it consumed on.
private final class NicenessSink: BatchSink, @unchecked Sendable {
  let isSlow: Bool
  private(set) var niceness: Int?

  init(isSlow: Bool) { self.isSlow = isSlow }

  var label: String { isSlow ? "slow" : "light" }
  func consume(_ batch: SpanBatch) throws { niceness = WorkerTests.threadNiceness }
  func endOfStream() throws {}
}

/// One empty batch.
private struct OneBatchSource: SpanSource {
  mutating func run(_ emit: (SpanBatch) throws -> Void) throws {
    try emit(SpanBatch(bytes: [], spanCount: 0))
  }
}
