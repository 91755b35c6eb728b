import Foundation
import OTLPProto
import SwiftProtobuf
import TraceJSON
import TraceModel

/// Maps a parsed OTLP protobuf `TracesData` onto a `TraceRequest`, field by field.
///
/// Every field of the project's `.proto` has a place in the model, so protobuf → model →
/// protobuf (`OTLPProtoEncoding`) gives equal messages. What the model cannot hold is counted in
/// the summary, never dropped silently: fields this `.proto` does not know (kept by swift-protobuf
/// as unknown fields), a `KeyValue` without a value (read as an empty value), and the pre-1.0
/// `instrumentation_library_spans` (read as scope spans).
///
/// Ids must be 16 bytes (trace) and 8 bytes (span; parent empty for a root), as OTLP requires and
/// the OTLP/JSON reader checks too; they become lower-case hex. Times are `fixed64` nanoseconds,
/// kept as their bit pattern in `Int64`.
enum OTLPProtoDecoding {
  static func request(_ message: OTLPTracesData, summary: inout ReadSummary) throws -> TraceRequest {
    try noteUnknown(message.unknownFields, &summary, known: [1: 2])
    return TraceRequest(
      resourceSpans: try message.resourceSpans.enumerated().map { index, group in
        try FieldError.within("resourceSpans[\(index)]") { try resourceSpans(group, &summary) }
      })
  }

  static func resourceSpans(_ group: OTLPResourceSpans, _ summary: inout ReadSummary) throws
    -> ResourceSpans
  {
    try noteUnknown(group.unknownFields, &summary, known: [1: 2, 2: 2, 3: 2, 1000: 2])
    var resource: Resource?
    if group.hasResource {
      try noteUnknown(group.resource.unknownFields, &summary, known: [1: 2, 2: 0])
      resource = Resource(
        attributes: try FieldError.within("resource") {
          try tags(group.resource.attributes, unique: false, &summary)
        },
        droppedAttributesCount: group.resource.droppedAttributesCount)
    }
    var service: String?
    for tag in resource?.attributes ?? [] where tag.key == "service.name" {
      if case .string(let name) = tag.value { service = name }
      break
    }
    var scopeGroups = try group.scopeSpans.enumerated().map { index, scopeGroup in
      try FieldError.within("scopeSpans[\(index)]") {
        try scopeSpans(scopeGroup, service: service, &summary)
      }
    }
    if !group.instrumentationLibrarySpans.isEmpty {
      summary.note(.legacyInstrumentationLibrarySpans, count: group.instrumentationLibrarySpans.count)
      if scopeGroups.isEmpty {
        scopeGroups = try group.instrumentationLibrarySpans.enumerated().map { index, legacy in
          try FieldError.within("instrumentationLibrarySpans[\(index)]") {
            try legacyScopeSpans(legacy, service: service, &summary)
          }
        }
      }
    }
    return ResourceSpans(resource: resource, schemaURL: group.schemaURL, scopeSpans: scopeGroups)
  }

  private static func scopeSpans(
    _ group: OTLPScopeSpans, service: String?, _ summary: inout ReadSummary
  ) throws -> ScopeSpans {
    try noteUnknown(group.unknownFields, &summary, known: [1: 2, 2: 2, 3: 2])
    var scope: InstrumentationScope?
    if group.hasScope {
      try noteUnknown(group.scope.unknownFields, &summary, known: [1: 2, 2: 2, 3: 2, 4: 0])
      scope = InstrumentationScope(
        name: group.scope.name, version: group.scope.version,
        attributes: try FieldError.within("scope") {
          try tags(group.scope.attributes, unique: false, &summary)
        },
        droppedAttributesCount: group.scope.droppedAttributesCount)
    }
    return ScopeSpans(
      scope: scope, schemaURL: group.schemaURL,
      spans: try spans(group.spans, service: service, &summary))
  }

