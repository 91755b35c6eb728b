import TraceJSON
import TraceModel

/// Decodes one OTLP/JSON `Span` into the model.
///
/// Read: traceId, spanId, parentSpanId (empty or absent: a root), name, start and end times,
/// attributes (`OTLPAttributes`), events as logs (name, time, attributes as fields), and
/// `status.code` (2, ERROR, as status 1; UNSET and OK as 0). Not read, as the model has no place
/// for them: kind, traceState, flags, links, status.message and the dropped-counts. Kind is not
/// turned into a `span.kind` tag, so that a span read back from `OTLPJSONWriter` output equals the
/// one written, and other readers' spans do not differ by a synthetic tag.
enum OTLPSpanDecoder {
  static let statusError: Int64 = 2

  /// `timeUnit` is the unit the user stated (`--time-unit`); without it times are ns, as OTLP
  /// states, and a start time whose magnitude reads as another unit is refused.
  static func span(
    _ value: JSONValue, service: String?, timeUnit: TimestampUnit? = nil,
    summary: inout ReadSummary
  ) throws -> Span {
    guard case .object = value else {
      throw FieldError("expected a span object, found \(value.kindDescription)")
    }
    let traceID = try HexID.normalized(
      try value.string("traceId"), field: "traceId", lengths: [32], summary: &summary)
    let spanID = try HexID.normalized(
      try value.string("spanId"), field: "spanId", lengths: [16], summary: &summary)
    var parentSpanID: String?
    if let parent = try value.optionalString("parentSpanId"), !parent.isEmpty {
      parentSpanID = try HexID.normalized(
        parent, field: "parentSpanId", lengths: [16], summary: &summary)
    }
    let unit = timeUnit ?? .nanoseconds
    let start = try value.int64OrString("startTimeUnixNano")
    if timeUnit == nil { try unit.checkMagnitude(start, field: "startTimeUnixNano") }
    let startNanos = try unit.nanos(start, field: "startTimeUnixNano")
    let endNanos = try TimestampUnit.checkedEnd(
      startNanos: startNanos,
      endNanos: try unit.nanos(try value.int64OrString("endTimeUnixNano"), field: "endTimeUnixNano"),
      field: "endTimeUnixNano")
    let tags = try OTLPAttributes.tags(
      try value.optionalArray("attributes"), unique: true, summary: &summary)
    let logs = try value.optionalArray("events").enumerated().map { index, event in
      try FieldError.within("events[\(index)]") { try log(event, unit: unit, summary: &summary) }
    }
    if service == nil { summary.note(.unknownServiceName) }
    return Span(
      traceID: traceID, spanID: spanID, parentSpanID: parentSpanID,
      serviceName: service ?? "unknown", operationName: try value.optionalString("name") ?? "",
      startTimeNanos: startNanos, endTimeNanos: endNanos, tags: tags, logs: logs,
      statusCode: try statusCode(value["status"]))
  }

  /// 1 for STATUS_CODE_ERROR, else 0. The enum is an integer in OTLP/JSON; the name is accepted
  /// too, as protobuf's own JSON mapping writes it.
  private static func statusCode(_ status: JSONValue?) throws -> Int {
    switch status?["code"] {
    case nil, .null?: return 0
    case .int(let code)?: return code == statusError ? 1 : 0
    case .string(let name)?: return name == "STATUS_CODE_ERROR" ? 1 : 0
    case let code?: throw FieldError.wrongType("status.code", expected: "an integer", found: code)
    }
  }

  private static func log(_ event: JSONValue, unit: TimestampUnit, summary: inout ReadSummary)
    throws -> LogEvent
  {
    LogEvent(
      timestampNanos: try unit.nanos(
        try event.int64OrString("timeUnixNano"), field: "timeUnixNano"),
      event: try event.optionalString("name") ?? "",
      fields: try OTLPAttributes.tags(
        try event.optionalArray("attributes"), unique: false, summary: &summary))
  }
}
