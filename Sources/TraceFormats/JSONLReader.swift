import TraceJSON
import TraceModel

/// Reads our own span-per-line output (`SpanJSONWriter`), streaming, times taken as ns unless the
/// user gave another unit.
enum JSONLReader {
  static func read(
    _ source: SourceFile, timeUnit: TimestampUnit? = nil, _ onSpan: (Span) throws -> Void
  ) throws -> ReadSummary {
    var summary = ReadSummary(format: .jsonl, sourceTimestampUnit: timeUnit ?? .nanoseconds)
    var decoder = SeedSpanDecoder(detectsUnit: false, givenUnit: timeUnit)
    try source.readLines(
      .jsonl, requiring: "span_id", into: &summary,
      decode: { value, summary in [try decoder.span(from: value, summary: &summary)] },
      onSpan: onSpan)
    return summary
  }
}
