import TraceJSON
import TraceModel

/// Decodes one Zipkin v2 span into the model.
///
/// Read: traceId (16 or 32 hex digits), id, parentId (absent or empty: a root), name,
/// `localEndpoint.serviceName` (absent: "unknown", counted), timestamp and duration (µs; both may
/// be absent in v2, for late or partial spans: an absent duration gives end = start, an absent
/// timestamp a start of 0, each counted and the span marked `timingUnknown`), tags (strings in Zipkin;
/// numbers and booleans kept as such) and annotations as logs (`value` as the event name).
/// Status is ERROR when the span has an `error` tag, whatever its value (Zipkin's own rule), or
/// `otel.status_code` = ERROR. `kind` becomes the OTLP kind (absent: nil). The local endpoint
/// becomes the span's resource (`service.name`, `net.host.ip`, `net.host.port`); the remote one
/// becomes tags `peer.service`, `net.peer.ip` and `net.peer.port` after the span's own tags, the
/// names OpenTelemetry's semantic conventions give them (a tag the span already has wins, counted).
/// Dropped and counted: `debug` and `shared`, which OTLP has no field for. A shared server span
/// keeps the span id of its client span, so such files can hold two spans with one id: they are
/// handed over as they are.
enum ZipkinSpanDecoder {
  static func span(_ value: JSONValue, summary: inout ReadSummary) throws -> Span {
    guard case .object = value else {
      throw FieldError("expected a span object, found \(value.kindDescription)")
    }
    KnownKeys.check(value, KnownKeys.zipkinSpan, summary: &summary)
    let traceID = try HexID.normalized(
      try value.string("traceId"), field: "traceId", lengths: [16, 32], summary: &summary)
    let spanID = try HexID.normalized(
      try value.string("id"), field: "id", lengths: [16], summary: &summary)
    var parentSpanID: String?
    if let parent = try value.optionalString("parentId"), !parent.isEmpty {
      parentSpanID = try HexID.normalized(
        parent, field: "parentId", lengths: [16], summary: &summary)
    }
    let micros = TimestampUnit.microseconds
    var startNanos: Int64 = 0
    var timingUnknown = false
    if let timestamp = value["timestamp"], timestamp != .null {
      startNanos = try micros.nanos(
        try JSONValue.int64(timestamp, field: "timestamp", acceptingStrings: false), field: "timestamp")
    } else {
      summary.note(.missingTimestampAsZero)
      timingUnknown = true
    }
    var endNanos = startNanos
    if let duration = value["duration"], duration != .null {
      let durationMicros = try JSONValue.int64(duration, field: "duration", acceptingStrings: false)
      guard durationMicros >= 0 else {
        throw FieldError("field \"duration\": negative duration \(durationMicros) µs")
      }
      let (end, overflow) = startNanos.addingReportingOverflow(
        try micros.nanos(durationMicros, field: "duration"))
      guard !overflow else {
        throw FieldError("field \"duration\": end time does not fit Int64 ns")
      }
      endNanos = end
    } else {
      summary.note(.missingDurationAsZero)
      timingUnknown = true
    }
    let service = try value["localEndpoint"]?.optionalString("serviceName")
    if service == nil { summary.note(.unknownServiceName) }
    var tags = try value["tags"].map { try $0 == .null ? [] : $0.asTagObject("tags") } ?? []
    if let remote = value["remoteEndpoint"], remote != .null {
      let endpoint = try FieldError.within("remoteEndpoint") {
        try endpointTags(
          remote, service: "peer.service", address: "net.peer.ip", port: "net.peer.port", summary: &summary)
      }
      for tag in endpoint {
        if tags.contains(where: { $0.key == tag.key }) {
          summary.note(.zipkinRemoteEndpointTagKept)
        } else {
          tags.append(tag)
        }
      }
    }
    if value["debug"] == .bool(true) || value["shared"] == .bool(true) {
      summary.note(.zipkinSharedOrDebugDropped)
    }
    let logs = try value.optionalArray("annotations").enumerated().map { index, annotation in
      try FieldError.within("annotations[\(index)]") {
        KnownKeys.check(annotation, KnownKeys.zipkinAnnotation, summary: &summary)
        return LogEvent(
          timestampNanos: try micros.nanos(try annotation.int64("timestamp"), field: "timestamp"),
          event: try annotation.string("value"))
      }
    }
    let failed = tags.contains {
      $0.key == "error" || $0 == Tag("otel.status_code", .string("ERROR"))
    }
    var span = Span(
      traceID: traceID, spanID: spanID, parentSpanID: parentSpanID,
      serviceName: service ?? "unknown", operationName: try value.optionalString("name") ?? "",
      startTimeNanos: startNanos, endTimeNanos: endNanos, tags: tags, logs: logs,
      statusCode: failed ? 1 : 0)
    span.timingUnknown = timingUnknown
    if timingUnknown { summary.spansWithUnknownTiming += 1 }
    span.kind = try kind(value["kind"])
    if let local = value["localEndpoint"], local != .null {
      span.resource = Resource(
        attributes: try FieldError.within("localEndpoint") {
          try endpointTags(
            local, service: "service.name", address: "net.host.ip", port: "net.host.port", summary: &summary)
        })
    }
    return span
  }

  private static func kind(_ value: JSONValue?) throws -> SpanKind? {
    switch value {
    case nil, .null?: return nil
    case .string("CLIENT")?: return .client
    case .string("SERVER")?: return .server
    case .string("PRODUCER")?: return .producer
    case .string("CONSUMER")?: return .consumer
    case let other?:
      throw FieldError.wrongType(
        "kind", expected: "CLIENT, SERVER, PRODUCER or CONSUMER", found: other)
    }
  }

  /// An endpoint's service name, address (IPv4, else IPv6) and port as tags under the given keys.
  /// OTLP's address attribute holds one address, so an endpoint with both keeps the IPv4 one and
  /// the IPv6 one is counted as dropped.
  private static func endpointTags(
    _ endpoint: JSONValue, service: String, address: String, port: String, summary: inout ReadSummary
  ) throws -> [Tag] {
    KnownKeys.check(endpoint, KnownKeys.zipkinEndpoint, summary: &summary)
    var tags: [Tag] = []
    if let name = try endpoint.optionalString("serviceName") { tags.append(Tag(service, .string(name))) }
    let ipv4 = try endpoint.optionalString("ipv4")
    let ipv6 = try endpoint.optionalString("ipv6")
    if let ip = ipv4 ?? ipv6 { tags.append(Tag(address, .string(ip))) }
    if ipv4 != nil, ipv6 != nil { summary.note(.zipkinIPv6Dropped) }
    if let number = endpoint["port"], number != .null {
      tags.append(Tag(port, .int(try JSONValue.int64(number, field: "port", acceptingStrings: false))))
    }
    return tags
  }
}
