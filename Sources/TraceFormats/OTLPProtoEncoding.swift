import Foundation
import OTLPProto
import TraceJSON
import TraceModel

/// Maps a `TraceRequest` onto an OTLP protobuf `TracesData`, the inverse of `OTLPProtoDecoding`.
///
/// Writers serialize with `OTLPProtoBytes`, straight from the model; this message form is what the
/// tests hold those bytes to, swift-protobuf serializing it.
///
/// For spans read from OTLP every field comes back as it was read. For spans from other sources
/// the fields they lack take the values `OTLPJSONWriter` has always given them, so both OTLP
/// writers agree: kind inferred from the tags when `kind` is nil, status ERROR with the last
/// `error` log's message when `status` is nil and `statusCode` is 1; ids through `OTLPIDMapping`.
enum OTLPProtoEncoding {
  static func message(_ request: TraceRequest) throws -> OTLPTracesData {
    var message = OTLPTracesData()
    message.resourceSpans = try request.resourceSpans.map(resourceSpans)
    return message
  }

  private static func resourceSpans(_ group: ResourceSpans) throws -> OTLPResourceSpans {
    var message = OTLPResourceSpans()
    if let resource = group.resource {
      message.resource.attributes = resource.attributes.map(keyValue)
      message.resource.droppedAttributesCount = resource.droppedAttributesCount
    }
    message.schemaURL = group.schemaURL
    message.scopeSpans = try group.scopeSpans.map { scopeGroup in
      var scopeMessage = OTLPScopeSpans()
      if let scope = scopeGroup.scope {
        scopeMessage.scope.name = scope.name
        scopeMessage.scope.version = scope.version
        scopeMessage.scope.attributes = scope.attributes.map(keyValue)
        scopeMessage.scope.droppedAttributesCount = scope.droppedAttributesCount
      }
      scopeMessage.schemaURL = scopeGroup.schemaURL
      scopeMessage.spans = try scopeGroup.spans.map(span)
      return scopeMessage
    }
    return message
  }

  static func span(_ span: Span) throws -> OTLPSpan {
    var message = OTLPSpan()
    message.traceID = try traceID(span.traceID)
    message.spanID = try spanID(span.spanID)
    message.traceState = span.traceState
    if let parent = span.parentSpanID { message.parentSpanID = try spanID(parent) }
    message.flags = span.flags
    message.name = span.operationName
    message.kind =
      OTLPSpan.SpanKind(rawValue: Int(span.kind?.rawValue ?? Int32(OTLPJSONWriter.kind(of: span))))
      ?? .unspecified
    message.startTimeUnixNano = UInt64(bitPattern: span.startTimeNanos)
    message.endTimeUnixNano = UInt64(bitPattern: span.endTimeNanos)
    message.attributes = span.tags.map(keyValue)
    message.droppedAttributesCount = span.droppedAttributesCount
    message.events = span.logs.map { log in
      var event = OTLPSpan.Event()
      event.timeUnixNano = UInt64(bitPattern: log.timestampNanos)
      event.name = log.event
      event.attributes = log.fields.map(keyValue)
      event.droppedAttributesCount = log.droppedAttributesCount
      return event
    }
    message.droppedEventsCount = span.droppedEventsCount
    message.links = try span.links.map { link in
      var linkMessage = OTLPSpan.Link()
      linkMessage.traceID = try traceID(link.traceID)
      linkMessage.spanID = try spanID(link.spanID)
      linkMessage.traceState = link.traceState
      linkMessage.attributes = link.attributes.map(keyValue)
      linkMessage.droppedAttributesCount = link.droppedAttributesCount
      linkMessage.flags = link.flags
      return linkMessage
    }
    message.droppedLinksCount = span.droppedLinksCount
    if let status = OTLPJSONWriter.status(of: span) {
      message.status.code = OTLPStatus.StatusCode(rawValue: Int(status.code.rawValue)) ?? .unset
      message.status.message = status.message
    }
    return message
  }

  static func keyValue(_ tag: Tag) -> OTLPKeyValue {
    var keyValue = OTLPKeyValue()
    keyValue.key = tag.key
    keyValue.value = anyValue(tag.value)
    return keyValue
  }

  private static func anyValue(_ value: TagValue) -> OTLPAnyValue {
    var anyValue = OTLPAnyValue()
    switch value {
    case .string(let text): anyValue.stringValue = text
    case .bool(let flag): anyValue.boolValue = flag
    case .int(let number): anyValue.intValue = number
    case .double(let number): anyValue.doubleValue = number
    case .bytes(let bytes): anyValue.bytesValue = Data(bytes)
    case .array(let values): anyValue.arrayValue.values = values.map(Self.anyValue)
    case .kvlist(let tags): anyValue.kvlistValue.values = tags.map(keyValue)
    case .empty: break
    }
    return anyValue
  }

  private static func traceID(_ id: String) throws -> Data {
    Data(Hex.decode(try OTLPIDMapping.traceID(id).utf8)!)
  }

  private static func spanID(_ id: String) throws -> Data {
    Data(Hex.decode(try OTLPIDMapping.spanID(id).utf8)!)
  }
}
