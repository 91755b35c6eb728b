import TraceJSON
import TraceModel

/// An OTLP protobuf `ResourceSpans` read from its wire bytes straight into the model: what
/// swift-protobuf's parse and `OTLPProtoDecoding` give together, without the message objects.
///
/// Those two were most of encoding the real sample (a message object per span, attribute and
/// value, each then copied into the model). This reader takes only what those two accept without
/// a word: the fields the `.proto` defines, with their wire types, a field of a single message at
/// most once, ids of the right length, UTF-8 strings, unique span attribute keys. At anything else
/// (an unknown field, a legacy `instrumentation_library_spans`, a `KeyValue` without a value,
/// malformed bytes) it gives nil and the caller parses the group with swift-protobuf, which counts
/// what must be counted and names what is wrong: errors and notes stay the reference's own.
/// The tests hold the two paths to equal results (`OTLPWireDecodingTests`).
enum OTLPWireDecoding {
  /// The group at `range` of `bytes` and the normalizations it needed, or nil when
  /// swift-protobuf must read it.
  static func resourceSpans(_ bytes: [UInt8], _ range: Range<Int>) -> (ResourceSpans, [Normalization: Int])? {
    var summary = ReadSummary(format: .otlpProto, sourceTimestampUnit: .nanoseconds)
    guard let group = try? resourceSpans(ProtoReader(bytes, range), &summary) else { return nil }
    return (group, summary.normalizations)
  }

  /// Something only swift-protobuf's path reads as the reference does.
  private struct Unhandled: Error {}

  private static func take<T>(_ value: T?) throws -> T {
    guard let value else { throw Unhandled() }
    return value
  }

