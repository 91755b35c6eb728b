import TraceFormats
import TraceJSON
import TraceModel

/// A span's own time: its duration less the union of its direct children's intervals.
enum SelfTime {
  /// The self time of each span of `trace`, in its span order.
  ///
  /// Children are found by scanning the trace for each span, quadratic in its spans, which the
  /// generator caps at `TraceGenerator.maxSpansPerTrace`; their intervals are kept on the stack.
  static func nanos(of trace: GeneratedTrace) -> [Int64] {
    let spans = trace.drawn
    return withUnsafeTemporaryAllocation(of: (start: Int64, end: Int64).self, capacity: spans.count) {
      children in
      spans.indices.map { position in
        var count = 0
        for child in spans.indices where spans[child].parent == position {
          // Insertion by start time: the union below needs the intervals in start order.
          var slot = count
          while slot > 0 && children[slot - 1].start > spans[child].startNanos {
            children[slot] = children[slot - 1]
            slot -= 1
          }
          children[slot] = (spans[child].startNanos, spans[child].endNanos)
          count += 1
        }
        var covered: Int64 = 0
        var reachedNanos = spans[position].startNanos
        for (start, end) in children[..<count] {
          let from = max(start, reachedNanos)
          let to = min(end, spans[position].endNanos)
          if to > from { covered += to - from }
          reachedNanos = max(reachedNanos, to)
        }
        return spans[position].endNanos - spans[position].startNanos - covered
      }
    }
  }
}
