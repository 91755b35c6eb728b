import TraceJSON

/// The keys OTLP/JSON defines for each message the readers decode, to count the ones they ignore.
///
/// OTLP/JSON receivers must ignore fields they do not know (a newer OTLP's, or protobuf's
/// snake_case names, which OTLP/JSON does not use); the model has no place for them, so they would
/// vanish silently. Each object with such a key is counted once
/// (`Normalization.unknownOTLPJSONKeysIgnored`), so the report says how much was not read.
enum OTLPJSONKeys {
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

  /// Counts `value` if it is an object with a key outside `known`.
  static func check(_ value: JSONValue, _ known: Set<String>, summary: inout ReadSummary) {
    guard case .object(let members) = value else { return }
    if members.contains(where: { !known.contains($0.key) }) {
      summary.note(.unknownOTLPJSONKeysIgnored)
    }
  }
}
