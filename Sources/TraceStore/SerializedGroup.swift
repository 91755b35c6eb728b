import TraceFormats
import TraceModel

/// A block's spans as OTLP protobuf in input order: each span the bytes of one `ScopeSpans.spans`
/// field (tag, length, `Span` message), one after another, and where each ends.
struct SpanMessages: Sendable {
  var bytes: [UInt8] = []
  var ends: [Int] = []

  var count: Int { ends.count }

  /// Where spans `spans` lie in `bytes`.
  func byteRange(_ spans: Range<Int>) -> Range<Int> {
    let start = spans.lowerBound == 0 ? 0 : ends[spans.lowerBound - 1]
    return start..<(spans.isEmpty ? start : ends[spans.upperBound - 1])
  }

  /// Spans `spans` alone, their ends counted from the first.
  subscript(spans: Range<Int>) -> SpanMessages {
    let range = byteRange(spans)
    return SpanMessages(bytes: Array(bytes[range]), ends: ends[spans].map { $0 - range.lowerBound })
  }
}

/// A resource group whose spans are serialized already, gathered by `RequestAssembler` for
/// protobuf output: the spans' bytes are copied into their scope groups, never made into `Span`s.
struct SerializedGroup: AssembledGroup {
  struct ScopeGroup {
    var scope: InstrumentationScope?
    var schemaURL: String
    var spans: [UInt8] = []
  }

  var resource: Resource?
  var schemaURL: String
  var scopeGroups: [ScopeGroup] = []

  init(resource: Resource?, schemaURL: String) {
    self.resource = resource
    self.schemaURL = schemaURL
  }

  var scopeGroupCount: Int { scopeGroups.count }

  mutating func openScopeGroup(_ scope: InstrumentationScope?, schemaURL: String) {
    scopeGroups.append(ScopeGroup(scope: scope, schemaURL: schemaURL))
  }

  mutating func appendToLastScopeGroup(_ range: Range<Int>, of spans: SpanMessages) {
    scopeGroups[scopeGroups.count - 1].spans.append(contentsOf: spans.bytes[spans.byteRange(range)])
  }

  /// The `TracesData` of a request of this group alone: `OTLPProtobufWriter.messageBytes` of it,
  /// as `OTLPProtoBytes` writes a group of `Span`s.
  var messageBytes: [UInt8] {
    var out = ProtoWriter()
    let group = out.beginMessage(1, lengthBytes: OTLPProtoBytes.groupLengthBytes)
    if let resource { OTLPProtoBytes.appendResource(resource, to: &out) }
    for scopeGroup in scopeGroups {
      let scope = out.beginMessage(2, lengthBytes: OTLPProtoBytes.groupLengthBytes)
      if let instrumentation = scopeGroup.scope { OTLPProtoBytes.appendScope(instrumentation, to: &out) }
      out.bytes.append(contentsOf: scopeGroup.spans)
      out.string(scopeGroup.schemaURL, field: 3)
      out.endMessage(scope)
    }
    out.string(schemaURL, field: 3)
    out.endMessage(group)
    return out.bytes
  }
}
