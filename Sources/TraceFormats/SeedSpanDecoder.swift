import TraceJSON
import TraceModel

/// Decodes span objects of the seed's data model: our jsonl lines and the seed's `spans` entries.
///
/// The two share keys (trace_id, span_id, parent_span_id, service_name, operation_name, start_time,
/// end_time, tags, logs, status_code) but not units: ours are ns, the seed's example values read as
/// µs. With `detectsUnit`, the first span's `start_time` decides the unit for the whole file
/// (`TimestampUnit.guess`) and a later span of the other magnitude is an error, not a guess.
/// Without it (jsonl) times are ns, and a `start_time` whose magnitude reads as another unit is
/// refused (`TimestampUnit.checkMagnitude`) unless the user gave the unit (`--time-unit`).
struct SeedSpanDecoder {
  let detectsUnit: Bool
  /// The unit the user stated, taken without checking.
  let givenUnit: TimestampUnit?
  /// The file's unit once known; jsonl starts with ns.
  private(set) var unit: TimestampUnit?

  /// `unit`: the file's unit if earlier spans decided it (a chunk decoded after them).
  init(detectsUnit: Bool, givenUnit: TimestampUnit? = nil, unit: TimestampUnit? = nil) {
    self.detectsUnit = detectsUnit
    self.givenUnit = givenUnit
    self.unit = givenUnit ?? unit ?? (detectsUnit ? nil : .nanoseconds)
  }

  /// The span `value` describes; `traceID` is the enclosing trace's id, which a seed span may omit.
  mutating func span(
    from value: JSONValue, traceID enclosingTraceID: String? = nil, summary: inout ReadSummary
  ) throws -> Span {
    guard case .object(let members) = value else {
      throw FieldError("expected a span object, found \(value.kindDescription)")
    }
    var traceID = enclosingTraceID
    var spanID: String?
    var parentSpanID: String?
    var service: String?
    var operation: String?
    var start: Int64?
    var end: Int64?
    var duration: Int64?
    var status: Int?
    var tags: [Tag] = []
    var logs: [LogEvent] = []
    var logValues: [JSONValue] = []
    var unknownKeys = false
    for member in members {
      let value = member.value
      switch member.key {
      case "trace_id":
        let text = try value.asString("trace_id")
        if let enclosingTraceID, text != enclosingTraceID {
          throw FieldError(
            "span trace_id \"\(text)\" differs from its trace's \"\(enclosingTraceID)\"")
        }
        traceID = text
      case "span_id": spanID = try value.asString("span_id")
      case "parent_span_id":
        parentSpanID = value == .null ? nil : try value.asString("parent_span_id")
      case "service_name": service = try value.asString("service_name")
      case "operation_name": operation = try value.asString("operation_name")
      case "start_time":
        start = try JSONValue.int64(value, field: "start_time", acceptingStrings: false)
      case "end_time": end = try JSONValue.int64(value, field: "end_time", acceptingStrings: false)
      case "duration":
        duration = try JSONValue.int64(value, field: "duration", acceptingStrings: false)
      case "tags": tags = try value.asTagObject("tags")
      case "logs": logValues = try value.asArray("logs")
      case "status_code":
        guard case .int(let code) = value, code == 0 || code == 1 else {
          throw FieldError("field \"status_code\": expected 0 or 1, found \(value.kindDescription)")
        }
        status = Int(code)
      default: unknownKeys = true
      }
    }
    guard let traceID else { throw FieldError.missing("trace_id") }
    guard let spanID else { throw FieldError.missing("span_id") }
    guard let service else { throw FieldError.missing("service_name") }
    guard let operation else { throw FieldError.missing("operation_name") }
    guard let start else { throw FieldError.missing("start_time") }
    guard let end else { throw FieldError.missing("end_time") }
    guard let status else { throw FieldError.missing("status_code") }
    let unit = try resolveUnit(start)
    let startNanos = try unit.nanos(start, field: "start_time")
    let endNanos = try TimestampUnit.checkedEnd(
      startNanos: startNanos, endNanos: try unit.nanos(end, field: "end_time"), field: "end_time")
    for (index, log) in logValues.enumerated() {
      logs.append(
        try FieldError.within("logs[\(index)]") { try Self.log(log, unit: unit, summary: &summary) })
    }
    if let duration, duration != end - start { summary.note(.inconsistentSeedDuration) }
    if unknownKeys { summary.note(.unknownSpanKeysIgnored) }
    return Span(
      traceID: traceID, spanID: spanID, parentSpanID: parentSpanID, serviceName: service,
      operationName: operation, startTimeNanos: startNanos, endTimeNanos: endNanos, tags: tags,
      logs: logs, statusCode: status)
  }

  private mutating func resolveUnit(_ start: Int64) throws -> TimestampUnit {
    if let givenUnit { return givenUnit }
    guard detectsUnit else {
      try TimestampUnit.nanoseconds.checkMagnitude(start, field: "start_time")
      return .nanoseconds
    }
    let guess = TimestampUnit.guess(forUnixTime: start)
    guard let unit else {
      unit = guess
      return guess
    }
    guard !detectsUnit || guess == unit else {
      throw FieldError(
        "field \"start_time\": \(start) reads as \(guess.rawValue), but earlier spans of this file "
          + "were in \(unit.rawValue)")
    }
    return unit
  }

  /// A `{timestamp, event, ...fields}` log entry; only `timestamp` is required.
  ///
  /// The seed's own generator writes logs of `timestamp`, `level`, `message` and `error.kind`
  /// with no `event`: a log entry is any set of fields, so one without `event` gets an empty
  /// event name (counted) and keeps the rest as fields.
  private static func log(_ value: JSONValue, unit: TimestampUnit, summary: inout ReadSummary)
    throws -> LogEvent
  {
    guard case .object(let members) = value else {
      throw FieldError("expected a log object, found \(value.kindDescription)")
    }
    var timestamp: Int64?
    var event: String?
    var fields: [Tag] = []
    for member in members {
      switch member.key {
      case "timestamp":
        timestamp = try JSONValue.int64(member.value, field: "timestamp", acceptingStrings: false)
      case "event": event = try member.value.asString("event")
      default:
        guard let field = member.value.scalarTagValue else {
          throw FieldError.wrongType(
            member.key, expected: "a string, number or boolean", found: member.value)
        }
        fields.append(Tag(member.key, field))
      }
    }
    guard let timestamp else { throw FieldError.missing("timestamp") }
    if event == nil { summary.note(.logWithoutEventName) }
    return LogEvent(
      timestampNanos: try unit.nanos(timestamp, field: "timestamp"), event: event ?? "",
      fields: fields)
  }
}
