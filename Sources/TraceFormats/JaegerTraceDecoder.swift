import TraceJSON
import TraceModel

/// Decodes one trace of a Jaeger query-API response into model spans.
///
/// Read per span: traceID (the trace's when absent), spanID, operationName, the parent (the first
/// CHILD_OF reference, else the first FOLLOWS_FROM, counted), startTime and duration (µs), typed
/// tags (`JaegerTags`), logs (the `event` field is the event name, the other fields its fields) and
/// the service from `processID` → `processes[id].serviceName` (or an embedded `process`). Status is
/// ERROR for a tag `error` = true or `otel.status_code` = ERROR; both tags are kept as tags.
/// The process's tags become the span's resource (after `service.name`); references other than the
/// parent become links, their `refType` a link attribute `opentracing.ref_type` (`child_of`,
/// `follows_from`), as OpenTelemetry's Jaeger translator names it; `flags` (bit 0 sampled) become
/// the W3C trace flags; a `span.kind` tag sets the kind (the tag stays). Dropped and counted:
/// `warnings` of spans and traces. Ids are kept as Jaeger writes them (hex, not re-padded).
struct JaegerTraceDecoder {
  let trace: JSONValue

  init(_ trace: JSONValue) {
    self.trace = trace
  }

  /// The trace's spans in the order it lists them.
  func spans(summary: inout ReadSummary) throws -> [Span] {
    KnownKeys.check(trace, KnownKeys.jaegerTrace, summary: &summary)
    let traceID = try trace.optionalString("traceID")
    var services: [String: Resource] = [:]
    for process in try trace.optionalMembers("processes") {
      services[process.key] = try FieldError.within("processes.\(process.key)") {
        try Self.resource(process.value)
      }
    }
    if !(try trace.optionalArray("warnings")).isEmpty { summary.note(.jaegerWarningsDropped) }
    return try trace.array("spans").enumerated().map { index, span in
      try FieldError.within("spans[\(index)]") {
        try decode(span, traceID: traceID, services: services, summary: &summary)
      }
    }
  }

  private func decode(
    _ span: JSONValue, traceID: String?, services: [String: Resource], summary: inout ReadSummary
  ) throws -> Span {
    guard case .object = span else {
      throw FieldError("expected a span object, found \(span.kindDescription)")
    }
    KnownKeys.check(span, KnownKeys.jaegerSpan, summary: &summary)
    guard let traceID = try span.optionalString("traceID") ?? traceID else {
      throw FieldError.missing("traceID")
    }
    let micros = TimestampUnit.microseconds
    let startNanos = try micros.nanos(try span.int64("startTime"), field: "startTime")
    let durationMicros = try span.int64("duration")
    guard durationMicros >= 0 else {
      throw FieldError("field \"duration\": negative duration \(durationMicros) µs")
    }
    let (endNanos, overflow) = startNanos.addingReportingOverflow(
      try micros.nanos(durationMicros, field: "duration"))
    guard !overflow else { throw FieldError("field \"duration\": end time does not fit Int64 ns") }
    let tags = try JaegerTags.tags(try span.optionalArray("tags"), unique: true)
    let logs = try span.optionalArray("logs").enumerated().map { index, log in
      try FieldError.within("logs[\(index)]") { try self.log(log, summary: &summary) }
    }
    let failed = tags.contains {
      $0 == Tag("error", .bool(true)) || $0 == Tag("error", .string("true"))
        || $0 == Tag("otel.status_code", .string("ERROR"))
    }
    let resource = try self.resource(span, services: services, summary: &summary)
    var decoded = Span(
      traceID: traceID, spanID: try span.string("spanID"),
      parentSpanID: try parent(span, summary: &summary),
      serviceName: resource.flatMap(Self.serviceName) ?? "unknown",
      operationName: try span.string("operationName"), startTimeNanos: startNanos,
      endTimeNanos: endNanos, tags: tags, logs: logs, statusCode: failed ? 1 : 0)
    decoded.resource = resource
    decoded.links = try links(span, parent: decoded.parentSpanID, traceID: traceID)
    if let flags = span["flags"], flags != .null {
      decoded.flags = UInt32(
        truncatingIfNeeded: try JSONValue.int64(flags, field: "flags", acceptingStrings: false) & 0xFF)
    }
    for tag in tags where tag.key == "span.kind" {
      if case .string(let name) = tag.value { decoded.kind = Self.kinds[name] }
    }
    if !(try span.optionalArray("warnings")).isEmpty { summary.note(.jaegerWarningsDropped) }
    return decoded
  }

