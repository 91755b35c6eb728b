import TraceModel

/// Maps a few large items on up to `threads` cores at once, results in input order.
///
/// The writer and reader hand it one block per core; the first error, in input order, is rethrown.
enum ParallelMap {
  static func map<Item: Sendable, Output: Sendable>(
    _ items: [Item], threads: Int, _ transform: @escaping @Sendable (Item) throws -> Output
  ) throws -> [Output] {
    if items.count <= 1 || threads <= 1 { return try items.map(transform) }
    return try ConcurrentResults.map(items, transform).map { try $0.get() }
  }
}
