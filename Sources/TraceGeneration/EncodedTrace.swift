import DequeModule
import TraceFormats
import TraceJSON
import TraceModel

/// A trace with its spans already written as JSON lines.
///
/// A class, so the spans waiting in arrival order share their trace by reference instead of each
/// carrying a copy of its line through the heap's moves.
final class EncodedTrace: Sendable {
  let trace: GeneratedTrace
  let bytes: [UInt8]
  let lineEnds: [Int]
  let fieldBytes: [FieldBytes]

  init(_ trace: GeneratedTrace) {
    self.trace = trace
    var lineEnds: [Int] = []
    var fieldBytes: [FieldBytes] = []
    lineEnds.reserveCapacity(trace.drawn.count)
    fieldBytes.reserveCapacity(trace.drawn.count)
    // Each line is made once, as it is written: an array of them cost an allocation per trace and
    // a retain of each of their four references per copy.
    let capacity = trace.drawn.reduce(0) { $0 + DrawnLine.maxLineBytes(of: $1, in: trace) }
    bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      var cursor = ByteCursor(buffer)
      for position in trace.drawn.indices {
        fieldBytes.append(SpanJSONWriter.write(DrawnLine(trace, position: position), to: &cursor))
        lineEnds.append(cursor.count)
      }
      count = cursor.count
    }
    self.lineEnds = lineEnds
    self.fieldBytes = fieldBytes
  }

  var startNanos: Int64 { trace.drawn[0].startNanos }

  func emitted(_ position: Int) -> SpanLine {
    let start = position == 0 ? 0 : lineEnds[position - 1]
    return SpanLine(
      records: trace, position: position, bytes: bytes[start..<lineEnds[position]],
      fieldBytes: fieldBytes[position])
  }
}

/// A span waiting in arrival order, ordered by end time, then trace, then position.
///
/// Plain numbers, no reference to its trace: the heap moves each entry some twenty times, and a
/// reference made every move a retain and a release. `WaitingTraces` holds the traces.
struct PendingSpan: Comparable {
  var endNanos: Int64
  var traceIndex: Int
  var position: Int

  private var key: (Int64, Int, Int) { (endNanos, traceIndex, position) }
  static func < (lhs: Self, rhs: Self) -> Bool { lhs.key < rhs.key }
  static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
}

/// The traces whose spans wait in arrival order, by index: each is released once its last span is
/// emitted, and the window moves on past the oldest once all of its spans are out.
struct WaitingTraces {
  private var traces: Deque<(trace: EncodedTrace, waiting: Int)?> = []
  /// The trace index of `traces.first`.
  private var firstIndex = 0

  /// Adds the next trace, in index order, with all its spans waiting.
  mutating func append(_ trace: EncodedTrace) {
    if traces.isEmpty { firstIndex = trace.trace.index }
    traces.append((trace, trace.lineEnds.count))
  }

  /// The line of a waiting span, which is no longer waiting.
  mutating func emit(_ span: PendingSpan) -> SpanLine {
    let slot = span.traceIndex - firstIndex
    let (trace, waiting) = traces[slot]!
    let line = trace.emitted(span.position)
    if waiting > 1 {
      traces[slot]!.waiting = waiting - 1
    } else {
      traces[slot] = nil
      while let first = traces.first, first == nil {
        traces.removeFirst()
        firstIndex += 1
      }
    }
    return line
  }
}
