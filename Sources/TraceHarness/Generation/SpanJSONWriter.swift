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
  static func write<Line: SpanLineValues>(_ line: Line, to cursor: inout ByteCursor) -> FieldBytes {
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
  static let lineFrameBytes = 256 + 3 * integerBytes

  private static let comma = UInt8(ascii: ",")
  static let integerBytes = 20
  private static let hexDigits: StaticString = "0123456789abcdef"

  /// A tag or log field as a JSON member, `"key":value`.
  static func member(_ tag: Tag, to cursor: inout ByteCursor) {
    string(tag.key, to: &cursor)
    cursor.byte(UInt8(ascii: ":"))
    value(tag.value, to: &cursor)
  }

  static func member(_ tag: Tag, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: memberBytes(tag)) { member(tag, to: &$0) }
  }

  static func memberBytes(_ tag: Tag) -> Int { stringBytes(tag.key) + 1 + valueBytes(tag.value) }

  /// A log event as a JSON object.
  static func log(_ log: LogEvent, to cursor: inout ByteCursor) {
    cursor.copy("{\"timestamp\":"); cursor.integer(log.timestampNanos)
    cursor.copy(",\"event\":"); string(log.event, to: &cursor)
    for field in log.fields {
      cursor.byte(comma)
      member(field, to: &cursor)
    }
    cursor.byte(UInt8(ascii: "}"))
  }

  static func logBytes(_ log: LogEvent) -> Int {
    32 + integerBytes + stringBytes(log.event) + log.fields.reduce(0) { $0 + 1 + memberBytes($1) }
  }

  private static func valueBytes(_ value: TagValue) -> Int {
    switch value {
    case .string(let text): stringBytes(text)
    case .int: integerBytes
    case .bool: 5
    // The longest shortest-round-trip form, such as -2.2250738585072014e-308, is 24 characters.
    case .double: 32
    }
  }

  /// Quotes and every byte escaped as `\u00XX`: the longest a string can be written.
  static func stringBytes(_ text: String) -> Int { 2 + 6 * text.utf8.count }

  static func value(_ value: TagValue, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: valueBytes(value)) { Self.value(value, to: &$0) }
  }

  private static func value(_ value: TagValue, to cursor: inout ByteCursor) {
    switch value {
    case .string(let text): string(text, to: &cursor)
    case .int(let number): cursor.integer(number)
    case .bool(let flag): cursor.copy(flag ? "true" : "false")
    case .double(let number):
      // Swift prints the shortest representation that round-trips, the same on every platform.
      var text = number.isFinite ? number.description : "null"
      text.withUTF8 { cursor.copy($0) }
    }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 as is.
  static func string(_ text: String, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: stringBytes(text)) { string(text, to: &$0) }
  }

  /// `text` as a JSON string, quotes included.
  static func stringBytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    string(text, &bytes)
    return bytes
  }

  static func string(_ text: String, to cursor: inout ByteCursor) {
    cursor.byte(UInt8(ascii: "\""))
    let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
      guard !needsEscape(utf8) else { return false }
      cursor.copy(utf8)
      return true
    }
    if copied != true {
      for byte in text.utf8 {
        if needsEscape(byte) { escape(byte, to: &cursor) } else { cursor.byte(byte) }
      }
    }
    cursor.byte(UInt8(ascii: "\""))
  }

  @inline(__always)
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Whether any byte needs escaping, tested eight bytes at a time: a byte below 0x20 or equal to
  /// a quote or a backslash sets the high bit of its lane in one of the three masks (the classic
  /// "has a zero byte" test, exact for whether any lane matches).
  private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = utf8.baseAddress else { return false }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var offset = 0
    while offset + 8 <= utf8.count {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
      let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
      let control = (word &- ones &* 0x20) & ~word
      let matches = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
      if matches & highs != 0 { return true }
      offset += 8
    }
    return utf8[offset...].contains(where: needsEscape)
  }

  private static func escape(_ byte: UInt8, to cursor: inout ByteCursor) {
    if byte < 0x20 {
      cursor.copy("\\u00")
      cursor.byte(hexDigits.utf8Start[Int(byte >> 4)])
      cursor.byte(hexDigits.utf8Start[Int(byte & 0xF)])
    } else {
      cursor.byte(UInt8(ascii: "\\"))
      cursor.byte(byte)
    }
  }

  /// A decimal integer without going through `String`.
  static func integer(_ number: Int64, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: integerBytes) { $0.integer(number) }
  }
}
