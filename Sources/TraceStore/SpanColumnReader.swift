import TraceModel

/// Reads the per-trace and per-span columns back, one trace at a time.
struct SpanColumnReader {
  private var idForms, parents: ColumnReader
  private var traceIDs, spanIDs, parentIDs: BitReader
  private var services, operations, traceStarts, statusCodes: ColumnReader
  private var startOffsets, durations: GroupedValuesReader
  private var logCounts, logTimes, logEvents: ColumnReader
  private let serviceNames, operationNames, logEventNames: [String]
  private var tags, logFields: AttributeDecoder
  private var otlpFields: OTLPFieldsDecoder
  private var previousTraceStart: Int64 = 0

  init(columns: inout BlockColumns, spanCount: Int) throws {
    idForms = columns.reader(.idForms)
    traceIDs = columns.bits(.traceIDs)
    spanIDs = columns.bits(.spanIDs)
    parents = columns.reader(.parents)
    parentIDs = columns.bits(.parentIDs)
    var dictionary = columns.reader(.serviceDictionary)
    serviceNames = try dictionary.dictionary()
    dictionary = columns.reader(.operationDictionary)
    operationNames = try dictionary.dictionary()
    dictionary = columns.reader(.logEventDictionary)
    logEventNames = try dictionary.dictionary()
    services = columns.reader(.services)
    operations = columns.reader(.operations)
    traceStarts = columns.reader(.traceStarts)
    var operationCounts = [Int](repeating: 0, count: operationNames.count)
    var scan = operations
    guard spanCount <= scan.remaining else { throw scan.failure("\(spanCount) operations expected") }
    for _ in 0..<spanCount { operationCounts[try scan.index(below: operationNames.count)] += 1 }
    var unitsReader = columns.reader(.timeUnits)
    let units = try unitsReader.raw(unitsReader.remaining)
    guard units.isEmpty || units.count == 2 * operationNames.count else {
      throw unitsReader.failure("\(units.count) time units for \(operationNames.count) operations")
    }
    let half = units.startIndex + units.count / 2
    startOffsets = try GroupedValuesReader(
      columns.reader(.startOffsets), counts: operationCounts, exponents: units[..<half], signed: false)
    durations = try GroupedValuesReader(
      columns.reader(.durations), counts: operationCounts, exponents: units[half...], signed: true)
    statusCodes = columns.reader(.statusCodes)
    logCounts = columns.reader(.logCounts)
    logTimes = columns.reader(.logTimes)
    logEvents = columns.reader(.logEvents)
    tags = try AttributeDecoder(.tags, recordCount: spanCount, columns: &columns)
    var counts = logCounts
    var logTotal = 0
    for _ in 0..<spanCount { logTotal += try counts.count(atMost: logTimes.remaining - logTotal) }
    logFields = try AttributeDecoder(.logFields, recordCount: logTotal, columns: &columns)
    otlpFields = try OTLPFieldsDecoder(columns: &columns, spanCount: spanCount)
  }

  /// See `OTLPFieldsDecoder.requestEntries`.
  var requestEntries: [RequestEntry] { otlpFields.requestEntries }

  mutating func trace(spanCount: Int) throws -> [Span] {
    let traceID = try IDForm.read(forms: &idForms, bits: &traceIDs)
    let traceStart = previousTraceStart &+ (try traceStarts.signed())
    previousTraceStart = traceStart
    guard spanCount <= spanIDs.remainingBits / 8 else { throw spanIDs.failure("\(spanCount) span ids expected") }
    let ids = try (0..<spanCount).map { _ in try IDForm.read(forms: &idForms, bits: &spanIDs) }
    var spans: [Span] = []
    spans.reserveCapacity(spanCount)
    for position in 0..<spanCount {
      let parentID = try parent(at: position, ids: ids)
      let service = serviceNames[try services.index(below: serviceNames.count)]
      let operationNumber = try operations.index(below: operationNames.count)
      let operation = operationNames[operationNumber]
      let start = traceStart &+ startOffsets.next(group: operationNumber)
      let end = start &+ durations.next(group: operationNumber)
      guard let status = Int(exactly: try statusCodes.signed()) else { throw statusCodes.failure("status") }
      let tagList = tags.next()
      var logs: [LogEvent] = []
      let logCount = try logCounts.count(atMost: logTimes.remaining)
      for _ in 0..<logCount {
        let time = start &+ (try logTimes.signed())
        let event = logEventNames[try logEvents.index(below: logEventNames.count)]
        logs.append(LogEvent(timestampNanos: time, event: event, fields: logFields.next()))
      }
      var span = Span(
        traceID: traceID, spanID: ids[position], parentSpanID: parentID, serviceName: service,
        operationName: operation, startTimeNanos: start, endTimeNanos: end, tags: tagList, logs: logs,
        statusCode: status)
      try otlpFields.read(into: &span)
      spans.append(span)
    }
    return spans
  }

  private mutating func parent(at position: Int, ids: [String]) throws -> String? {
    let code = try parents.varint()
    switch code {
    case 0: return nil
    case 1: return try IDForm.read(forms: &idForms, bits: &parentIDs)
    default:
      let delta = Varint.unzigzag(code - 1)
      let (parentPosition, overflow) = Int64(position).subtractingReportingOverflow(delta)
      guard !overflow, parentPosition >= 0, parentPosition < ids.count, parentPosition != position else {
        throw parents.failure("parent delta \(delta) leaves the trace")
      }
      return ids[Int(parentPosition)]
    }
  }

  func expectEnd() throws {
    for reader in [
      idForms, parents, services, operations, traceStarts, statusCodes, logCounts, logTimes, logEvents,
    ] {
      try reader.expectEnd()
    }
    for reader in [traceIDs, spanIDs, parentIDs] { try reader.expectEnd() }
    try otlpFields.expectEnd()
  }
}
