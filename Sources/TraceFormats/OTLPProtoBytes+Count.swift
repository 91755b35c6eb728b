import TraceModel

/// The size of a grouped request's `TracesData` message, counted without writing it.
///
/// The per-request rows of 8,192-span requests compress one request in 16 on large inputs
/// (`QuickDefaults.perRequestSampling`) and need only the size of the others, to scale the sample
/// to all of them; writing those others was 4% of analyze's CPU on 126 MB of JSONL. The count
/// follows `OTLPProtoBytes.append` field by field (the tests hold it to the written length)
/// and checks no id: a span whose id OTLP cannot carry is refused by the stream of whole requests
/// that every run also writes.
extension OTLPProtoBytes {
  /// The size of the message of the request `grouping` makes of `spans` (`append(_:of:to:)`).
  package static func messageByteCount(_ grouping: RequestGrouping, of spans: [Span]) -> Int {
    spans.withUnsafeBufferPointer { spans in
      grouping.groups.reduce(0) { total, group in
        var bytes = delimitedBytes(resourceBodyBytes(group.resource))
        for scopeGroup in group.scopes {
          var scopeBytes = scopeGroup.scope.map { delimitedBytes(scopeBodyBytes($0)) } ?? 0
          for position in scopeGroup.members { scopeBytes += delimitedBytes(spanBytes(spans[position])) }
          bytes += delimitedBytes(scopeBytes)
        }
        return total + delimitedBytes(bytes)
      }
    }
  }

  /// A span's fields as `append(_:to:)` writes them: ids of 16 and 8 bytes, each with its
  /// one-byte tag and length.
  private static func spanBytes(_ model: Span) -> Int {
    var bytes = 18 + 10 + (model.parentSpanID == nil ? 0 : 10)
    bytes += stringBytes(model.traceState) + stringBytes(model.operationName)
    bytes += enumBytes(model.kind?.rawValue ?? Int32(OTLPJSONWriter.kind(of: model)))
    bytes += fixed64Bytes(model.startTimeNanos) + fixed64Bytes(model.endTimeNanos)
    bytes += attributesBytes(model.tags) + uint32Bytes(model.droppedAttributesCount)
    for log in model.logs { bytes += delimitedBytes(eventBodyBytes(log)) }
    bytes += uint32Bytes(model.droppedEventsCount)
    for link in model.links {
      bytes += delimitedBytes(
        18 + 10 + stringBytes(link.traceState) + attributesBytes(link.attributes)
          + uint32Bytes(link.droppedAttributesCount) + (link.flags == 0 ? 0 : 5))
    }
    bytes += uint32Bytes(model.droppedLinksCount)
    if let status = OTLPJSONWriter.status(of: model) {
      bytes += delimitedBytes(statusBodyBytes(status))
    }
    // Field 16's tag takes two bytes.
    return bytes + (model.flags == 0 ? 0 : 6)
  }
}
