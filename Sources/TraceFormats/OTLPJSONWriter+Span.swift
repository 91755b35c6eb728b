import TraceJSON
import TraceModel

extension OTLPJSONWriter {
  /// OTLP `SpanKind` values (opentelemetry-proto trace.proto).
  static let kindServer = 2
  static let kindClient = 3

  /// The span kind the writer gives `span`: CLIENT when it records a call to another service.
  static func kind(of span: Span) -> Int {
    span.tags.contains { $0.key == "peer.service" || $0.key == "db.system" }
      ? kindClient : kindServer
  }

  /// The status message for a failed span: its last `error` log's `message`, else "error".
  static func statusMessage(of span: Span) -> String {
    for log in span.logs.reversed() where log.event == "error" {
      for field in log.fields where field.key == "message" {
        if case .string(let message) = field.value { return message }
      }
    }
    return "error"
  }

  static func writeSpan(_ span: Span, into out: inout [UInt8]) throws {
    out.append(contentsOf: #"{"traceId":"#.utf8)
    SpanJSONWriter.string(try OTLPIDMapping.traceID(span.traceID), &out)
    out.append(contentsOf: #","spanId":"#.utf8)
    SpanJSONWriter.string(try OTLPIDMapping.spanID(span.spanID), &out)
    if let parent = span.parentSpanID {
      out.append(contentsOf: #","parentSpanId":"#.utf8)
      SpanJSONWriter.string(try OTLPIDMapping.spanID(parent), &out)
    }
    out.append(contentsOf: #","name":"#.utf8)
    SpanJSONWriter.string(span.operationName, &out)
    out.append(contentsOf: #","kind":"#.utf8)
    SpanJSONWriter.integer(Int64(kind(of: span)), &out)
    out.append(contentsOf: #","startTimeUnixNano":"#.utf8)
    quotedInteger(span.startTimeNanos, &out)
    out.append(contentsOf: #","endTimeUnixNano":"#.utf8)
    quotedInteger(span.endTimeNanos, &out)
    if !span.tags.isEmpty {
      out.append(contentsOf: #","attributes":"#.utf8)
      attributes(span.tags, &out)
    }
    if !span.logs.isEmpty {
      out.append(contentsOf: #","events":["#.utf8)
      for (index, log) in span.logs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: #"{"timeUnixNano":"#.utf8)
        quotedInteger(log.timestampNanos, &out)
        out.append(contentsOf: #","name":"#.utf8)
        SpanJSONWriter.string(log.event, &out)
        if !log.fields.isEmpty {
          out.append(contentsOf: #","attributes":"#.utf8)
          attributes(log.fields, &out)
        }
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
    }
    if span.statusCode != 0 {
      out.append(contentsOf: #","status":{"code":2,"message":"#.utf8)
      SpanJSONWriter.string(statusMessage(of: span), &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "}"))
  }

  /// A `KeyValue` array with typed `AnyValue`s.
  static func attributes(_ tags: [Tag], _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    for (index, tag) in tags.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: #"{"key":"#.utf8)
      SpanJSONWriter.string(tag.key, &out)
      out.append(contentsOf: #","value":"#.utf8)
      anyValue(tag.value, &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
  }

  /// An `AnyValue` object as protobuf's JSON mapping writes it: one member, or none for `.empty`.
  static func anyValue(_ value: TagValue, _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    switch value {
    case .string(let text):
      out.append(contentsOf: #""stringValue":"#.utf8)
      SpanJSONWriter.string(text, &out)
    case .int(let number):
      out.append(contentsOf: #""intValue":"#.utf8)
      quotedInteger(number, &out)
    case .double(let number):
      out.append(contentsOf: #""doubleValue":"#.utf8)
      // Protobuf's JSON mapping spells the non-finite doubles as strings.
      if number.isNaN {
        out.append(contentsOf: #""NaN""#.utf8)
      } else if number.isInfinite {
        out.append(contentsOf: (number > 0 ? #""Infinity""# : #""-Infinity""#).utf8)
      } else {
        SpanJSONWriter.value(.double(number), &out)
      }
    case .bool(let flag):
      out.append(contentsOf: #""boolValue":"#.utf8)
      SpanJSONWriter.value(.bool(flag), &out)
    case .bytes(let bytes):
      out.append(contentsOf: #""bytesValue":"#.utf8)
      SpanJSONWriter.string(Base64.encodeString(bytes), &out)
    case .array(let values):
      out.append(contentsOf: #""arrayValue":{"values":["#.utf8)
      for (index, element) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        anyValue(element, &out)
      }
      out.append(contentsOf: "]}".utf8)
    case .kvlist(let tags):
      out.append(contentsOf: #""kvlistValue":{"values":"#.utf8)
      attributes(tags, &out)
      out.append(UInt8(ascii: "}"))
    case .empty: break
    }
    out.append(UInt8(ascii: "}"))
  }

  /// An int64 as protobuf's JSON mapping writes it: a decimal string.
  static func quotedInteger(_ number: Int64, _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    SpanJSONWriter.integer(number, &out)
    out.append(UInt8(ascii: "\""))
  }
}
