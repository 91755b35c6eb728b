import TraceJSON
import TraceModel

/// Reads Jaeger query-API JSON: `{"data": [trace, …], "total", "limit", "offset", "errors"}` as
/// `GET /api/traces` returns it, each trace `{"traceID", "spans", "processes"}`.
///
/// The file is read whole but parsed one trace at a time: a trace is the smallest unit that can be
/// converted, as its spans name processes the trace lists after them. Times are µs.
enum JaegerReader {
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    var summary = ReadSummary(format: .jaeger, sourceTimestampUnit: .microseconds)
    summary.lineCount = try source.withDocument { document, parser in
      let start = UnsafeBufferPointer(rebasing: document[parser.position...])
      guard start[0] == UInt8(ascii: "{") else { throw source.mismatch(.jaeger, start: start) }
      var sawTraces = false
      var data: JSONValue?
      var errors: JSONValue = .null
      try parser.forEachMember { key, parser in
        switch key {
        case "data" where try parser.peekNonWhitespace() == UInt8(ascii: "["):
          sawTraces = true
          var index = 0
          try parser.forEachElement { parser in
            defer { index += 1 }
            parser.skipWhitespace()
            let traceStart = parser.position
            let trace = try parser.parseValue()
            summary.findings.note(
              .duplicateJSONKey, count: trace.duplicateKeyCount, at: .init(byteOffset: traceStart))
            let spans = try source.converting(valueAt: traceStart, in: document) {
              try FieldError.within("data[\(index)]") {
                try JaegerTraceDecoder(trace).spans(summary: &summary)
              }
            }
            for span in spans {
              summary.spanCount += 1
              try onSpan(span)
            }
          }
        case "data": data = try parser.parseValue()
        case "errors": errors = try parser.parseValue()
        default: _ = try parser.parseValue()
        }
      }
      guard !sawTraces else { return }
      // No "data" and nothing reported: another format's object, say which.
      if data == nil, errors == .null { throw source.mismatch(.jaeger, start: start) }
      let found = data?.kindDescription ?? "nothing"
      let reported = errors == .null ? "" : "; the response reports errors: \(errors.compactText)"
      throw source.error("field \"data\": expected an array of traces, found \(found)\(reported)")
    }
    summary.documentCount = 1
    return summary
  }
}
