import TraceJSON
import TraceModel

/// Reads Zipkin v2 JSON: an array of spans (what `POST /api/v2/spans` takes) or an array of traces,
/// each an array of spans (what `GET /api/v2/traces` returns).
///
/// The file is read whole but parsed one span at a time, so memory holds the bytes and one span's
/// tree. Timestamps and durations are µs.
enum ZipkinReader {
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    var summary = ReadSummary(format: .zipkin, sourceTimestampUnit: .microseconds)
    summary.lineCount = try source.withDocument { document, parser in
      guard document[parser.position] == UInt8(ascii: "[") else {
        throw source.mismatch(
          .zipkin, start: UnsafeBufferPointer(rebasing: document[parser.position...]))
      }
      func readSpan(_ parser: inout JSONParser, _ path: @autoclosure () -> String) throws {
        parser.skipWhitespace()
        let start = parser.position
        let value = try parser.parseValue()
        summary.findings.note(
          .duplicateJSONKey, count: value.duplicateKeyCount, at: .init(byteOffset: start))
        let span = try source.converting(valueAt: start, in: document) {
          try FieldError.within(path()) { try ZipkinSpanDecoder.span(value, summary: &summary) }
        }
        summary.spanCount += 1
        try onSpan(span)
      }
      var outer = 0
      try parser.forEachElement { parser in
        defer { outer += 1 }
        guard try parser.peekNonWhitespace() == UInt8(ascii: "[") else {
          return try readSpan(&parser, "[\(outer)]")
        }
        var inner = 0
        try parser.forEachElement { parser in
          defer { inner += 1 }
          try readSpan(&parser, "[\(outer)][\(inner)]")
        }
      }
    }
    summary.documentCount = 1
    return summary
  }
}
