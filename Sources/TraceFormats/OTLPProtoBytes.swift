import TraceJSON
import TraceModel

/// A `TraceRequest` as the bytes of an OTLP protobuf `TracesData`, written straight from the model.
///
/// The bytes are the ones swift-protobuf gives for `OTLPProtoEncoding.message` (the tests hold the
/// two to each other): fields in number order, proto3 defaults left out, a oneof member or a set
/// message written even when empty. Building the messages and walking them with swift-protobuf's
/// visitor took more than half of decoding the real sample to protobuf.
///
/// Inside a span each message's size is computed before it is written. A span and the groups
/// around it are written in place after room for their length, which is filled in once they are
/// written (`ProtoWriter.endMessage`): written to buffers of their own and copied after their
/// length, every span's bytes were copied three times, 6% of decoding the real sample.
package enum OTLPProtoBytes {
  /// Length bytes left for a span (128 bytes to 16 KiB) and for a group (16 KiB to 2 MiB): the
  /// lengths most take, so their bodies rarely move.
  package static let spanLengthBytes = 2, groupLengthBytes = 3

  /// Appends the request's `resource_spans`, in order, to `out`.
  static func append(_ request: TraceRequest, to out: inout ProtoWriter) throws {
    for resourceGroup in request.resourceSpans {
      try appendResourceSpans(
        resource: resourceGroup.resource, schemaURL: resourceGroup.schemaURL,
        scopes: resourceGroup.scopeSpans.map { ($0.scope, $0.schemaURL) }, to: &out
      ) { scopeGroup, out in
        // Borrowed from the buffer: iterating the array copied every span, retaining its strings.
        try resourceGroup.scopeSpans[scopeGroup].spans.withUnsafeBufferPointer { members in
          for index in members.indices { try appendSpan(members[index], to: &out) }
        }
      }
    }
  }

  /// The request `grouping` makes of `spans`, written from the spans where they lie: the bytes
  /// of `TraceRequest(grouping: spans, …)`, whose groups hold a copy of each span.
  static func append(_ grouping: RequestGrouping, of spans: [Span], to out: inout ProtoWriter) throws {
    try spans.withUnsafeBufferPointer { spans in
      for resourceGroup in grouping.groups {
        try appendResourceSpans(
          resource: resourceGroup.resource, schemaURL: "", scopes: resourceGroup.scopes.map { ($0.scope, "") },
          to: &out
        ) { scopeGroup, out in
          for position in resourceGroup.scopes[scopeGroup].members { try appendSpan(spans[position], to: &out) }
        }
      }
    }
  }

  /// One `resource_spans` field: the resource, each scope group (its scope, the spans
  /// `writeSpans` writes for its position in `scopes`, its schema URL), then the schema URL. The
  /// layout the writers of `Span`s, of grouped spans and of serialized spans (`SerializedGroup`)
  /// share.
  package static func appendResourceSpans(
    resource: Resource?, schemaURL: String, scopes: [(scope: InstrumentationScope?, schemaURL: String)],
    to out: inout ProtoWriter, spans writeSpans: (_ scopeGroup: Int, _ out: inout ProtoWriter) throws -> Void
  ) rethrows {
    let group = out.beginMessage(1, lengthBytes: groupLengthBytes)
    if let resource { appendResource(resource, to: &out) }
    for (index, scopeGroup) in scopes.enumerated() {
      let scope = out.beginMessage(2, lengthBytes: groupLengthBytes)
      if let instrumentation = scopeGroup.scope { appendScope(instrumentation, to: &out) }
      try writeSpans(index, &out)
      out.string(scopeGroup.schemaURL, field: 3)
      out.endMessage(scope)
    }
    out.string(schemaURL, field: 3)
    out.endMessage(group)
  }

  /// A `ResourceSpans`' `resource` field.
  private static func appendResource(_ resource: Resource, to group: inout ProtoWriter) {
    group.tag(1, .lengthDelimited)
    group.varint(UInt64(resourceBodyBytes(resource)))
    group.attributes(resource.attributes, field: 1)
    group.uint32(resource.droppedAttributesCount, field: 2)
  }

  /// A `ScopeSpans`' `scope` field.
  private static func appendScope(_ instrumentation: InstrumentationScope, to group: inout ProtoWriter) {
    group.tag(1, .lengthDelimited)
    group.varint(UInt64(scopeBodyBytes(instrumentation)))
    group.string(instrumentation.name, field: 1)
    group.string(instrumentation.version, field: 2)
    group.attributes(instrumentation.attributes, field: 3)
    group.uint32(instrumentation.droppedAttributesCount, field: 4)
  }

  /// A `ScopeSpans`' `spans` field of one span: the fields `OTLPProtoEncoding.span` sets, in
  /// number order.
  package static func appendSpan(_ model: Span, to group: inout ProtoWriter) throws {
    let message = group.beginMessage(2, lengthBytes: spanLengthBytes)
    try append(model, to: &group)
    group.endMessage(message)
  }

  private static func append(_ model: Span, to span: inout ProtoWriter) throws {
    try span.id(model.traceID, field: 1, byteCount: 16, mapping: OTLPIDMapping.traceID)
    try span.id(model.spanID, field: 2, byteCount: 8, mapping: OTLPIDMapping.spanID)
    span.string(model.traceState, field: 3)
    if let parent = model.parentSpanID { try span.id(parent, field: 4, byteCount: 8, mapping: OTLPIDMapping.spanID) }
    span.string(model.operationName, field: 5)
    span.enumValue(model.kind?.rawValue ?? Int32(OTLPJSONWriter.kind(of: model)), field: 6)
    span.fixed64(UInt64(bitPattern: model.startTimeNanos), field: 7)
    span.fixed64(UInt64(bitPattern: model.endTimeNanos), field: 8)
    span.attributes(model.tags, field: 9)
    span.uint32(model.droppedAttributesCount, field: 10)
    for log in model.logs {
      span.tag(11, .lengthDelimited)
      span.varint(UInt64(eventBodyBytes(log)))
      span.fixed64(UInt64(bitPattern: log.timestampNanos), field: 1)
      span.string(log.event, field: 2)
      span.attributes(log.fields, field: 3)
      span.uint32(log.droppedAttributesCount, field: 4)
    }
    span.uint32(model.droppedEventsCount, field: 12)
    try appendLinks(model.links, to: &span)
    span.uint32(model.droppedLinksCount, field: 14)
    if let status = OTLPJSONWriter.status(of: model) { appendStatus(status, to: &span) }
    span.fixed32(model.flags, field: 16)
  }

  /// A span's `links` fields.
  package static func appendLinks(_ links: [SpanLink], to span: inout ProtoWriter) throws {
    for link in links {
      var body = ProtoWriter()
      try body.id(link.traceID, field: 1, byteCount: 16, mapping: OTLPIDMapping.traceID)
      try body.id(link.spanID, field: 2, byteCount: 8, mapping: OTLPIDMapping.spanID)
      body.string(link.traceState, field: 3)
      body.attributes(link.attributes, field: 4)
      body.uint32(link.droppedAttributesCount, field: 5)
      body.fixed32(link.flags, field: 6)
      span.message(13, body.bytes)
    }
  }

  /// A span's `status` field.
  package static func appendStatus(_ status: SpanStatus, to span: inout ProtoWriter) {
    span.tag(15, .lengthDelimited)
    span.varint(UInt64(statusBodyBytes(status)))
    span.string(status.message, field: 2)
    span.enumValue(status.code.rawValue, field: 3)
  }

  /// Sizes of fields numbered below 16, whose tag is one byte; 0 for a default left out.
  package static func stringBytes(_ text: String) -> Int {
    let count = text.utf8.count
    return count == 0 ? 0 : 1 + Varint.byteCount(UInt64(count)) + count
  }

  package static func uint32Bytes(_ value: UInt32) -> Int {
    value == 0 ? 0 : 1 + Varint.byteCount(UInt64(value))
  }

  static func enumBytes(_ value: Int32) -> Int {
    value == 0 ? 0 : 1 + Varint.byteCount(UInt64(bitPattern: Int64(value)))
  }

  static func fixed64Bytes(_ value: Int64) -> Int { value == 0 ? 0 : 9 }

  /// The bodies of the messages written after their length, for that length and for
  /// `messageByteCount`.
  static func resourceBodyBytes(_ resource: Resource) -> Int {
    attributesBytes(resource.attributes) + uint32Bytes(resource.droppedAttributesCount)
  }

  static func scopeBodyBytes(_ scope: InstrumentationScope) -> Int {
    stringBytes(scope.name) + stringBytes(scope.version) + attributesBytes(scope.attributes)
      + uint32Bytes(scope.droppedAttributesCount)
  }

  static func eventBodyBytes(_ log: LogEvent) -> Int {
    fixed64Bytes(log.timestampNanos) + stringBytes(log.event) + attributesBytes(log.fields)
      + uint32Bytes(log.droppedAttributesCount)
  }

  static func statusBodyBytes(_ status: SpanStatus) -> Int {
    stringBytes(status.message) + enumBytes(status.code.rawValue)
  }

  /// One `KeyValue` per tag, each with its one-byte field tag and length.
  static func attributesBytes(_ tags: [Tag]) -> Int {
    tags.reduce(0) { total, tag in
      let bytes = keyValueBytes(tag)
      return total + 1 + Varint.byteCount(UInt64(bytes)) + bytes
    }
  }

  static func keyValueBytes(_ tag: Tag) -> Int {
    let value = anyValueBytes(tag.value)
    return stringBytes(tag.key) + 1 + Varint.byteCount(UInt64(value)) + value
  }

  static func anyValueBytes(_ value: TagValue) -> Int {
    switch value {
    case .string(let text): return delimitedBytes(text.utf8.count)
    case .bool: return 2
    case .int(let number): return 1 + Varint.byteCount(UInt64(bitPattern: number))
    case .double: return 9
    case .bytes(let bytes): return delimitedBytes(bytes.count)
    case .array(let values): return delimitedBytes(arrayBodyBytes(values))
    case .kvlist(let tags): return delimitedBytes(attributesBytes(tags))
    case .empty: return 0
    }
  }

  /// An `ArrayValue`'s body: its values, each a field 1 message.
  static func arrayBodyBytes(_ values: [TagValue]) -> Int {
    values.reduce(0) { $0 + delimitedBytes(anyValueBytes($1)) }
  }

  static func delimitedBytes(_ count: Int) -> Int { 1 + Varint.byteCount(UInt64(count)) + count }
}
