import Dispatch
import HeapModule
import TraceFormats
import TraceJSON
import TraceModel

/// The order in which a dataset's spans are written.
public enum SpanOrder: String, Sendable, CaseIterable, Codable {
  /// As an exporter sends them: by end time, across the traces in flight.
  case arrival
  /// Grouped by trace, parents before children.
  case trace
}

/// Generates a dataset and hands its spans, in file order, to a consumer — one pass, no file read
/// back.
///
/// Traces are drawn in batches on `threads` workers and merged in index order, so the bytes are the
/// same whatever the thread count. In arrival order a heap holds the spans of the traces in flight:
/// a span is released once no later trace can end before it (every later trace starts after it
/// ends), so memory stays bounded by the traces that overlap in time.
public struct DatasetStream: Sendable {
  public var generator: TraceGenerator
  var traceCount: Int
  var order: SpanOrder
  var threads: Int
  /// The instant the first request may arrive: the seed's example, 1,698,000,000 s.
  var epochNanos: Int64

  public static let defaultEpochNanos: Int64 = 1_698_000_000 * 1_000_000_000
  static let batchTraces = 512

  public init(
    generator: TraceGenerator, traceCount: Int, order: SpanOrder = .arrival, threads: Int = 1,
    epochNanos: Int64 = DatasetStream.defaultEpochNanos
  ) {
    self.generator = generator
    self.traceCount = traceCount
    self.order = order
    self.threads = max(1, threads)
    self.epochNanos = epochNanos
  }

  /// Runs the generation; `onTrace` sees each trace once drawn, `onSpan` each span in file order.
  public func run(
    onTrace: (GeneratedTrace) throws -> Void, onSpan: (SpanLine) throws -> Void
  ) throws {
    var arrivals = SplitMix64.stream(seed: generator.seed, index: UInt64.max)
    let meanGapNanos = 1e9 / generator.topology.arrivalsPerSecond
    var clockNanos = epochNanos
    var inFlight = Heap<PendingSpan>()
    var waiting = WaitingTraces()
    var first = 0
    while first < traceCount {
      let count = min(Self.batchTraces, traceCount - first)
      var starts: [Int64] = []
      starts.reserveCapacity(count)
      for _ in 0..<count {
        clockNanos += Int64(arrivals.exponential(mean: meanGapNanos).rounded())
        starts.append(clockNanos)
      }
      for encoded in encodeBatch(first: first, starts: starts) {
        try onTrace(encoded.trace)
        switch order {
        case .trace:
          for position in encoded.trace.drawn.indices { try onSpan(encoded.emitted(position)) }
        case .arrival:
          while let next = inFlight.min, next.endNanos <= encoded.startNanos {
            try onSpan(waiting.emit(inFlight.removeMin()))
          }
          waiting.append(encoded)
          for (position, span) in encoded.trace.drawn.enumerated() {
            inFlight.insert(
              PendingSpan(endNanos: span.endNanos, traceIndex: encoded.trace.index, position: position))
          }
        }
      }
      first += count
    }
    while let next = inFlight.popMin() { try onSpan(waiting.emit(next)) }
  }

  /// Draws and serializes a batch of traces on the worker threads, returned in index order.
  private func encodeBatch(first: Int, starts: [Int64]) -> [EncodedTrace] {
    let results = UnsafeMutableBufferPointer<EncodedTrace?>.allocate(capacity: starts.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    let workers = min(threads, starts.count)
    let generator = self.generator
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for offset in stride(from: worker, to: starts.count, by: workers) {
        slots[offset] = EncodedTrace(
          generator.trace(index: first + offset, startNanos: starts[offset]))
      }
    }
    return results.map { $0! }
  }
}
