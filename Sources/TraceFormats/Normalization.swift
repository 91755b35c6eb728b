import TraceJSON
import TraceModel

/// Something a reader changed or filled in to fit a source into the `Span` model.
///
/// Counted per file in `ReadSummary.normalizations`, so a report on real data can say how much of
/// it was not taken as written. The unit conversion is reported separately, as
/// `ReadSummary.sourceTimestampUnit`.
enum Normalization: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
  /// A span without a service (Zipkin without `localEndpoint.serviceName`, OTLP without a
  /// `service.name` resource attribute, Jaeger without a process) was given `"unknown"`.
  case unknownServiceName
  /// A Zipkin span without `duration` (the spec allows it for incomplete spans) was given
  /// end = start and marked `Span.timingUnknown`.
  case missingDurationAsZero
  /// A Zipkin span without `timestamp` (a late or partial span, legal in v2) was given start =
  /// end = 0 and marked `Span.timingUnknown`.
  case missingTimestampAsZero
  /// A seed span's `duration` disagreed with `end_time - start_time`; the times were kept.
  case inconsistentSeedDuration
  /// Keys the jsonl or seed span schema does not have were ignored.
  case unknownSpanKeysIgnored
  /// An OTLP `KeyValue` without a `value` was given an empty `AnyValue` (the same meaning in
  /// OTLP; written back, it has a value field that it did not have).
  case attributeWithoutValueMadeEmpty
  /// A Jaeger span's parent came from a FOLLOWS_FROM reference, as it had no CHILD_OF.
  case parentFromFollowsFrom
  /// A Jaeger or seed log without an `event` field got an empty event name.
  case logWithoutEventName
  /// An OTLP protobuf message carried fields the project's `.proto` does not define (a newer
  /// OTLP's); the model has no place for them, so they are not written back. Counted per message.
  case unknownProtobufFieldsDropped
  /// A pre-1.0 OTLP `instrumentation_library_spans` group was read as scope spans (and is written
  /// back as such); when the same resource also had scope spans, it was ignored.
  case legacyInstrumentationLibrarySpans
  /// An OTLP/JSON object (request, resource, scope, span, event, link, status or attribute)
  /// carried keys OTLP/JSON does not define; they were ignored, as receivers must. Counted per object.
  case unknownOTLPJSONKeysIgnored
  /// A Zipkin span marked `debug` or `shared`: OTLP has no field for either, so it was dropped.
  case zipkinSharedOrDebugDropped
  /// A Zipkin remote endpoint field whose tag (`peer.service`, …) the span already had: the tag
  /// was kept, the endpoint's value not added.
  case zipkinRemoteEndpointTagKept
  /// A Zipkin endpoint gave both `ipv4` and `ipv6`: the address attribute took the IPv4 one and
  /// the IPv6 one was dropped. Counted per endpoint.
  case zipkinIPv6Dropped
  /// A Jaeger span or trace carried `warnings`, which the model has no place for (dropped).
  case jaegerWarningsDropped
  /// Hex ids in upper case (OTLP allows either) were lower-cased, so they match across spans.
  case idLowercased

  /// A phrase for reports: "spans given service \"unknown\"".
  var summary: String {
    switch self {
    case .unknownServiceName: "spans given service \"unknown\" (no service name in the source)"
    case .missingDurationAsZero: "spans without duration, ended at their start (no timing figures)"
    case .missingTimestampAsZero: "spans without timestamp, kept without times (no timing figures)"
    case .inconsistentSeedDuration: "spans whose duration disagreed with end - start (ignored)"
    case .unknownSpanKeysIgnored: "spans with keys the schema does not have (ignored)"
    case .attributeWithoutValueMadeEmpty: "attributes without a value given an empty value"
    case .parentFromFollowsFrom: "parents taken from FOLLOWS_FROM references"
    case .logWithoutEventName: "logs without an event field, given an empty event name"
    case .unknownProtobufFieldsDropped: "protobuf messages with fields this OTLP version lacks (dropped)"
    case .legacyInstrumentationLibrarySpans: "pre-1.0 instrumentation-library groups read as scope spans"
    case .unknownOTLPJSONKeysIgnored: "OTLP/JSON objects with keys OTLP does not define (ignored)"
    case .zipkinSharedOrDebugDropped: "Zipkin spans whose debug or shared flag was dropped"
    case .zipkinRemoteEndpointTagKept: "remote-endpoint fields already among the tags (tag kept)"
    case .zipkinIPv6Dropped: "Zipkin endpoints with IPv4 and IPv6 whose IPv6 address was dropped"
    case .jaegerWarningsDropped: "Jaeger spans or traces whose warnings were dropped"
    case .idLowercased: "upper-case hex ids lower-cased"
    }
  }
}
