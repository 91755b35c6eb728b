/// Writes a span as one compact JSON line in the seed's key order.
///
/// Hand-written because it runs once per span on the hot path and the schema is fixed; the tests
/// decode its output with Foundation's `JSONDecoder` to hold it to the JSON grammar.
public enum SpanJSONWriter {
  /// Appends `span` and a newline to `out`, returning how many bytes each field took.
  @discardableResult
  public static func write(_ span: Span, into out: inout [UInt8]) -> FieldBytes {
    var bytes = FieldBytes()
    var mark = out.count
    func close(_ field: SpanField) {
      bytes[field] = out.count - mark
      mark = out.count
    }
    out.append(UInt8(ascii: "{"))
    close(.structure)
    key("trace_id", &out); string(span.traceID, &out); comma(&out); close(.traceID)
    key("span_id", &out); string(span.spanID, &out); comma(&out); close(.spanID)
    key("parent_span_id", &out)
    if let parent = span.parentSpanID { string(parent, &out) } else { out.append(contentsOf: nullBytes) }
    comma(&out); close(.parentSpanID)
    key("service_name", &out); string(span.serviceName, &out); comma(&out); close(.serviceName)
    key("operation_name", &out); string(span.operationName, &out); comma(&out); close(.operationName)
    key("start_time", &out); integer(span.startTimeNanos, &out); comma(&out); close(.startTime)
    key("end_time", &out); integer(span.endTimeNanos, &out); comma(&out); close(.endTime)
    key("tags", &out); object(span.tags, &out); comma(&out); close(.tags)
    key("logs", &out)
    out.append(UInt8(ascii: "["))
    for (index, log) in span.logs.enumerated() {
      if index > 0 { comma(&out) }
      out.append(UInt8(ascii: "{"))
      key("timestamp", &out); integer(log.timestampNanos, &out); comma(&out)
      key("event", &out); string(log.event, &out)
      for field in log.fields {
        comma(&out); key(field.key, &out); value(field.value, &out)
      }
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
    comma(&out); close(.logs)
    key("status_code", &out); integer(Int64(span.statusCode), &out); close(.statusCode)
    out.append(UInt8(ascii: "}"))
    out.append(UInt8(ascii: "\n"))
    bytes[.structure] += out.count - mark
    return bytes
  }

  private static let nullBytes = Array("null".utf8)
  private static let hexDigits = Array("0123456789abcdef".utf8)

  @inline(__always)
  private static func comma(_ out: inout [UInt8]) { out.append(UInt8(ascii: ",")) }

  private static func key(_ name: String, _ out: inout [UInt8]) {
    string(name, &out)
    out.append(UInt8(ascii: ":"))
  }

  private static func object(_ tags: [Tag], _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for (index, tag) in tags.enumerated() {
      if index > 0 { comma(&out) }
      key(tag.key, &out)
      value(tag.value, &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  static func value(_ value: TagValue, _ out: inout [UInt8]) {
    switch value {
    case .string(let text): string(text, &out)
    case .int(let number): integer(number, &out)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .double(let number):
      // Swift prints the shortest representation that round-trips, the same on every platform.
      out.append(contentsOf: (number.isFinite ? number.description : "null").utf8)
    }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 as is.
  static func string(_ text: String, _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case 0..<0x20:
        out.append(contentsOf: "\\u00".utf8)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      default:
        out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// A decimal integer without going through `String`.
  static func integer(_ number: Int64, _ out: inout [UInt8]) {
    if number < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = number.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, kept on the stack
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
    }
  }
}
