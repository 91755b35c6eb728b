import TraceFormats
import TraceJSON
import TraceModel

/// Reads the per-trace and per-span columns back, one trace at a time.
struct SpanColumnReader {
  // Internal, not private, for the protobuf writer (`SpanProtobufWriter`).
  var idForms, parents: ColumnReader
  var traceIDs, spanIDs, parentIDs: BitReader
  private var services, operations, traceStarts, statusCodes: ColumnReader
  private var startOffsets, durations: GroupedValuesReader
  private var logCounts, logTimes, logEvents: ColumnReader
  let serviceNames, operationNames, logEventNames: [String]
  var tags, logFields: AttributeDecoder
  var otlpFields: OTLPFieldsDecoder
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
    let traceStart = try nextTraceStart(spanCount: spanCount)
    let ids = try (0..<spanCount).map { _ in try IDForm.read(forms: &idForms, bits: &spanIDs) }
    var spans: [Span] = []
    spans.reserveCapacity(spanCount)
    for position in 0..<spanCount {
      let parentID = try parent(at: position, ids: ids)
      let fields = try scalars(traceStart: traceStart)
      let tagList = tags.next()
      var logs: [LogEvent] = []
      for _ in 0..<fields.logCount {
        let (time, event) = try log(start: fields.start)
        logs.append(LogEvent(timestampNanos: time, event: logEventNames[event], fields: logFields.next()))
      }
      var span = Span(
        traceID: traceID, spanID: ids[position], parentSpanID: parentID,
        serviceName: serviceNames[fields.service], operationName: operationNames[fields.operation],
        startTimeNanos: fields.start, endTimeNanos: fields.end, tags: tagList, logs: logs,
        statusCode: fields.status)
      try otlpFields.read(into: &span)
      spans.append(span)
    }
    return spans
  }

  /// A span's own scalar columns, read: what its `Span` and its JSONL line are both made from.
  struct Scalars {
    var service, operation, status, logCount: Int
    var start, end: Int64
  }

  mutating func nextTraceStart(spanCount: Int) throws -> Int64 {
    let traceStart = previousTraceStart &+ (try traceStarts.signed())
    previousTraceStart = traceStart
    guard spanCount <= spanIDs.remainingBits / 8 else { throw spanIDs.failure("\(spanCount) span ids expected") }
    return traceStart
  }

  mutating func scalars(traceStart: Int64) throws -> Scalars {
    let service = try services.index(below: serviceNames.count)
    let operation = try operations.index(below: operationNames.count)
    let start = traceStart &+ startOffsets.next(group: operation)
    let end = start &+ durations.next(group: operation)
    guard let status = Int(exactly: try statusCodes.signed()) else { throw statusCodes.failure("status") }
    let logCount = try logCounts.count(atMost: logTimes.remaining)
    return Scalars(service: service, operation: operation, status: status, logCount: logCount, start: start, end: end)
  }

  /// A log event's time and event name number.
  mutating func log(start: Int64) throws -> (timeNanos: Int64, event: Int) {
    let time = start &+ (try logTimes.signed())
    return (time, try logEvents.index(below: logEventNames.count))
  }

  // MARK: JSONL lines straight from the columns

  /// What the line writer prepares once per block: names as JSON strings.
  private var serviceJSON: [[UInt8]] = [], operationJSON: [[UInt8]] = [], logEventJSON: [[UInt8]] = []
  /// A span whose OTLP fields are read into it and dropped: JSONL has no place for them, but
  /// their columns are read, and checked, all the same.
  var scratch = Span(
    traceID: "", spanID: "", parentSpanID: nil, serviceName: "", operationName: "", startTimeNanos: 0,
    endTimeNanos: 0)
  /// The current trace's ID texts, one after another, and where each ends: the trace's, its
  /// spans', then parents outside the trace.
  private var idText: [UInt8] = [], idEnds: [Int] = []
  var logs: [(timeNanos: Int64, event: Int)] = []

  mutating func prepareForJSON() {
    serviceJSON = serviceNames.map(JSONWriter.stringBytes)
    operationJSON = operationNames.map(JSONWriter.stringBytes)
    logEventJSON = logEventNames.map(JSONWriter.stringBytes)
    tags.prepareForJSON()
    logFields.prepareForJSON()
  }

  /// Writes the next trace's spans as the seed's JSONL lines, as `SpanJSONWriter.write` writes the
  /// spans `trace(spanCount:)` gives, each appended to `out` and its end appended to `lineEnds`.
  mutating func writeTrace(spanCount: Int, to out: inout [UInt8], lineEnds: inout [Int]) throws {
    idText.removeAll(keepingCapacity: true)
    idEnds.removeAll(keepingCapacity: true)
    try appendID(.trace)
    let traceStart = try nextTraceStart(spanCount: spanCount)
    for _ in 0..<spanCount { try appendID(.span) }
    for position in 0..<spanCount {
      let parentID = try parentText(at: position, spanCount: spanCount)
      let fields = try scalars(traceStart: traceStart)
      logs.removeAll(keepingCapacity: true)
      for _ in 0..<fields.logCount { logs.append(try log(start: fields.start)) }
      try readOTLPFields(logCount: fields.logCount)
      let ranges = (trace: idRange(0), span: idRange(1 + position), parent: parentID.map(idRange))
      var capacity = SpanJSONWriter.lineFrameBytes + serviceJSON[fields.service].count
        + operationJSON[fields.operation].count + tags.nextMaxBytes() + logFields.nextMaxBytes(count: logs.count)
      // Quotes and every byte escaped at worst; a root's parent is `null`.
      capacity += 2 + 6 * ranges.trace.count + 2 + 6 * ranges.span.count + (ranges.parent.map { 2 + 6 * $0.count } ?? 4)
      for log in logs { capacity += 1 + 32 + SpanJSONWriter.integerBytes + logEventJSON[log.event].count }
      withUnsafeMutablePointer(to: &tags) { tags in
        withUnsafeMutablePointer(to: &logFields) { logFields in
          idText.withUnsafeBufferPointer { idText in
            let line = StoredLine(
              ids: idText, ranges: ranges, serviceName: serviceJSON[fields.service],
              operationName: operationJSON[fields.operation], fields: fields, logs: logs,
              logEventJSON: logEventJSON, tags: tags, logFields: logFields, maxLineBytes: capacity)
            ByteCursor.append(to: &out, capacity: capacity) { _ = SpanJSONWriter.write(line, to: &$0) }
          }
        }
      }
      lineEnds.append(out.count)
    }
  }

  /// Reads the span's OTLP fields into `scratch`, its `logCount` events placeholders that get
  /// only their dropped-attribute counts.
  mutating func readOTLPFields(logCount: Int) throws {
    scratch.logs.removeAll(keepingCapacity: true)
    scratch.logs.append(contentsOf: repeatElement(LogEvent(timestampNanos: 0, event: ""), count: logCount))
    scratch.links.removeAll(keepingCapacity: true)
    // Set only when stored: what the previous span had must not stay.
    scratch.kind = nil
    scratch.status = nil
    try otlpFields.read(into: &scratch)
  }

  private enum IDColumn { case trace, span, parent }

  private mutating func appendID(_ column: IDColumn) throws {
    switch column {
    case .trace: try IDForm.appendText(forms: &idForms, bits: &traceIDs, to: &idText)
    case .span: try IDForm.appendText(forms: &idForms, bits: &spanIDs, to: &idText)
    case .parent: try IDForm.appendText(forms: &idForms, bits: &parentIDs, to: &idText)
    }
    idEnds.append(idText.count)
  }

  private func idRange(_ number: Int) -> Range<Int> { (number == 0 ? 0 : idEnds[number - 1])..<idEnds[number] }

  /// The number of the parent's ID in `idEnds` (a span of the trace, or one read now), or nil for a
  /// root: the parent column read as `parent(at:ids:)` reads it.
  private mutating func parentText(at position: Int, spanCount: Int) throws -> Int? {
    let code = try parents.varint()
    switch code {
    case 0: return nil
    case 1:
      try appendID(.parent)
      return idEnds.count - 1
    default:
      return 1 + (try parentPosition(code: code, at: position, spanCount: spanCount))
    }
  }

  /// A line's values, the IDs as text in `ids` and names already JSON strings, the tags and log
  /// fields taken from their decoders as the line is written.
  private struct StoredLine: SpanLineValues {
    let ids: UnsafeBufferPointer<UInt8>
    let ranges: (trace: Range<Int>, span: Range<Int>, parent: Range<Int>?)
    let serviceName: [UInt8], operationName: [UInt8]
    let fields: Scalars
    let logs: [(timeNanos: Int64, event: Int)]
    let logEventJSON: [[UInt8]]
    let tags: UnsafeMutablePointer<AttributeDecoder>
    let logFields: UnsafeMutablePointer<AttributeDecoder>
    let maxLineBytes: Int

    var startTimeNanos: Int64 { fields.start }
    var endTimeNanos: Int64 { fields.end }
    var statusCode: Int { fields.status }

    private func id(_ range: Range<Int>, to cursor: inout ByteCursor) {
      JSONWriter.string(utf8: UnsafeBufferPointer(rebasing: ids[range]), to: &cursor)
    }

    func traceID(to cursor: inout ByteCursor) { id(ranges.trace, to: &cursor) }
    func spanID(to cursor: inout ByteCursor) { id(ranges.span, to: &cursor) }
    func parentSpanID(to cursor: inout ByteCursor) {
      if let parent = ranges.parent { id(parent, to: &cursor) } else { cursor.copy("null") }
    }
    func serviceName(to cursor: inout ByteCursor) { serviceName.withUnsafeBufferPointer { cursor.copy($0) } }
    func operationName(to cursor: inout ByteCursor) { operationName.withUnsafeBufferPointer { cursor.copy($0) } }
    func tagMembers(to cursor: inout ByteCursor) { tags.pointee.writeNext(commaFirst: false, to: &cursor) }

    func logObjects(to cursor: inout ByteCursor) {
      for (index, log) in logs.enumerated() {
        if index > 0 { cursor.byte(UInt8(ascii: ",")) }
        SpanJSONWriter.log(
          timestampNanos: log.timeNanos,
          event: { cursor in logEventJSON[log.event].withUnsafeBufferPointer { cursor.copy($0) } },
          fields: { logFields.pointee.writeNext(commaFirst: true, to: &$0) }, to: &cursor)
      }
    }
  }

  private mutating func parent(at position: Int, ids: [String]) throws -> String? {
    let code = try parents.varint()
    switch code {
    case 0: return nil
    case 1: return try IDForm.read(forms: &idForms, bits: &parentIDs)
    default: return ids[try parentPosition(code: code, at: position, spanCount: ids.count)]
    }
  }

  /// The position in the trace of the parent a parent code of 2 or more names: its delta back.
  func parentPosition(code: UInt64, at position: Int, spanCount: Int) throws -> Int {
    let delta = Varint.unzigzag(code - 1)
    let (parentPosition, overflow) = Int64(position).subtractingReportingOverflow(delta)
    guard !overflow, parentPosition >= 0, parentPosition < spanCount, parentPosition != position else {
      throw parents.failure("parent delta \(delta) leaves the trace")
    }
    return Int(parentPosition)
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
