import TraceJSON
import TraceModel

/// Decodes one trace of a Jaeger query-API response into model spans.
///
/// Read per span: traceID (the trace's when absent), spanID, operationName, the parent (the first
/// CHILD_OF reference, else the first FOLLOWS_FROM, counted), startTime and duration (µs), typed
/// tags (`JaegerTags`), logs (the `event` field is the event name, the other fields its fields) and
/// the service from `processID` → `processes[id].serviceName` (or an embedded `process`). Status is
/// ERROR for a tag `error` = true or `otel.status_code` = ERROR; both tags are kept as tags.
/// Not read: flags, warnings, process tags, references beyond the parent, and `data[].warnings`.
/// Ids are kept as Jaeger writes them (hex, not re-padded).
struct JaegerTraceDecoder {
  let trace: JSONValue

  init(_ trace: JSONValue) {
    self.trace = trace
  }

  /// The trace's spans in the order it lists them.
  func spans(summary: inout ReadSummary) throws -> [Span] {
    let traceID = try trace.optionalString("traceID")
    var services: [String: String] = [:]
    for process in try trace.optionalMembers("processes") {
      services[process.key] = try FieldError.within("processes.\(process.key)") {
        try process.value.string("serviceName")
      }
    }
    return try trace.array("spans").enumerated().map { index, span in
      try FieldError.within("spans[\(index)]") {
        try decode(span, traceID: traceID, services: services, summary: &summary)
      }
    }
  }

  private func decode(
    _ span: JSONValue, traceID: String?, services: [String: String], summary: inout ReadSummary
  ) throws -> Span {
    guard case .object = span else {
      throw FieldError("expected a span object, found \(span.kindDescription)")
    }
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
    return Span(
      traceID: traceID, spanID: try span.string("spanID"),
      parentSpanID: try parent(span, summary: &summary),
      serviceName: try service(span, services: services, summary: &summary),
      operationName: try span.string("operationName"), startTimeNanos: startNanos,
      endTimeNanos: endNanos, tags: tags, logs: logs, statusCode: failed ? 1 : 0)
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

  private func service(
    _ span: JSONValue, services: [String: String], summary: inout ReadSummary
  ) throws -> String {
    if let process = span["process"], process != .null {
      return try FieldError.within("process") { try process.string("serviceName") }
    }
    guard let processID = try span.optionalString("processID") else {
      summary.note(.unknownServiceName)
      return "unknown"
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
