import TraceModel

/// The columns of what OTLP carries beyond the seed's fields: kind, trace state, flags, status,
/// dropped counts, links, resource and scope.
///
/// Spans of the seed leave all of it at its default, which costs a few bytes per column and
/// block: constant runs that zstd takes to almost nothing. A resource or scope is stored once per
/// block and referred to by number, as OTLP's grouping stores it once per request.
struct OTLPFieldsEncoder {
  private var kinds = ColumnBuffer(), flags = ColumnBuffer()
  private var traceStateNames = StringDictionary(), traceStates = ColumnBuffer()
  private var statuses = ColumnBuffer()
  private var statusMessageNames = StringDictionary(), statusMessages = ColumnBuffer()
  private var droppedCounts = ColumnBuffer()
  private var linkCounts = ColumnBuffer(), linkIDForms = ColumnBuffer(), linkIDs = BitBuffer()
  private var linkFields = ColumnBuffer(), linkAttributes = AttributeEncoder(.linkAttributes)
  private var resources: [Resource] = [], resourceRefs = ColumnBuffer()
  private var scopes: [InstrumentationScope] = [], scopeRefs = ColumnBuffer()

  mutating func append(_ span: Span) {
    kinds.varint(span.kind.map { Zigzag.encode(Int64($0.rawValue)) + 1 } ?? 0)
    traceStates.varint(traceStateNames.number(of: span.traceState))
    flags.varint(UInt64(span.flags))
    if let status = span.status {
      statuses.varint(Zigzag.encode(Int64(status.code.rawValue)) + 1)
      statusMessages.varint(statusMessageNames.number(of: status.message))
    } else {
      statuses.varint(0)
    }
    for count in [span.droppedAttributesCount, span.droppedEventsCount, span.droppedLinksCount] {
      droppedCounts.varint(UInt64(count))
    }
    for log in span.logs { droppedCounts.varint(UInt64(log.droppedAttributesCount)) }
    linkCounts.varint(span.links.count)
    for link in span.links {
      IDForm.append(link.traceID, forms: &linkIDForms, bits: &linkIDs)
      IDForm.append(link.spanID, forms: &linkIDForms, bits: &linkIDs)
      linkFields.varint(traceStateNames.number(of: link.traceState))
      linkFields.varint(UInt64(link.flags))
      linkFields.varint(UInt64(link.droppedAttributesCount))
      linkAttributes.append(link.attributes)
    }
    resourceRefs.varint(span.resource.map { Self.number(of: $0, in: &resources) + 1 } ?? 0)
    scopeRefs.varint(span.scope.map { Self.number(of: $0, in: &scopes) + 1 } ?? 0)
  }

  /// The number of `item` among the block's distinct ones, added if new. Spans of one resource
  /// mostly come together, so the last one is tried first.
  private static func number<Item: Equatable>(of item: Item, in items: inout [Item]) -> Int {
    if let last = items.last, last == item { return items.count - 1 }
    if let found = items.firstIndex(of: item) { return found }
    items.append(item)
    return items.count - 1
  }

  func columns(into block: inout BlockColumns) {
    block.append(.kinds, kinds.bytes)
    block.append(.traceStateDictionary, traceStateNames.entries.bytes)
    block.append(.traceStates, traceStates.bytes)
    block.append(.flags, flags.bytes)
    block.append(.statuses, statuses.bytes)
    block.append(.statusMessageDictionary, statusMessageNames.entries.bytes)
    block.append(.statusMessages, statusMessages.bytes)
    block.append(.droppedCounts, droppedCounts.bytes)
    block.append(.linkCounts, linkCounts.bytes)
    block.append(.linkIDForms, linkIDForms.bytes)
    block.append(.linkIDs, linkIDs.bytes)
    block.append(.linkFields, linkFields.bytes)
    linkAttributes.columns(into: &block)
    block.append(.resourceRefs, resourceRefs.bytes)
    block.append(.scopeRefs, scopeRefs.bytes)
    var fields = ColumnBuffer()
    var resourceAttributes = AttributeEncoder(.resourceAttributes)
    for resource in resources {
      resourceAttributes.append(resource.attributes)
      fields.varint(UInt64(resource.droppedAttributesCount))
    }
    var scopeAttributes = AttributeEncoder(.scopeAttributes)
    for scope in scopes {
      scopeAttributes.append(scope.attributes)
      fields.string(scope.name)
      fields.string(scope.version)
      fields.varint(UInt64(scope.droppedAttributesCount))
    }
    block.append(.resourceScopeFields, fields.bytes)
    resourceAttributes.columns(into: &block)
    scopeAttributes.columns(into: &block)
  }
}
