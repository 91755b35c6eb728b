import TraceJSON

/// The keys each JSON format defines for the objects the readers decode, to count the ones they
/// ignore.
///
/// Readers must ignore fields they do not know (a newer OTLP's, protobuf's snake_case names,
/// which OTLP/JSON does not use, a vendor's extra Zipkin or Jaeger field); the model has no place
/// for them, so they would vanish silently. Each object with such a key is counted once
/// (`Normalization.unknownKeysIgnored`), so the report says how much was not read.
enum KnownKeys {
  static let request: Set<String> = ["resourceSpans"]
  static let resourceSpans: Set<String> = [
    "resource", "scopeSpans", "instrumentationLibrarySpans", "schemaUrl",
  ]
  static let resource: Set<String> = ["attributes", "droppedAttributesCount"]
  static let scopeSpans: Set<String> = ["scope", "instrumentationLibrary", "spans", "schemaUrl"]
  static let scope: Set<String> = ["name", "version", "attributes", "droppedAttributesCount"]
  static let span: Set<String> = [
    "traceId", "spanId", "traceState", "parentSpanId", "flags", "name", "kind",
    "startTimeUnixNano", "endTimeUnixNano", "attributes", "droppedAttributesCount", "events",
    "droppedEventsCount", "links", "droppedLinksCount", "status",
  ]
  static let event: Set<String> = ["timeUnixNano", "name", "attributes", "droppedAttributesCount"]
  static let link: Set<String> = [
    "traceId", "spanId", "traceState", "attributes", "droppedAttributesCount", "flags",
  ]
  static let status: Set<String> = ["code", "message"]
  static let keyValue: Set<String> = ["key", "value"]

  /// Zipkin v2's span and endpoint (zipkin2-api.yaml).
  static let zipkinSpan: Set<String> = [
    "traceId", "name", "parentId", "id", "kind", "timestamp", "duration", "debug", "shared",
    "localEndpoint", "remoteEndpoint", "annotations", "tags",
  ]
  static let zipkinEndpoint: Set<String> = ["serviceName", "ipv4", "ipv6", "port"]
  static let zipkinAnnotation: Set<String> = ["timestamp", "value"]

  /// Jaeger's query-API trace and span (its JSON model).
  static let jaegerTrace: Set<String> = ["traceID", "spans", "processes", "warnings"]
  static let jaegerSpan: Set<String> = [
    "traceID", "spanID", "flags", "operationName", "references", "startTime", "duration", "tags",
    "logs", "processID", "process", "warnings",
  ]

  /// Counts `value` if it is an object with a key outside `known`.
  static func check(_ value: JSONValue, _ known: Set<String>, summary: inout ReadSummary) {
    guard case .object(let members) = value else { return }
    if members.contains(where: { !known.contains($0.key) }) {
      summary.note(.unknownKeysIgnored)
    }
  }
}
