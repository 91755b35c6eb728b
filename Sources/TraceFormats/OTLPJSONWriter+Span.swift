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

  /// The status the OTLP writers give `span`: its own, else ERROR with `statusMessage(of:)` for
  /// the seed's status 1, else none.
  static func status(of span: Span) -> SpanStatus? {
    if let status = span.status { return status }
    return span.statusCode != 0 ? SpanStatus(code: .error, message: statusMessage(of: span)) : nil
  }

  static func writeSpan(_ span: Span, into out: inout [UInt8]) throws {
    out.append(contentsOf: #"{"traceId":"#.utf8)
    SpanJSONWriter.string(try OTLPIDMapping.traceID(span.traceID), &out)
    out.append(contentsOf: #","spanId":"#.utf8)
    SpanJSONWriter.string(try OTLPIDMapping.spanID(span.spanID), &out)
    if !span.traceState.isEmpty {
      out.append(contentsOf: #","traceState":"#.utf8)
      SpanJSONWriter.string(span.traceState, &out)
    }
    if let parent = span.parentSpanID {
      out.append(contentsOf: #","parentSpanId":"#.utf8)
      SpanJSONWriter.string(try OTLPIDMapping.spanID(parent), &out)
    }
    count("flags", span.flags, &out)
    out.append(contentsOf: #","name":"#.utf8)
    SpanJSONWriter.string(span.operationName, &out)
    out.append(contentsOf: #","kind":"#.utf8)
    SpanJSONWriter.integer(Int64(span.kind?.rawValue ?? Int32(kind(of: span))), &out)
    out.append(contentsOf: #","startTimeUnixNano":"#.utf8)
    quotedInteger(span.startTimeNanos, &out)
    out.append(contentsOf: #","endTimeUnixNano":"#.utf8)
    quotedInteger(span.endTimeNanos, &out)
    if !span.tags.isEmpty {
      out.append(contentsOf: #","attributes":"#.utf8)
      attributes(span.tags, &out)
    }
    count("droppedAttributesCount", span.droppedAttributesCount, &out)
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
        count("droppedAttributesCount", log.droppedAttributesCount, &out)
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
    }
    count("droppedEventsCount", span.droppedEventsCount, &out)
    if !span.links.isEmpty {
      out.append(contentsOf: #","links":["#.utf8)
      for (index, link) in span.links.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: #"{"traceId":"#.utf8)
        SpanJSONWriter.string(try OTLPIDMapping.traceID(link.traceID), &out)
        out.append(contentsOf: #","spanId":"#.utf8)
        SpanJSONWriter.string(try OTLPIDMapping.spanID(link.spanID), &out)
        if !link.traceState.isEmpty {
          out.append(contentsOf: #","traceState":"#.utf8)
          SpanJSONWriter.string(link.traceState, &out)
        }
        if !link.attributes.isEmpty {
          out.append(contentsOf: #","attributes":"#.utf8)
          attributes(link.attributes, &out)
        }
        count("droppedAttributesCount", link.droppedAttributesCount, &out)
        count("flags", link.flags, &out)
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
    }
    count("droppedLinksCount", span.droppedLinksCount, &out)
    if let status = status(of: span) {
      out.append(contentsOf: #","status":"#.utf8)
      var members = JSONMembers(&out)
      if status.code != .unset {
        members.key("code", &out)
        SpanJSONWriter.integer(Int64(status.code.rawValue), &out)
      }
      members.string("message", status.message, &out)
      members.close(&out)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// `,"key":number` for a non-zero `uint32` or `fixed32`, which protobuf's JSON mapping writes as
  /// a number.
  private static func count(_ key: StaticString, _ number: UInt32, _ out: inout [UInt8]) {
    guard number != 0 else { return }
    out.append(contentsOf: ",\"".utf8)
    key.withUTF8Buffer { out.append(contentsOf: $0) }
    out.append(contentsOf: "\":".utf8)
    SpanJSONWriter.integer(Int64(number), &out)
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
