import TraceJSON
import TraceModel

/// Decodes one OTLP/JSON `Span` into the model, every field of it.
///
/// Read as protobuf's JSON mapping writes them: ids as hex (either case, lower-cased), times as
/// decimal strings (numbers accepted), `kind` and `status.code` as integers (the enum names
/// accepted too), counts and `flags` as numbers, attributes typed (`OTLPAttributes`). An empty or
/// absent `parentSpanId` is a root. A span without `kind` reads as UNSPECIFIED (0), as protobuf
/// reads it; `status` is kept as given, absent as nil, and sets the seed's `statusCode` to 1 exactly
/// for ERROR.
enum OTLPSpanDecoder {
  static func span(_ value: JSONValue, service: String?, summary: inout ReadSummary) throws -> Span
  {
    guard case .object = value else {
      throw FieldError("expected a span object, found \(value.kindDescription)")
    }
    KnownKeys.check(value, KnownKeys.span, summary: &summary)
    let traceID = try HexID.normalized(
      try value.string("traceId"), field: "traceId", lengths: [32], summary: &summary)
    let spanID = try HexID.normalized(
      try value.string("spanId"), field: "spanId", lengths: [16], summary: &summary)
    var parentSpanID: String?
    if let parent = try value.optionalString("parentSpanId"), !parent.isEmpty {
      parentSpanID = try HexID.normalized(
        parent, field: "parentSpanId", lengths: [16], summary: &summary)
    }
    // The unit the user stated (`--time-unit`); without one, OTLP's ns, checked by magnitude.
    let unit = summary.statedTimeUnit ?? .nanoseconds
    let start = try value.int64OrString("startTimeUnixNano")
    if summary.statedTimeUnit == nil { try unit.checkMagnitude(start, field: "startTimeUnixNano") }
    let startNanos = try unit.nanos(start, field: "startTimeUnixNano")
    let endNanos = try TimestampUnit.checkedEnd(
      startNanos: startNanos,
      endNanos: try unit.nanos(try value.int64OrString("endTimeUnixNano"), field: "endTimeUnixNano"),
      field: "endTimeUnixNano")
    let tags = try OTLPAttributes.tags(
      try value.optionalArray("attributes"), unique: true, summary: &summary)
    let logs = try value.optionalArray("events").enumerated().map { index, event in
      try FieldError.within("events[\(index)]") { try log(event, summary: &summary) }
    }
    if let status = value["status"] { KnownKeys.check(status, KnownKeys.status, summary: &summary) }
    let status = try self.status(value["status"])
    if service == nil { summary.note(.unknownServiceName) }
    var span = Span(
      traceID: traceID, spanID: spanID, parentSpanID: parentSpanID,
      serviceName: service ?? "unknown", operationName: try value.optionalString("name") ?? "",
      startTimeNanos: startNanos, endTimeNanos: endNanos, tags: tags, logs: logs,
      statusCode: status?.seedStatusCode ?? 0)
    span.kind = SpanKind(
      rawValue: try enumValue(value["kind"], field: "kind", names: kindNames))
    span.traceState = try value.optionalString("traceState") ?? ""
    span.flags = try count(value["flags"], field: "flags")
    span.status = status
    span.links = try value.optionalArray("links").enumerated().map { index, link in
      try FieldError.within("links[\(index)]") { try self.link(link, summary: &summary) }
    }
    span.droppedAttributesCount = try count(
      value["droppedAttributesCount"], field: "droppedAttributesCount")
    span.droppedEventsCount = try count(value["droppedEventsCount"], field: "droppedEventsCount")
    span.droppedLinksCount = try count(value["droppedLinksCount"], field: "droppedLinksCount")
    return span
  }

  static let kindNames = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ]
  static let statusNames = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]

  private static func status(_ status: JSONValue?) throws -> SpanStatus? {
    guard let status, status != .null else { return nil }
    guard case .object = status else {
      throw FieldError.wrongType("status", expected: "an object", found: status)
    }
    return SpanStatus(
      code: SpanStatus.Code(
        rawValue: try enumValue(status["code"], field: "status.code", names: statusNames)),
      message: try status.optionalString("message") ?? "")
  }

  /// An enum field: its integer (OTLP/JSON), or its name (protobuf's own JSON mapping); 0 absent.
  private static func enumValue(_ value: JSONValue?, field: String, names: [String]) throws -> Int32
  {
    switch value {
    case nil, .null?: return 0
    case .int(let number)? where Int64(Int32.min)...Int64(Int32.max) ~= number:
      return Int32(number)
    case .string(let name)?:
      guard let index = names.firstIndex(of: name) else {
        throw FieldError("field \"\(field)\": unknown enum name \"\(name)\"")
      }
      return Int32(index)
    case let other?: throw FieldError.wrongType(field, expected: "an enum integer", found: other)
    }
  }

  /// A `uint32` or `fixed32` field; 0 absent.
  static func count(_ value: JSONValue?, field: String) throws -> UInt32 {
    guard let value, value != .null else { return 0 }
    let number = try JSONValue.int64(value, field: field, acceptingStrings: true)
    guard let count = UInt32(exactly: number) else {
      throw FieldError("field \"\(field)\": \(number) is not a 32-bit unsigned integer")
    }
    return count
  }

  private static func log(_ event: JSONValue, summary: inout ReadSummary) throws -> LogEvent {
    KnownKeys.check(event, KnownKeys.event, summary: &summary)
    var log = LogEvent(
      timestampNanos: try (summary.statedTimeUnit ?? .nanoseconds).nanos(
        try event.int64OrString("timeUnixNano"), field: "timeUnixNano"),
      event: try event.optionalString("name") ?? "",
      fields: try OTLPAttributes.tags(
        try event.optionalArray("attributes"), unique: false, summary: &summary))
    log.droppedAttributesCount = try count(
      event["droppedAttributesCount"], field: "droppedAttributesCount")
    return log
  }

  private static func link(_ value: JSONValue, summary: inout ReadSummary) throws -> SpanLink {
    KnownKeys.check(value, KnownKeys.link, summary: &summary)
    var link = SpanLink(
      traceID: try HexID.normalized(
        try value.string("traceId"), field: "traceId", lengths: [32], summary: &summary),
      spanID: try HexID.normalized(
        try value.string("spanId"), field: "spanId", lengths: [16], summary: &summary))
    link.traceState = try value.optionalString("traceState") ?? ""
    link.attributes = try OTLPAttributes.tags(
      try value.optionalArray("attributes"), unique: false, summary: &summary)
    link.droppedAttributesCount = try count(
      value["droppedAttributesCount"], field: "droppedAttributesCount")
    link.flags = try count(value["flags"], field: "flags")
    return link
  }
}
