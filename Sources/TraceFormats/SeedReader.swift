import TraceJSON
import TraceModel

/// Reads the seed's trace-per-line output: `{"trace_id": …, "spans": [span, …]}` on each line.
///
/// The seed document labels its times nanoseconds but its example values are microseconds
/// (1698000000000000 with an end 52000 later, 52 ms for a 50 ms service), so the unit is taken from
/// the magnitude of the first span (`SeedSpanDecoder`) and reported in the summary. Each span's
/// `duration` is derived data: it is not read, only compared with `end_time - start_time`.
enum SeedReader {
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    try LineFile(source: source, format: .seed, timeUnit: nil).read(onSpan)
  }

  /// The spans of one line's trace object.
  static func spans(
    of value: JSONValue, decoder: inout SeedSpanDecoder, summary: inout ReadSummary
  ) throws -> [Span] {
    let traceID = try value.string("trace_id")
    return try value.array("spans").enumerated().map { index, span in
      try FieldError.within("spans[\(index)]") {
        try decoder.span(from: span, traceID: traceID, summary: &summary)
      }
    }
  }
}
