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
    // Read through a buffer pointer, which lends its elements: iterating the array would copy
    // each line, retaining and releasing its references.
    let lines = trace.drawn.indices.map { DrawnLine(trace, position: $0) }
    bytes = lines.withUnsafeBufferPointer { lines in
      let capacity = lines.indices.reduce(0) { $0 + lines[$1].maxLineBytes }
      return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        var cursor = ByteCursor(buffer)
        for index in lines.indices {
          fieldBytes.append(SpanJSONWriter.write(lines[index], to: &cursor))
          lineEnds.append(cursor.count)
        }
        count = cursor.count
      }
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
struct PendingSpan: Comparable {
  var trace: EncodedTrace
  var position: Int
  var endNanos: Int64
  /// The trace's index, copied here so comparisons stay within the heap's own storage.
  var traceIndex: Int

  init(trace: EncodedTrace, position: Int) {
    self.trace = trace
    self.position = position
    endNanos = trace.trace.drawn[position].endNanos
    traceIndex = trace.trace.index
  }

  var emitted: SpanLine { trace.emitted(position) }

  private var key: (Int64, Int, Int) { (endNanos, traceIndex, position) }
  static func < (lhs: Self, rhs: Self) -> Bool { lhs.key < rhs.key }
  static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
}
