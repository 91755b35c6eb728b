/// Reads our own span-per-line output (`SpanJSONWriter`), streaming, times taken as ns.
enum JSONLReader {
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    var summary = ReadSummary(format: .jsonl, sourceTimestampUnit: .nanoseconds)
    var decoder = SeedSpanDecoder(detectsUnit: false)
    summary.lineCount = try source.forEachLine { line, number, offset in
      let value = try source.parseLineRecord(
        line, line: number, offset: offset, expecting: .jsonl, isFirst: summary.documentCount == 0)
      guard value["span_id"] != nil else {
        throw source.mismatch(.jsonl, start: line, line: number, offset: offset)
      }
      summary.documentCount += 1
      let span = try source.converting(line: number, offset: offset) {
        try decoder.span(from: value, summary: &summary)
      }
      summary.spanCount += 1
      try onSpan(span)
    }
    return summary
  }
}
