import TraceJSON
import TraceModel

/// Writes a span as one compact JSON line in the seed's key order.
///
/// Hand-written because it runs once per span on the hot path and the schema is fixed; the tests
/// decode its output with Foundation's `JSONDecoder` to hold it to the JSON grammar. A line is
/// written through a `ByteCursor` into space reserved for its worst case: keys and punctuation as
/// static byte runs, strings copied whole after an eight-bytes-at-a-time escape check, so a line
/// costs a few dozen copies and no per-byte checks. The keys, their order and the byte attribution
/// live here once, for a `Span` and for a span as the generator drew it (`SpanLineValues`).
public enum SpanJSONWriter {
  /// Appends `span` and a newline to `out`, returning how many bytes each field took.
  @discardableResult
  public static func write(_ span: Span, into out: inout [UInt8]) -> FieldBytes {
    ByteCursor.append(to: &out, capacity: span.maxLineBytes) { write(span, to: &$0) }
  }

  /// Writes a line and its newline through `cursor`, which has room for `line.maxLineBytes`.
  package static func write<Line: SpanLineValues>(_ line: Line, to cursor: inout ByteCursor) -> FieldBytes {
    var bytes = FieldBytes()
    var mark = cursor.count
    func close(_ field: SpanField, _ cursor: ByteCursor) {
      bytes[field] = cursor.count - mark
      mark = cursor.count
    }
    cursor.byte(UInt8(ascii: "{"))
    close(.structure, cursor)
    cursor.copy("\"trace_id\":"); line.traceID(to: &cursor); cursor.byte(comma)
    close(.traceID, cursor)
    cursor.copy("\"span_id\":"); line.spanID(to: &cursor); cursor.byte(comma)
    close(.spanID, cursor)
    cursor.copy("\"parent_span_id\":"); line.parentSpanID(to: &cursor); cursor.byte(comma)
    close(.parentSpanID, cursor)
    cursor.copy("\"service_name\":"); line.serviceName(to: &cursor); cursor.byte(comma)
    close(.serviceName, cursor)
    cursor.copy("\"operation_name\":"); line.operationName(to: &cursor); cursor.byte(comma)
    close(.operationName, cursor)
    cursor.copy("\"start_time\":"); cursor.integer(line.startTimeNanos); cursor.byte(comma)
    close(.startTime, cursor)
    cursor.copy("\"end_time\":"); cursor.integer(line.endTimeNanos); cursor.byte(comma)
    close(.endTime, cursor)
    cursor.copy("\"tags\":{"); line.tagMembers(to: &cursor); cursor.copy("},")
    close(.tags, cursor)
    cursor.copy("\"logs\":["); line.logObjects(to: &cursor); cursor.copy("],")
    close(.logs, cursor)
    cursor.copy("\"status_code\":"); cursor.integer(Int64(line.statusCode))
    close(.statusCode, cursor)
    cursor.copy("}\n")
    bytes[.structure] += cursor.count - mark
    return bytes
  }

  /// Keys, punctuation and three 20-digit numbers: what a line takes besides its strings, tags
  /// and logs.
  package static let lineFrameBytes = 256 + 3 * integerBytes

  private static let comma = UInt8(ascii: ",")
  package static let integerBytes = JSONWriter.integerBytes

  /// A tag or log field as a JSON member, `"key":value`.
  package static func member(_ tag: Tag, to cursor: inout ByteCursor) {
    string(tag.key, to: &cursor)
    cursor.byte(UInt8(ascii: ":"))
    value(tag.value, to: &cursor)
  }

  package static func member(_ tag: Tag, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: memberBytes(tag)) { member(tag, to: &$0) }
  }

  package static func memberBytes(_ tag: Tag) -> Int { stringBytes(tag.key) + 1 + valueBytes(tag.value) }

  /// A log event as a JSON object.
  package static func log(_ log: LogEvent, to cursor: inout ByteCursor) {
    Self.log(
      timestampNanos: log.timestampNanos, event: { string(log.event, to: &$0) },
      fields: { cursor in
        for field in log.fields {
          cursor.byte(comma)
          member(field, to: &cursor)
        }
      }, to: &cursor)
  }

  /// A log event's object around its event name and its fields, each field after a comma: the one
  /// spelling of the object, for a writer whose values are not a `LogEvent`.
  package static func log(
    timestampNanos: Int64, event: (inout ByteCursor) -> Void, fields: (inout ByteCursor) -> Void,
    to cursor: inout ByteCursor
  ) {
    cursor.copy("{\"timestamp\":"); cursor.integer(timestampNanos)
    cursor.copy(",\"event\":"); event(&cursor)
    fields(&cursor)
    cursor.byte(UInt8(ascii: "}"))
  }

  package static func logBytes(_ log: LogEvent) -> Int {
    32 + integerBytes + stringBytes(log.event) + log.fields.reduce(0) { $0 + 1 + memberBytes($1) }
  }

  /// The most bytes `value(_:to:)` can take.
  package static func valueBytes(_ value: TagValue) -> Int {
    switch value {
    case .string(let text): stringBytes(text)
    case .int: integerBytes
    case .bool: 5
    // The longest shortest-round-trip form, such as -2.2250738585072014e-308, is 24 characters.
    case .double: 32
    case .bytes(let bytes): 2 + Base64.encodedCount(bytes.count)
    case .array(let values): 2 + values.reduce(0) { $0 + 1 + valueBytes($1) }
    case .kvlist(let tags): 2 + tags.reduce(0) { $0 + 1 + memberBytes($1) }
    case .empty: 4
    }
  }

  /// Quotes and every byte escaped as `\u00XX`: the longest a string can be written.
  package static func stringBytes(_ text: String) -> Int { JSONWriter.stringBytes(text) }

  package static func value(_ value: TagValue, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: valueBytes(value)) { Self.value(value, to: &$0) }
  }

  package static func value(_ value: TagValue, to cursor: inout ByteCursor) {
    switch value {
    case .string(let text): JSONWriter.string(text, to: &cursor)
    case .int(let number): cursor.integer(number)
    case .bool(let flag): JSONWriter.bool(flag, to: &cursor)
    case .double(let number): JSONWriter.double(number, to: &cursor)
    // The seed has no nested or binary values; these only appear in spans read from OTLP, and
    // are written as OTLP/JSON writes their plain form (bytes as base64, an empty value as null).
    case .bytes(let bytes):
      cursor.byte(UInt8(ascii: "\""))
      Base64.encode(bytes).withUnsafeBufferPointer { cursor.copy($0) }
      cursor.byte(UInt8(ascii: "\""))
    case .array(let values):
      cursor.byte(UInt8(ascii: "["))
      for (index, element) in values.enumerated() {
        if index > 0 { cursor.byte(comma) }
        Self.value(element, to: &cursor)
      }
      cursor.byte(UInt8(ascii: "]"))
    case .kvlist(let tags):
      cursor.byte(UInt8(ascii: "{"))
      for (index, tag) in tags.enumerated() {
        if index > 0 { cursor.byte(comma) }
        member(tag, to: &cursor)
      }
      cursor.byte(UInt8(ascii: "}"))
    case .empty: cursor.copy("null")
    }
  }

  package static func string(_ text: String, _ out: inout [UInt8]) { JSONWriter.string(text, &out) }
  package static func stringBytes(_ text: String) -> [UInt8] { JSONWriter.stringBytes(text) }
  package static func string(_ text: String, to cursor: inout ByteCursor) { JSONWriter.string(text, to: &cursor) }
  package static func integer(_ number: Int64, _ out: inout [UInt8]) { JSONWriter.integer(number, &out) }
}