  private static func resourceSpans(_ reader: ProtoReader, _ summary: inout ReadSummary) throws -> ResourceSpans {
    var reader = reader
    var resourceReader: ProtoReader?
    var scopeReaders: [ProtoReader] = []
    var schemaURL = ""
    // The resource may follow the scope groups on the wire; their spans need its service name.
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited):
        guard resourceReader == nil else { throw Unhandled() }
        resourceReader = try take(reader.message())
      case (2, .lengthDelimited): scopeReaders.append(try take(reader.message()))
      case (3, .lengthDelimited): schemaURL = try take(reader.string())
      default: throw Unhandled()
      }
    }
    let resource = try resourceReader.map(self.resource)
    var service: String?
    for tag in resource?.attributes ?? [] where tag.key == "service.name" {
      if case .string(let name) = tag.value { service = name }
      break
    }
    return ResourceSpans(
      resource: resource, schemaURL: schemaURL,
      scopeSpans: try scopeReaders.map { try scopeSpans($0, service: service, &summary) })
  }

  private static func resource(_ reader: ProtoReader) throws -> Resource {
    var reader = reader
    var resource = Resource()
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited): resource.attributes.append(try keyValue(try take(reader.message())))
      case (2, .varint): resource.droppedAttributesCount = try take(reader.uint32())
      default: throw Unhandled()
      }
    }
    return resource
  }

  private static func scopeSpans(
    _ reader: ProtoReader, service: String?, _ summary: inout ReadSummary
  ) throws -> ScopeSpans {
    var reader = reader
    var group = ScopeSpans(scope: nil)
    var scopeSeen = false
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited):
        guard !scopeSeen else { throw Unhandled() }
        scopeSeen = true
        group.scope = try scope(try take(reader.message()))
      case (2, .lengthDelimited):
        group.spans.append(try span(try take(reader.message()), service: service, &summary))
      case (3, .lengthDelimited): group.schemaURL = try take(reader.string())
      default: throw Unhandled()
      }
    }
    return group
  }

  private static func scope(_ reader: ProtoReader) throws -> InstrumentationScope {
    var reader = reader
    var scope = InstrumentationScope()
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited): scope.name = try take(reader.string())
      case (2, .lengthDelimited): scope.version = try take(reader.string())
      case (3, .lengthDelimited): scope.attributes.append(try keyValue(try take(reader.message())))
      case (4, .varint): scope.droppedAttributesCount = try take(reader.uint32())
      default: throw Unhandled()
      }
    }
    return scope
  }

  private static func span(_ reader: ProtoReader, service: String?, _ summary: inout ReadSummary) throws -> Span {
    var reader = reader
    var traceID: ArraySlice<UInt8> = [], spanID: ArraySlice<UInt8> = [], parentID: ArraySlice<UInt8> = []
    var span = Span(
      traceID: "", spanID: "", parentSpanID: nil, serviceName: service ?? "unknown", operationName: "",
      startTimeNanos: 0, endTimeNanos: 0)
    var kind: Int32 = 0
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited): traceID = try take(reader.byteRange())
      case (2, .lengthDelimited): spanID = try take(reader.byteRange())
      case (3, .lengthDelimited): span.traceState = try take(reader.string())
      case (4, .lengthDelimited): parentID = try take(reader.byteRange())
      case (5, .lengthDelimited): span.operationName = try take(reader.string())
      case (6, .varint): kind = Int32(bitPattern: try take(reader.uint32()))
      case (7, .fixed64): span.startTimeNanos = Int64(bitPattern: try take(reader.fixed64()))
      case (8, .fixed64): span.endTimeNanos = Int64(bitPattern: try take(reader.fixed64()))
      case (9, .lengthDelimited):
        let tag = try keyValue(try take(reader.message()))
        guard !span.tags.contains(where: { $0.key == tag.key }) else { throw Unhandled() }
        span.tags.append(tag)
      case (10, .varint): span.droppedAttributesCount = try take(reader.uint32())
      case (11, .lengthDelimited): span.logs.append(try event(try take(reader.message())))
      case (12, .varint): span.droppedEventsCount = try take(reader.uint32())
      case (13, .lengthDelimited): span.links.append(try link(try take(reader.message())))
      case (14, .varint): span.droppedLinksCount = try take(reader.uint32())
      case (15, .lengthDelimited):
        guard span.status == nil else { throw Unhandled() }
        span.status = try status(try take(reader.message()))
      case (16, .fixed32): span.flags = try take(reader.fixed32())
      default: throw Unhandled()
      }
    }
    if service == nil { summary.note(.unknownServiceName) }
    span.traceID = try id(traceID, bytes: 16)
    span.spanID = try id(spanID, bytes: 8)
    span.parentSpanID = parentID.isEmpty ? nil : try id(parentID, bytes: 8)
    span.kind = SpanKind(rawValue: kind)
    span.statusCode = span.status?.seedStatusCode ?? 0
    return span
  }

  /// The id as lower-case hex; one of another length is left to swift-protobuf's path.
  private static func id(_ bytes: ArraySlice<UInt8>, bytes count: Int) throws -> String {
    guard bytes.count == count else { throw Unhandled() }
    return bytes.withUnsafeBufferPointer(Hex.encode)
  }

  private static func status(_ reader: ProtoReader) throws -> SpanStatus {
    var reader = reader
    var status = SpanStatus(code: .unset)
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (2, .lengthDelimited): status.message = try take(reader.string())
      case (3, .varint): status.code = SpanStatus.Code(rawValue: Int32(bitPattern: try take(reader.uint32())))
      default: throw Unhandled()
      }
    }
    return status
  }

  private static func event(_ reader: ProtoReader) throws -> LogEvent {
    var reader = reader
    var log = LogEvent(timestampNanos: 0, event: "")
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .fixed64): log.timestampNanos = Int64(bitPattern: try take(reader.fixed64()))
      case (2, .lengthDelimited): log.event = try take(reader.string())
      case (3, .lengthDelimited): log.fields.append(try keyValue(try take(reader.message())))
      case (4, .varint): log.droppedAttributesCount = try take(reader.uint32())
      default: throw Unhandled()
      }
    }
    return log
  }

  private static func link(_ reader: ProtoReader) throws -> SpanLink {
    var reader = reader
    var traceID: ArraySlice<UInt8> = [], spanID: ArraySlice<UInt8> = []
    var link = SpanLink(traceID: "", spanID: "")
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited): traceID = try take(reader.byteRange())
      case (2, .lengthDelimited): spanID = try take(reader.byteRange())
      case (3, .lengthDelimited): link.traceState = try take(reader.string())
      case (4, .lengthDelimited): link.attributes.append(try keyValue(try take(reader.message())))
      case (5, .varint): link.droppedAttributesCount = try take(reader.uint32())
      case (6, .fixed32): link.flags = try take(reader.fixed32())
      default: throw Unhandled()
      }
    }
    link.traceID = try id(traceID, bytes: 16)
    link.spanID = try id(spanID, bytes: 8)
    return link
  }

  /// Nesting deeper than this is left to swift-protobuf, whose own limit (100 messages, counted
  /// from the group) decides whether it is an error.
  private static let maxValueDepth = 32

  /// A `KeyValue`; one without a value is left to swift-protobuf, which counts it.
  private static func keyValue(_ reader: ProtoReader, depth: Int = 0) throws -> Tag {
    var reader = reader
    var key = ""
    var value: TagValue?
    while !reader.isAtEnd {
      switch try take(reader.tag()) {
      case (1, .lengthDelimited): key = try take(reader.string())
      case (2, .lengthDelimited):
        guard value == nil else { throw Unhandled() }
        value = try anyValue(try take(reader.message()), depth: depth + 1)
      default: throw Unhandled()
      }
    }
    return Tag(key, try take(value))
  }

  /// An `AnyValue` of at most one field: a oneof set twice is left to swift-protobuf's rules.
  private static func anyValue(_ reader: ProtoReader, depth: Int) throws -> TagValue {
    guard depth <= maxValueDepth else { throw Unhandled() }
    var reader = reader
    guard !reader.isAtEnd else { return .empty }
    let value: TagValue
    switch try take(reader.tag()) {
    case (1, .lengthDelimited): value = .string(try take(reader.string()))
    case (2, .varint): value = .bool(try take(reader.varint()) != 0)
    case (3, .varint): value = .int(Int64(bitPattern: try take(reader.varint())))
    case (4, .fixed64): value = .double(Double(bitPattern: try take(reader.fixed64())))
    case (5, .lengthDelimited):
      value = .array(try elements(of: take(reader.message())) { try anyValue($0, depth: depth + 1) })
    case (6, .lengthDelimited):
      value = .kvlist(try elements(of: take(reader.message())) { try keyValue($0, depth: depth + 1) })
    case (7, .lengthDelimited): value = .bytes(Array(try take(reader.byteRange())))
    default: throw Unhandled()
    }
    guard reader.isAtEnd else { throw Unhandled() }
    return value
  }

  /// The messages of an `ArrayValue` or a `KeyValueList`, whose one field (1) repeats them.
  private static func elements<Element>(of message: ProtoReader, _ read: (ProtoReader) throws -> Element)
    throws -> [Element]
  {
    var message = message
    var elements: [Element] = []
    while !message.isAtEnd {
      guard case (1, .lengthDelimited) = try take(message.tag()) else { throw Unhandled() }
      elements.append(try read(try take(message.message())))
    }
    return elements
  }
}