  /// Pre-1.0 exports: the same wire shape as `ScopeSpans`, a library instead of a scope.
  private static func legacyScopeSpans(
    _ group: OTLPInstrumentationLibrarySpans, service: String?, _ summary: inout ReadSummary
  ) throws -> ScopeSpans {
    try noteUnknown(group.unknownFields, &summary, known: [1: 2, 2: 2, 3: 2])
    let scope =
      group.hasInstrumentationLibrary
      ? InstrumentationScope(
        name: group.instrumentationLibrary.name, version: group.instrumentationLibrary.version)
      : nil
    return ScopeSpans(
      scope: scope, schemaURL: group.schemaURL,
      spans: try spans(group.spans, service: service, &summary))
  }

  private static func spans(_ spans: [OTLPSpan], service: String?, _ summary: inout ReadSummary)
    throws -> [Span]
  {
    try spans.enumerated().map { index, span in
      try FieldError.within("spans[\(index)]") { try self.span(span, service: service, &summary) }
    }
  }

  /// `Span`'s field numbers and wire types (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
  static let spanFields = [
    1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 0, 7: 1, 8: 1, 9: 2, 10: 0, 11: 2, 12: 0, 13: 2, 14: 0, 15: 2,
    16: 5,
  ]

  static func span(_ message: OTLPSpan, service: String?, _ summary: inout ReadSummary) throws
    -> Span
  {
    try noteUnknown(message.unknownFields, &summary, known: Self.spanFields)
    if service == nil { summary.note(.unknownServiceName) }
    var parent: String?
    if !message.parentSpanID.isEmpty {
      parent = try id(message.parentSpanID, bytes: 8, field: "parentSpanId")
    }
    let status: SpanStatus? =
      message.hasStatus
      ? SpanStatus(
        code: SpanStatus.Code(rawValue: Int32(truncatingIfNeeded: message.status.code.rawValue)),
        message: message.status.message)
      : nil
    if message.hasStatus {
      try noteUnknown(message.status.unknownFields, &summary, known: [2: 2, 3: 0])
    }
    var span = Span(
      traceID: try id(message.traceID, bytes: 16, field: "traceId"),
      spanID: try id(message.spanID, bytes: 8, field: "spanId"), parentSpanID: parent,
      serviceName: service ?? "unknown", operationName: message.name,
      startTimeNanos: Int64(bitPattern: message.startTimeUnixNano),
      endTimeNanos: Int64(bitPattern: message.endTimeUnixNano),
      tags: try FieldError.within("attributes") {
        try tags(message.attributes, unique: true, &summary)
      },
      logs: try message.events.enumerated().map { index, event in
        try FieldError.within("events[\(index)]") { try log(event, &summary) }
      },
      statusCode: status?.seedStatusCode ?? 0)
    span.kind = SpanKind(rawValue: Int32(truncatingIfNeeded: message.kind.rawValue))
    span.traceState = message.traceState
    span.flags = message.flags
    span.status = status
    span.links = try message.links.enumerated().map { index, link in
      try FieldError.within("links[\(index)]") { try self.link(link, &summary) }
    }
    span.droppedAttributesCount = message.droppedAttributesCount
    span.droppedEventsCount = message.droppedEventsCount
    span.droppedLinksCount = message.droppedLinksCount
    return span
  }

  private static func log(_ event: OTLPSpan.Event, _ summary: inout ReadSummary) throws -> LogEvent {
    try noteUnknown(event.unknownFields, &summary, known: [1: 1, 2: 2, 3: 2, 4: 0])
    var log = LogEvent(
      timestampNanos: Int64(bitPattern: event.timeUnixNano), event: event.name,
      fields: try FieldError.within("attributes") {
        try tags(event.attributes, unique: false, &summary)
      })
    log.droppedAttributesCount = event.droppedAttributesCount
    return log
  }

  private static func link(_ message: OTLPSpan.Link, _ summary: inout ReadSummary) throws -> SpanLink
  {
    try noteUnknown(message.unknownFields, &summary, known: [1: 2, 2: 2, 3: 2, 4: 2, 5: 0, 6: 5])
    var link = SpanLink(
      traceID: try id(message.traceID, bytes: 16, field: "traceId"),
      spanID: try id(message.spanID, bytes: 8, field: "spanId"))
    link.traceState = message.traceState
    link.attributes = try FieldError.within("attributes") {
      try tags(message.attributes, unique: false, &summary)
    }
    link.droppedAttributesCount = message.droppedAttributesCount
    link.flags = message.flags
    return link
  }