  static let kinds: [String: SpanKind] = [
    "server": .server, "client": .client, "producer": .producer, "consumer": .consumer,
    "internal": .internal,
  ]

  /// A Jaeger process as a resource: `service.name`, then its tags.
  private static func resource(_ process: JSONValue) throws -> Resource {
    Resource(
      attributes: [Tag("service.name", .string(try process.string("serviceName")))]
        + (try JaegerTags.tags(try process.optionalArray("tags"), unique: false)))
  }

  private static func serviceName(_ resource: Resource) -> String? {
    if case .string(let name)? = resource.attributes.first?.value { return name }
    return nil
  }

  /// Every reference but the one that became the parent, as links.
  private func links(_ span: JSONValue, parent: String?, traceID: String) throws -> [SpanLink] {
    var links: [SpanLink] = []
    var parentSkipped = false
    for (index, reference) in try span.optionalArray("references").enumerated() {
      try FieldError.within("references[\(index)]") {
        let spanID = try reference.string("spanID")
        let refTraceID = try reference.optionalString("traceID") ?? traceID
        if !parentSkipped, spanID == parent, refTraceID == traceID {
          parentSkipped = true
          return
        }
        var link = SpanLink(traceID: refTraceID, spanID: spanID)
        link.attributes = [
          Tag("opentracing.ref_type", .string(try reference.string("refType").lowercased()))
        ]
        links.append(link)
      }
    }
    return links
  }

  private func parent(_ span: JSONValue, summary: inout ReadSummary) throws -> String? {
    let references = try span.optionalArray("references")
    let types = try references.map { try $0.string("refType") }
    if let childOf = types.firstIndex(of: "CHILD_OF") {
      return try references[childOf].string("spanID")
    }
    guard let followsFrom = types.firstIndex(of: "FOLLOWS_FROM") else { return nil }
    summary.note(.parentFromFollowsFrom)
    return try references[followsFrom].string("spanID")
  }

  /// The span's process as a resource; nil (service "unknown", counted) when it names none.
  private func resource(
    _ span: JSONValue, services: [String: Resource], summary: inout ReadSummary
  ) throws -> Resource? {
    if let process = span["process"], process != .null {
      return try FieldError.within("process") { try Self.resource(process) }
    }
    guard let processID = try span.optionalString("processID") else {
      summary.note(.unknownServiceName)
      return nil
    }
    guard let service = services[processID] else {
      throw FieldError("field \"processID\": \"\(processID)\" is not in the trace's processes")
    }
    return service
  }

  private func log(_ log: JSONValue, summary: inout ReadSummary) throws -> LogEvent {
    let timestamp = try TimestampUnit.microseconds.nanos(
      try log.int64("timestamp"), field: "timestamp")
    var fields = try JaegerTags.tags(try log.optionalArray("fields"), unique: false)
    guard let eventIndex = fields.firstIndex(where: { $0.key == "event" }) else {
      summary.note(.logWithoutEventName)
      return LogEvent(timestampNanos: timestamp, event: "", fields: fields)
    }
    let event = fields.remove(at: eventIndex).value
    let name: String =
      switch event {
      case .string(let text): text
      case .int(let number): String(number)
      case .double(let number): String(number)
      case .bool(let flag): String(flag)
      // `JaegerTags` yields scalars only; bytes are kept as the base64 text Jaeger's API wrote.
      case .bytes(let bytes): Base64.encodeString(bytes)
      case .array, .kvlist, .empty: ""
      }
    return LogEvent(timestampNanos: timestamp, event: name, fields: fields)
  }
}
