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
  private var resources = NumberedItems<Resource> { $0.attributes }, resourceRefs = ColumnBuffer()
  private var scopes = NumberedItems<InstrumentationScope> { $0.attributes }, scopeRefs = ColumnBuffer()
  private var structure = ColumnBuffer(), schemaURLs = StringDictionary()

  /// An encoder for spans that arrived in OTLP requests as `entries` says, or flat (no entries).
  /// The groups' resources and scopes are numbered first, in input order, so the spans of any
  /// group find theirs numbered and a decoder can count them from column 34 alone.
  init(structure entries: [RequestEntry] = []) {
    for entry in entries {
      switch entry {
      case .request: structure.varint(0)
      case .resourceGroup(let resource, let schemaURL):
        structure.varint(1)
        structure.varint(resource.map { resources.number(of: $0) + 1 } ?? 0)
        structure.varint(schemaURLs.number(of: schemaURL))
      case .scopeGroup(let scope, let schemaURL):
        structure.varint(2)
        structure.varint(scope.map { scopes.number(of: $0) + 1 } ?? 0)
        structure.varint(schemaURLs.number(of: schemaURL))
      case .spans(let count):
        structure.varint(3)
        structure.varint(count)
      }
    }
  }

  /// `span` is read through its address in the block's buffer, not copied.
  mutating func append(_ span: UnsafePointer<Span>) {
    kinds.varint(span.pointee.kind.map { Varint.zigzag(Int64($0.rawValue)) + 1 } ?? 0)
    traceStates.varint(traceStateNames.number(of: span.pointee.traceState))
    // Bit 32, above OTLP's 32 flag bits: the reader found no timestamp or duration (a partial Zipkin
    // span), so its times are placeholders.
    flags.varint(UInt64(span.pointee.flags) | (span.pointee.timingUnknown ? 1 << 32 : 0))
    if let status = span.pointee.status {
      statuses.varint(Varint.zigzag(Int64(status.code.rawValue)) + 1)
      statusMessages.varint(statusMessageNames.number(of: status.message))
    } else {
      statuses.varint(0)
    }
    droppedCounts.varint(UInt64(span.pointee.droppedAttributesCount))
    droppedCounts.varint(UInt64(span.pointee.droppedEventsCount))
    droppedCounts.varint(UInt64(span.pointee.droppedLinksCount))
    for log in span.pointee.logs { droppedCounts.varint(UInt64(log.droppedAttributesCount)) }
    linkCounts.varint(span.pointee.links.count)
    for link in span.pointee.links {
      IDForm.append(link.traceID, forms: &linkIDForms, bits: &linkIDs)
      IDForm.append(link.spanID, forms: &linkIDForms, bits: &linkIDs)
      linkFields.varint(traceStateNames.number(of: link.traceState))
      linkFields.varint(UInt64(link.flags))
      linkFields.varint(UInt64(link.droppedAttributesCount))
      linkAttributes.append(link.attributes)
    }
    resourceRefs.varint(span.pointee.resource.map { resources.number(of: $0) + 1 } ?? 0)
    scopeRefs.varint(span.pointee.scope.map { scopes.number(of: $0) + 1 } ?? 0)
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
    block.append(.requestStructure, structure.bytes)
    block.append(.schemaURLDictionary, schemaURLs.entries.bytes)
    var fields = ColumnBuffer()
    var resourceAttributes = AttributeEncoder(.resourceAttributes)
    for resource in resources.items {
      resourceAttributes.append(resource.attributes)
      fields.varint(UInt64(resource.droppedAttributesCount))
    }
    var scopeAttributes = AttributeEncoder(.scopeAttributes)
    for scope in scopes.items {
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

/// Distinct items numbered in order of first appearance: a block's resources or scopes.
///
/// Hashed, because a request of the real sample has 1,699 resource groups and a linear search per
/// span made encoding quadratic in them. The spans of a group share its attribute array, so an
/// item is first looked up by where that array's elements are stored, and compared with the item
/// seen there, which the shared storage makes equal at once: spans come trace by trace, hopping
/// between groups, and hashing every attribute of the resource again for each span was 8% of
/// encoding the sample. An address is only trusted after that comparison: all empty arrays share
/// one storage.
private struct NumberedItems<Item: Hashable> {
  private(set) var items: [Item] = []
  private var numbers: [Item: Int] = [:]
  private var byStorage: [UnsafeRawPointer: (item: Item, number: Int)] = [:]
  private let attributes: (Item) -> [Tag]

  init(attributes: @escaping (Item) -> [Tag]) { self.attributes = attributes }

  /// The number of `item`, added if new.
  mutating func number(of item: Item) -> Int {
    // The items seen are kept in `byStorage`, so no address in it can be freed and reused.
    let storage = attributes(item).withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    if let storage, let seen = byStorage[storage], seen.item == item { return seen.number }
    let number = numbers[item] ?? {
      numbers[item] = items.count
      items.append(item)
      return items.count - 1
    }()
    if let storage { byStorage[storage] = (item, number) }
    return number
  }
}