  /// The tags of a `KeyValue` list; with `unique`, a repeated key is an error (span attributes,
  /// as in the other readers: the model promises unique keys there).
  static func tags(_ list: [OTLPKeyValue], unique: Bool, _ summary: inout ReadSummary) throws
    -> [Tag]
  {
    var tags: [Tag] = []
    tags.reserveCapacity(list.count)
    for keyValue in list {
      try noteUnknown(keyValue.unknownFields, &summary, known: [1: 2, 2: 2])
      if !keyValue.hasValue { summary.note(.attributeWithoutValueMadeEmpty) }
      let tag = Tag(keyValue.key, try value(keyValue.value, &summary))
      if unique { try tags.appendUnique(tag) } else { tags.append(tag) }
    }
    return tags
  }

  private static func value(_ anyValue: OTLPAnyValue, _ summary: inout ReadSummary) throws
    -> TagValue
  {
    try noteUnknown(
      anyValue.unknownFields, &summary, known: [1: 2, 2: 0, 3: 0, 4: 1, 5: 2, 6: 2, 7: 2])
    switch anyValue.value {
    case nil: return .empty
    case .stringValue(let text)?: return .string(text)
    case .boolValue(let flag)?: return .bool(flag)
    case .intValue(let number)?: return .int(number)
    case .doubleValue(let number)?: return .double(number)
    case .bytesValue(let data)?: return .bytes([UInt8](data))
    case .arrayValue(let array)?:
      try noteUnknown(array.unknownFields, &summary, known: [1: 2])
      return .array(try array.values.map { try value($0, &summary) })
    case .kvlistValue(let list)?:
      try noteUnknown(list.unknownFields, &summary, known: [1: 2])
      return .kvlist(try tags(list.values, unique: false, &summary))
    }
  }

  static func id(_ data: Data, bytes: Int, field: String) throws -> String {
    guard data.count == bytes else {
      throw FieldError("field \"\(field)\": expected \(bytes) bytes, found \(data.count)")
    }
    return Hex.encode(data)
  }

  /// Counts fields the `.proto` does not define, and rejects a known field number with the wrong
  /// wire type: swift-protobuf files those under unknown fields too, but they are corruption, not
  /// a newer OTLP.
  private static func noteUnknown(
    _ fields: UnknownStorage, _ summary: inout ReadSummary, known: [Int: Int] = [:]
  ) throws {
    guard !fields.data.isEmpty else { return }
    for (number, wireType) in UnknownFieldTags(fields.data) {
      if let expected = known[number] {
        throw FieldError(
          "field \(number) has wire type \(wireType), expected \(expected) (a wrong wire type)")
      }
    }
    summary.note(.unknownProtobufFieldsDropped)
  }
}

/// The field numbers and wire types of the fields swift-protobuf kept as unknown bytes.
///
/// Stops at the first tag it cannot step over; the bytes were accepted by swift-protobuf, so
/// that only happens on a wire type protobuf no longer uses (groups).
struct UnknownFieldTags: Sequence, IteratorProtocol {
  private let bytes: [UInt8]
  private var index = 0

  init(_ data: Data) { bytes = [UInt8](data) }

  mutating func next() -> (Int, Int)? {
    guard index < bytes.count, let tag = varint() else { return nil }
    let wireType = Int(tag & 7)
    switch wireType {
    case 0: guard varint() != nil else { return nil }
    case 1: index += 8
    case 2:
      guard let length = varint() else { return nil }
      index += Int(clamping: length)
    case 5: index += 4
    default: index = bytes.count
    }
    return (Int(tag >> 3), wireType)
  }

  private mutating func varint() -> UInt64? { Varint.read(bytes, at: &index) }
}
