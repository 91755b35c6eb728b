import Foundation
import Testing
@testable import Runner

@Suite struct WorkerPoolTests {
  @Test func eachLaneRunsItsJobsOnceInTheOrderSubmitted() throws {
    let pool = WorkerPool(label: "order", threads: 2)
    let lanes = (0..<3).map { _ in pool.lane(capacity: 3) }
    let logs = lanes.map { _ in JobLog() }
    for item in 0..<200 {
      for (lane, log) in zip(lanes, logs) {
        try lane.submit {
          if item % 50 == 0 { usleep(1_000) }
          log.append(item)
        }
      }
    }
    for lane in lanes { try lane.drain() }
    for log in logs { #expect(log.all == Array(0..<200)) }
  }

  /// The property the pool is for: a lane whose job runs long holds one thread, and every other
  /// lane goes on on the rest. Dealt to threads in turn, as light sinks once were to workers,
  /// the third lane would share the first one's thread and wait behind it.
  @Test func lanesGoOnWhileAnotherLaneHoldsAThread() throws {
    let pool = WorkerPool(label: "spread", threads: 2)
    let lanes = (0..<3).map { _ in pool.lane() }
    let release = DispatchSemaphore(value: 0)
    let started = DispatchSemaphore(value: 0)
    try lanes[0].submit {
      started.signal()
      release.wait()
    }
    #expect(started.wait(timeout: .now() + 30) == .success)
    let log = JobLog()
    for round in 0..<10 {
      try lanes[1].submit { log.append(round) }
      try lanes[2].submit { log.append(100 + round) }
    }
    try lanes[1].drain()
    try lanes[2].drain()
    #expect(log.all.sorted() == Array(0..<10) + Array(100..<110))
    release.signal()
    try lanes[0].drain()
  }

  @Test func aFailureSkipsTheRestOfItsLaneOnlyAndIsRethrown() throws {
    let pool = WorkerPool(label: "failure", threads: 2)
    let failing = pool.lane(capacity: 8)
    let other = pool.lane(capacity: 8)
    let log = JobLog()
    try failing.submit { log.append(1) }
    try failing.submit { throw JobRefused() }
    try failing.submit { log.append(3) }
    #expect(throws: JobRefused.self) { try failing.drain() }
    #expect(throws: JobRefused.self) { try failing.submit { log.append(4) } }
    try other.submit { log.append(5) }
    try other.drain()
    #expect(log.all == [1, 5])
  }
}
