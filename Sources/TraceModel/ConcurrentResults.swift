import Dispatch
import Foundation

/// Runs `transform` on every item at once on all cores, results (or errors) in input order.
///
/// The OTLP protobuf reader hands it a record's resource groups, which parse independently, and
/// TraceStore's `ParallelMap` its blocks. It lives here because
/// both modules build on TraceModel and on nothing else they share.
package enum ConcurrentResults {
  package static func map<Item: Sendable, Output: Sendable>(
    _ items: [Item], _ transform: @Sendable (Item) throws -> Output
  ) -> [Result<Output, any Error>] {
    if items.count <= 1 { return items.map { item in Result { try transform(item) } } }
    let slots = Slots<Output>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      slots.set(index, Result { try transform(items[index]) })
    }
    return slots.values
  }

  /// Slots written once each from different threads, read after they all finished.
  private final class Slots<Output: Sendable>: @unchecked Sendable {
    private var slots: [Result<Output, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Output, any Error>) {
      lock.withLock { slots[index] = result }
    }

    var values: [Result<Output, any Error>] {
      lock.withLock { slots.map { $0! } }
    }
  }
}
