import Dispatch
import Foundation

/// Maps a few large items on up to `threads` cores at once, results in input order.
///
/// The writer and reader hand it one block per core; the first error, in input order, is rethrown.
enum ParallelMap {
  static func map<Item: Sendable, Output: Sendable>(
    _ items: [Item], threads: Int, _ transform: @escaping @Sendable (Item) throws -> Output
  ) throws -> [Output] {
    if items.count <= 1 || threads <= 1 { return try items.map(transform) }
    let results = Results<Output>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      results.set(index, Result { try transform(items[index]) })
    }
    return try results.values().map { try $0.get() }
  }

  /// Slots written once each from different threads, read after they all finished.
  private final class Results<Output: Sendable>: @unchecked Sendable {
    private var slots: [Result<Output, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Output, any Error>) {
      lock.withLock { slots[index] = result }
    }

    func values() -> [Result<Output, any Error>] {
      lock.withLock { slots.compactMap { $0 } }
    }
  }
}
