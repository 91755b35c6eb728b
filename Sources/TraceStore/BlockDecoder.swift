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
    let (traceOfSpan, spansPerTrace) = try traces(of: columns, spanCount: spanCount, traceCount: traceCount)
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

  /// The spans as the seed's JSONL lines in input order, the bytes `SpanJSONWriter.write` makes
  /// of `spans(of:…)`, written straight from the columns: making each `Span` and freeing it again
  /// was two thirds of decoding to JSONL. Lines are written trace by trace, then put in order.
  static func jsonl(of columns: BlockColumns, spanCount: Int, traceCount: Int) throws -> [UInt8] {
    var columns = columns
    let (traceOfSpan, spansPerTrace) = try traces(of: columns, spanCount: spanCount, traceCount: traceCount)
    var reader = try SpanColumnReader(columns: &columns, spanCount: spanCount)
    reader.prepareForJSON()
    var grouped: [UInt8] = []
    grouped.reserveCapacity(spanCount * 512)
    var lineEnds: [Int] = []
    lineEnds.reserveCapacity(spanCount)
    var firstLine: [Int] = []
    firstLine.reserveCapacity(traceCount)
    for count in spansPerTrace {
      firstLine.append(lineEnds.count)
      try reader.writeTrace(spanCount: count, to: &grouped, lineEnds: &lineEnds)
    }
    try reader.expectEnd()
    return grouped.withUnsafeBufferPointer { grouped in
      [UInt8](unsafeUninitializedCapacity: grouped.count) { out, count in
        var next = firstLine
        count = 0
        for trace in traceOfSpan {
          let line = next[trace]
          next[trace] += 1
          let start = line == 0 ? 0 : lineEnds[line - 1]
          let bytes = UnsafeBufferPointer(rebasing: grouped[start..<lineEnds[line]])
          (out.baseAddress! + count).update(from: bytes.baseAddress!, count: bytes.count)
          count += bytes.count
        }
      }
    }
  }

  /// Which trace each span of the block belongs to, in input order, and how many spans each trace
  /// has, from the trace-order column.
  private static func traces(
    of columns: BlockColumns, spanCount: Int, traceCount: Int
  ) throws -> (traceOfSpan: [Int], spansPerTrace: [Int]) {
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
    return (traceOfSpan, spansPerTrace)
  }
}
