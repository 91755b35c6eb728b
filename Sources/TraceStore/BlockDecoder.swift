import TraceModel

/// Turns a block's columns back into its spans, in input order.
///
/// Reads the columns in the order `BlockEncoder` wrote them and checks that each is used up, so
/// columns that disagree with each other (a count here, fewer values there) are an error.
enum BlockDecoder {
  /// The spans, and the request structure they arrived in (empty for flat spans).
  static func spans(
    of columns: BlockColumns, spanCount: Int, traceCount: Int
  ) throws -> (spans: [Span], requestEntries: [RequestEntry]) {
    var columns = columns
    var order = columns.reader(.traceOrder)
    guard spanCount <= order.remaining, traceCount <= spanCount else {
      throw order.failure("\(spanCount) spans in \(traceCount) traces do not fit the column")
    }
    var traceOfSpan: [Int] = []
    traceOfSpan.reserveCapacity(spanCount)
    var spansPerTrace: [Int] = []
    for _ in 0..<spanCount {
      let back = try order.index(below: spansPerTrace.count + 1)
      if back == 0 {
        guard spansPerTrace.count < traceCount else { throw order.failure("more than \(traceCount) traces") }
        spansPerTrace.append(0)
      }
      let trace = spansPerTrace.count - max(back, 1)
      traceOfSpan.append(trace)
      spansPerTrace[trace] += 1
    }
    guard spansPerTrace.count == traceCount else {
      throw order.failure("\(spansPerTrace.count) traces, the block says \(traceCount)")
    }
    try order.expectEnd()
    var reader = try SpanColumnReader(columns: &columns, spanCount: spanCount)
    var grouped: [[Span]] = []
    grouped.reserveCapacity(traceCount)
    for count in spansPerTrace { grouped.append(try reader.trace(spanCount: count)) }
    try reader.expectEnd()
    // Each trace's spans reversed and moved out from the end: copying them out of `grouped`
    // retained every string of every span, and freeing `grouped` released them all again. The
    // buffer's `reverse` moves them; the array's copied each span it swapped.
    for trace in grouped.indices { grouped[trace].withUnsafeMutableBufferPointer { $0.reverse() } }
    var spans: [Span] = []
    spans.reserveCapacity(spanCount)
    for trace in traceOfSpan { spans.append(grouped[trace].removeLast()) }
    return (spans, reader.requestEntries)
  }
}
