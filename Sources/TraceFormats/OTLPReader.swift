import TraceJSON
import TraceModel

/// Reads OTLP/JSON `ExportTraceServiceRequest`s: one per line as the Collector's file exporter
/// writes them, or pretty-printed, several per file if need be (`JSONRecordAssembler`).
///
/// Follows the OTLP/JSON rules of opentelemetry-proto's specification: lowerCamelCase keys, hex ids
/// in either case, 64-bit integers as decimal strings (numbers accepted), enums as integers, unknown
/// fields ignored. `scopeSpans` and its pre-1.0 name `instrumentationLibrarySpans` are both read.
enum OTLPReader {
  /// Reads `source` span by span, each with its resource and scope (`TraceRequest.spans`).
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    try read(source) { request in
      for span in request.spans { try onSpan(span) }
    }
  }

  /// Reads `source`, calling `onRequest` with each request in file order, its grouping kept.
  static func read(_ source: SourceFile, onRequest: (TraceRequest) throws -> Void) throws
    -> ReadSummary
  {
    var summary = ReadSummary(format: .otlp, sourceTimestampUnit: .nanoseconds)
    var assembler = JSONRecordAssembler()
    func readRecord(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, offset: Int) throws {
      var parser = JSONParser(bytes)
      repeat {
        parser.skipWhitespace()
        let start = parser.position
        let request: JSONValue
        do {
          request = try parser.parseValue()
          parser.skipWhitespace()
        } catch let error as JSONSyntaxError {
          throw source.error(error, in: bytes, line: line, offset: offset)
        }
        guard request["resourceSpans"] != nil else {
          throw source.mismatch(
            .otlp, start: UnsafeBufferPointer(rebasing: bytes[start...]), line: line,
            offset: offset + start)
        }
        summary.documentCount += 1
        let decoded = try source.converting(
          valueAt: start, in: bytes, line: line, recordOffset: offset
        ) {
          try OTLPJSONRequestDecoder.request(request, summary: &summary)
        }
        summary.spanCount += decoded.spanCount
        try onRequest(decoded)
      } while parser.position < bytes.count
    }
    summary.lineCount = try source.forEachLine { line, number, offset in
      try assembler.feed(line, number: number, offset: offset, readRecord)
    }
    try assembler.finish(readRecord)
    return summary
  }
}
