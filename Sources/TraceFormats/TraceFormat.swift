import TraceJSON
import TraceModel

/// The trace file formats the harness reads.
///
/// The raw values are what a user types after `--format`, hence short and lower-case.
public enum TraceFormat: String, Sendable, CaseIterable, Codable {
  /// Ours: one span object per line (`SpanJSONWriter`), times in ns.
  case jsonl
  /// The seed's Python output: one `{"trace_id", "spans": [...]}` object per line.
  case seed
  /// OTLP/JSON `ExportTraceServiceRequest`s, one per line (the Collector's file exporter) or one
  /// pretty-printed per file.
  case otlp
  /// OTLP protobuf: one `TracesData` message, or length-prefixed messages as the Collector's file
  /// exporter writes them with `format: proto`.
  case otlpProto = "otlp-proto"
  /// Zipkin v2 JSON: an array of spans, or an array of traces (arrays of spans).
  case zipkin
  /// Jaeger query-API JSON: `{"data": [trace, …]}`.
  case jaeger

  /// What a file of this format looks like, for errors when it does not.
  var expectedShape: String {
    switch self {
    case .jsonl: "a span object with span_id"
    case .seed: "a trace object with trace_id and spans"
    case .otlp: "an OTLP ExportTraceServiceRequest object with resourceSpans"
    case .otlpProto: "OTLP protobuf TracesData, one message or 4-byte length-prefixed records"
    case .zipkin: "a Zipkin v2 span array"
    case .jaeger: "a Jaeger query-API object with data"
    }
  }

  /// Whether `prefix` starts as OTLP protobuf, in either layout (`OTLPProtobufLayout`).
  static func looksLikeOTLPProtobuf(_ prefix: [UInt8]) -> Bool {
    OTLPProtobufLayout(prefix: prefix) != nil
  }

  /// How many bytes of a file `detect` is shown.
  public static let detectionPrefixBytes = 64 * 1024

  /// The format of a file, from its first few kilobytes.
  ///
  /// Decided by the keys of the first top-level object (or, for an array, of its first object): a
  /// prefix cut in the middle of a value is fine. Input that is not JSON is OTLP protobuf when it
  /// starts as one (`looksLikeOTLPProtobuf`). `prefix` is decompressed: `SourceFile` sees to that. Throws, listing the supported formats, when the
  /// input is empty or matches none of them.
  public static func detect(prefix: [UInt8]) throws -> TraceFormat {
    try detect(prefix: prefix, file: "input")
  }

  static func detect(prefix: [UInt8], file: String) throws -> TraceFormat {
    if looksLikeOTLPProtobuf(prefix) { return .otlpProto }  // before JSON: 0x0A is also '\n'
    let sniff = JSONSniff(prefix)
    let detected: TraceFormat? =
      switch sniff.start {
      case .empty: nil
      case .object(let keys):
        if keys.contains("resourceSpans") {
          .otlp
        } else if keys.contains("data") {
          .jaeger
        } else if keys.contains("trace_id"), keys.contains("spans") {
          .seed
        } else if keys.contains("span_id") {
          .jsonl
        } else {
          nil
        }
      case .array(let keys, let truncated):
        keys.contains("traceId") && (keys.contains("id") || truncated) ? .zipkin : nil
      case .emptyArray: .zipkin
      case .other: nil
      }
    if let detected { return detected }
    let supported = allCases.map { "\($0.rawValue) (\($0.expectedShape))" }.joined(separator: "; ")
    let found = sniff.start == .empty ? "the input is empty" : "it starts with \(sniff.description)"
    throw FormatError(
      file: file, problem: "cannot tell the trace format: \(found). Supported formats: \(supported)"
    )
  }
}
