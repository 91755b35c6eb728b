import TraceModel

/// Reads back what `OTLPFieldsEncoder` wrote, span by span.
struct OTLPFieldsDecoder {
  private var kinds, flags, traceStates, statuses, statusMessages, droppedCounts: ColumnReader
  private var linkCounts, linkIDForms, linkFields, resourceRefs, scopeRefs: ColumnReader
  private var linkIDs: BitReader
  private let traceStateNames, statusMessageNames: [String]
  private var linkAttributes: AttributeDecoder
  private let resources: [Resource]
  private let scopes: [InstrumentationScope]
  /// The block's request structure, resolved; empty when its spans did not arrive as requests.
  let requestEntries: [RequestEntry]

  init(columns: inout BlockColumns, spanCount: Int) throws {
    kinds = columns.reader(.kinds)
    flags = columns.reader(.flags)
    traceStates = columns.reader(.traceStates)
    statuses = columns.reader(.statuses)
    statusMessages = columns.reader(.statusMessages)
    droppedCounts = columns.reader(.droppedCounts)
    linkCounts = columns.reader(.linkCounts)
    linkIDForms = columns.reader(.linkIDForms)
    linkIDs = columns.bits(.linkIDs)
    linkFields = columns.reader(.linkFields)
    resourceRefs = columns.reader(.resourceRefs)
    scopeRefs = columns.reader(.scopeRefs)
    var dictionary = columns.reader(.traceStateDictionary)
    traceStateNames = try dictionary.dictionary()
    dictionary = columns.reader(.statusMessageDictionary)
    statusMessageNames = try dictionary.dictionary()
    var counts = linkCounts
    var linkTotal = 0
    for _ in 0..<spanCount { linkTotal += try counts.count(atMost: linkFields.remaining - linkTotal) }
    linkAttributes = try AttributeDecoder(.linkAttributes, recordCount: linkTotal, columns: &columns)
    var fields = columns.reader(.resourceScopeFields)
    let structure = try RawRequestEntry.entries(columns.reader(.requestStructure), spanCount: spanCount)
    let resourceCount = try Self.distinctCount(resourceRefs, spanCount: spanCount, after: structure.resourceCount)
    var resourceAttributes = try AttributeDecoder(.resourceAttributes, recordCount: resourceCount, columns: &columns)
    resources = try (0..<resourceCount).map { _ in
      Resource(attributes: resourceAttributes.next(), droppedAttributesCount: try fields.uint32())
    }
    let scopeCount = try Self.distinctCount(scopeRefs, spanCount: spanCount, after: structure.scopeCount)
    var scopeAttributes = try AttributeDecoder(.scopeAttributes, recordCount: scopeCount, columns: &columns)
    scopes = try (0..<scopeCount).map { _ in
      let attributes = scopeAttributes.next()
      return InstrumentationScope(
        name: try fields.string(), version: try fields.string(), attributes: attributes,
        droppedAttributesCount: try fields.uint32())
    }
    try fields.expectEnd()
    var urls = columns.reader(.schemaURLDictionary)
    let schemaURLs = try urls.dictionary()
    requestEntries = try Self.resolve(
      structure.entries, resources: resources, scopes: scopes, schemaURLs: schemaURLs,
      column: columns.reader(.requestStructure))
  }

  private static func resolve(
    _ entries: [RawRequestEntry], resources: [Resource], scopes: [InstrumentationScope],
    schemaURLs: [String], column: ColumnReader
  ) throws -> [RequestEntry] {
    try entries.map { entry in
      if entry.kind == 0 { return .request }
      if entry.kind == 3 { return .spans(entry.value) }
      guard entry.schemaURL < schemaURLs.count else {
        throw column.failure("schema URL \(entry.schemaURL) of \(schemaURLs.count)")
      }
      let url = schemaURLs[entry.schemaURL]
      if entry.kind == 1 {
        return .resourceGroup(entry.value == 0 ? nil : resources[entry.value - 1], schemaURL: url)
      }
      return .scopeGroup(entry.value == 0 ? nil : scopes[entry.value - 1], schemaURL: url)
    }
  }

  /// How many distinct items a reference column numbers: new ones appear in order, so the largest
  /// reference, and no reference may skip ahead of it. The groups of column 34 number theirs
  /// first (`known`); spans of a group a previous block opened add theirs after.
  private static func distinctCount(_ references: ColumnReader, spanCount: Int, after known: Int) throws -> Int {
    var reader = references
    var count = known
    for _ in 0..<spanCount {
      let reference = try reader.index(below: count + 2)
      if reference == count + 1 { count += 1 }
    }
    return count
  }

  mutating func read(into span: inout Span) throws {
    let kind = try kinds.varint()
    if kind > 0 {
      guard let raw = Int32(exactly: Varint.unzigzag(kind - 1)) else { throw kinds.failure("kind \(kind)") }
      span.kind = SpanKind(rawValue: raw)
    }
    span.traceState = traceStateNames[try traceStates.index(below: traceStateNames.count)]
    let flagBits = try flags.varint()
    guard flagBits >> 33 == 0 else { throw flags.failure("flags beyond bit 32") }
    span.flags = UInt32(truncatingIfNeeded: flagBits)
    span.timingUnknown = flagBits >> 32 == 1
    let status = try statuses.varint()
    if status > 0 {
      guard let code = Int32(exactly: Varint.unzigzag(status - 1)) else { throw statuses.failure("code \(status)") }
      let message = statusMessageNames[try statusMessages.index(below: statusMessageNames.count)]
      span.status = SpanStatus(code: SpanStatus.Code(rawValue: code), message: message)
    }
    span.droppedAttributesCount = try droppedCounts.uint32()
    span.droppedEventsCount = try droppedCounts.uint32()
    span.droppedLinksCount = try droppedCounts.uint32()
    for index in span.logs.indices { span.logs[index].droppedAttributesCount = try droppedCounts.uint32() }
    let linkCount = try linkCounts.count(atMost: linkFields.remaining)
    for _ in 0..<linkCount {
      var link = SpanLink(
        traceID: try IDForm.read(forms: &linkIDForms, bits: &linkIDs),
        spanID: try IDForm.read(forms: &linkIDForms, bits: &linkIDs))
      link.traceState = traceStateNames[try linkFields.index(below: traceStateNames.count)]
      link.flags = try linkFields.uint32()
      link.droppedAttributesCount = try linkFields.uint32()
      link.attributes = linkAttributes.next()
      span.links.append(link)
    }
    let resource = try resourceRefs.index(below: resources.count + 1)
    span.resource = resource == 0 ? nil : resources[resource - 1]
    let scope = try scopeRefs.index(below: scopes.count + 1)
    span.scope = scope == 0 ? nil : scopes[scope - 1]
  }

  func expectEnd() throws {
    for reader in [
      kinds, flags, traceStates, statuses, statusMessages, droppedCounts, linkCounts, linkIDForms,
      linkFields, resourceRefs, scopeRefs,
    ] {
      try reader.expectEnd()
    }
    try linkIDs.expectEnd()
  }
}

extension ColumnReader {
  mutating func uint32() throws -> UInt32 {
    let value = try varint()
    guard let narrow = UInt32(exactly: value) else { throw failure("\(value) does not fit 32 bits") }
    return narrow
  }
}
