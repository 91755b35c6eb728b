import TraceFormats
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
    return inInputOrder(grouped, ends: lineEnds, firstOfTrace: firstLine, traceOfSpan: traceOfSpan).bytes
  }

  /// The spans as OTLP protobuf `ScopeSpans.spans` fields in input order, with the request
  /// structure they arrived in, written straight from the columns (`SpanProtobufWriter`); nil for
  /// flat spans, which have no requests to go in, and for a block that needs its `Span`s
  /// (`SpanProtobufWriter.NeedsSpans`). Written trace by trace, then put in order.
  static func protobuf(
    of columns: BlockColumns, spanCount: Int, traceCount: Int
  ) throws -> (messages: SpanMessages, requestEntries: [RequestEntry])? {
    var columns = columns
    let (traceOfSpan, spansPerTrace) = try traces(of: columns, spanCount: spanCount, traceCount: traceCount)
    let reader = try SpanColumnReader(columns: &columns, spanCount: spanCount)
    let entries = reader.requestEntries
    guard !entries.isEmpty else { return nil }
    var writer = SpanProtobufWriter(reader)
    var grouped = ProtoWriter()
    grouped.bytes.reserveCapacity(spanCount * 320)
    var spanEnds: [Int] = []
    spanEnds.reserveCapacity(spanCount)
    var firstSpan: [Int] = []
    firstSpan.reserveCapacity(traceCount)
    do {
      for count in spansPerTrace {
        firstSpan.append(spanEnds.count)
        try writer.writeTrace(spanCount: count, to: &grouped, spanEnds: &spanEnds)
      }
    } catch is SpanProtobufWriter.NeedsSpans {
      return nil
    }
    try writer.expectEnd()
    let (bytes, ends) = inInputOrder(grouped.bytes, ends: spanEnds, firstOfTrace: firstSpan, traceOfSpan: traceOfSpan)
    return (SpanMessages(bytes: bytes, ends: ends), entries)
  }

  /// Byte strings written trace by trace (each ending at `ends`, each trace's first the number
  /// `firstOfTrace` gives) put in input order, and where each ends there.
  private static func inInputOrder(
    _ grouped: [UInt8], ends: [Int], firstOfTrace: [Int], traceOfSpan: [Int]
  ) -> (bytes: [UInt8], ends: [Int]) {
    var orderedEnds: [Int] = []
    orderedEnds.reserveCapacity(ends.count)
    let bytes = grouped.withUnsafeBufferPointer { grouped in
      [UInt8](unsafeUninitializedCapacity: grouped.count) { out, count in
        var next = firstOfTrace
        count = 0
        for trace in traceOfSpan {
          let line = next[trace]
          next[trace] += 1
          let start = line == 0 ? 0 : ends[line - 1]
          let bytes = UnsafeBufferPointer(rebasing: grouped[start..<ends[line]])
          (out.baseAddress! + count).update(from: bytes.baseAddress!, count: bytes.count)
          count += bytes.count
          orderedEnds.append(count)
        }
      }
    }
    return (bytes, orderedEnds)
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
