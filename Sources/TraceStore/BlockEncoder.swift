import TraceModel

/// Turns the spans of one block into its columns.
///
/// Spans are grouped by trace, traces in order of first appearance and the spans of a trace in
/// input order; `ColumnID.traceOrder` records which trace each input span belonged to, which is
/// all the decoder needs to restore the input order. Within a trace, a parent is a position delta
/// and times are offsets from the trace's earliest start, so the trace's absolute time and its IDs
/// are the only large numbers left.
enum BlockEncoder {
  /// `structure` is how the spans arrived in OTLP requests, or empty for flat spans. With
  /// `threads` above 1 the two sets of columns are filled at once; with 1, one after the other on
  /// the calling thread (analyze's trace-store sink: the runner owns the threads).
  static func columns(of spans: [Span], structure: [RequestEntry] = [], threads: Int)
    -> (columns: BlockColumns, traceCount: Int)
  {
    var traceNumbers: [String: Int] = [:]
    var traces: [[Int]] = []
    var order = ColumnBuffer()
    // Spans are read through the buffer's address, never copied out: each copy of a span retained
    // and released its every string and array, a third of this encoder's time on the real sample.
    spans.withUnsafeBufferPointer { spans in
      // A trace's spans mostly come one after another, so the previous span's trace is tried
      // first: a comparison of the ID instead of hashing it again.
      var previous: (index: Int, number: Int)?
      for index in spans.indices {
        if let previous, spans[previous.index].traceID == spans[index].traceID {
          order.varint(traces.count - previous.number)
          traces[previous.number].append(index)
        } else if let number = traceNumbers[spans[index].traceID] {
          order.varint(traces.count - number)
          traces[number].append(index)
          previous = (index, number)
        } else {
          previous = (index, traces.count)
          order.varint(0)
          traceNumbers[spans[index].traceID] = traces.count
          traces.append([index])
        }
      }
    }
    // The attribute and OTLP columns need nothing the others hold, so the two sets are filled on
    // two cores at once: the last block of a file was encoded on one while the other waited.
    let grouped = traces
    @Sendable func half(_ attributes: Bool) -> BlockColumns {
      var columns = BlockColumns()
      spans.withUnsafeBufferPointer { spans in
        if attributes {
          var writer = AttributeColumnWriter(otlpFields: OTLPFieldsEncoder(structure: structure))
          for trace in grouped { writer.append(trace: trace, of: spans) }
          writer.columns(into: &columns)
        } else {
          var writer = SpanColumnWriter()
          for trace in grouped { writer.append(trace: trace, of: spans) }
          writer.columns(into: &columns)
        }
      }
      return columns
    }
    let halves =
      threads > 1
      // The closure cannot throw: every result is a success.
      ? ConcurrentResults.map([false, true], half).compactMap { try? $0.get() } : [half(false), half(true)]
    var columns = BlockColumns()
    columns.append(.traceOrder, order.bytes)
    for half in halves {
      for (id, bytes) in half.columns { columns.append(id, bytes) }
    }
    return (columns, traces.count)
  }
}

/// The attribute columns of spans and log events and the OTLP fields, filled in the order
/// `SpanColumnWriter` fills the others (trace by trace, spans of a trace in input order).
private struct AttributeColumnWriter {
  var tags = AttributeEncoder(.tags)
  var logFields = AttributeEncoder(.logFields)
  var otlpFields: OTLPFieldsEncoder

  init(otlpFields: OTLPFieldsEncoder) { self.otlpFields = otlpFields }

  mutating func append(trace: [Int], of spans: UnsafeBufferPointer<Span>) {
    for index in trace { append(spans.baseAddress! + index) }
  }

  /// `span` is read through its address in the block's buffer: passed as a value, the span was
  /// copied, each of its strings and arrays retained and released (a twentieth of encoding).
  private mutating func append(_ span: UnsafePointer<Span>) {
    tags.append(span.pointee.tags)
    for log in span.pointee.logs { logFields.append(log.fields) }
    otlpFields.append(span)
  }

  func columns(into block: inout BlockColumns) {
    tags.columns(into: &block)
    logFields.columns(into: &block)
    otlpFields.columns(into: &block)
  }
}

/// The per-trace and per-span columns but `AttributeColumnWriter`'s, filled one trace at a time.
private struct SpanColumnWriter {
  var idForms = ColumnBuffer(), traceIDs = BitBuffer(), spanIDs = BitBuffer()
  var parents = ColumnBuffer(), parentIDs = BitBuffer()
  var serviceNames = StringDictionary(), services = ColumnBuffer()
  var operationNames = StringDictionary(), operations = ColumnBuffer()
  var traceStarts = ColumnBuffer()
  var startOffsets = GroupedValuesWriter(signed: false), durations = GroupedValuesWriter(signed: true)
  var statusCodes = ColumnBuffer()
  var logCounts = ColumnBuffer(), logTimes = ColumnBuffer()
  var logEventNames = StringDictionary(), logEvents = ColumnBuffer()
  var previousTraceStart: Int64 = 0

  /// The spans at `trace` (input positions) of `spans`, read in place: copying each trace's spans
  /// out first retained and released every string of every span, 5% of encoding generated data.
  mutating func append(trace: [Int], of spans: UnsafeBufferPointer<Span>) {
    IDForm.append(spans[trace[0]].traceID, forms: &idForms, bits: &traceIDs)
    let positions = SpanPositions(trace: trace, of: spans)
    let traceStart = trace.lazy.map { spans[$0].startTimeNanos }.min() ?? 0
    traceStarts.signed(traceStart &- previousTraceStart)
    previousTraceStart = traceStart
    // All span IDs of the trace come before its parents' escapes, so a decoder knows every ID a
    // parent delta can point to, before or after the child, when it reads the parents.
    for index in trace { IDForm.append(spans[index].spanID, forms: &idForms, bits: &spanIDs) }
    for (position, index) in trace.enumerated() {
      append(spans.baseAddress! + index, at: position, traceStart: traceStart, positions: positions)
    }
  }

  /// One span's per-span columns; `span` is read through its address in the block's buffer, as
  /// `AttributeColumnWriter` reads it, never copied.
  private mutating func append(
    _ span: UnsafePointer<Span>, at position: Int, traceStart: Int64, positions: SpanPositions
  ) {
    appendParent(of: span, at: position, positions: positions)
    services.varint(serviceNames.number(of: span.pointee.serviceName))
    let operation = operationNames.number(of: span.pointee.operationName)
    operations.varint(operation)
    let startTimeNanos = span.pointee.startTimeNanos
    startOffsets.append(startTimeNanos &- traceStart, group: operation)
    durations.append(span.pointee.endTimeNanos &- startTimeNanos, group: operation)
    statusCodes.signed(Int64(span.pointee.statusCode))
    logCounts.varint(span.pointee.logs.count)
    for log in span.pointee.logs {
      logTimes.signed(log.timestampNanos &- startTimeNanos)
      logEvents.varint(logEventNames.number(of: log.event))
    }
  }

  /// 0 for no parent, 1 for a parent outside the trace (its ID in `parentIDs`), else the zigzag
  /// of the position delta plus one: a parent after its child, as in arrival order, is negative.
  private mutating func appendParent(of span: UnsafePointer<Span>, at position: Int, positions: SpanPositions) {
    guard let parentID = span.pointee.parentSpanID else { return parents.varint(0) }
    if let parentPosition = positions.first(of: parentID), parentPosition != position {
      parents.varint(Varint.zigzag(Int64(position - parentPosition)) + 1)
    } else {
      parents.varint(1)
      IDForm.append(parentID, forms: &idForms, bits: &parentIDs)
    }
  }

  func columns(into block: inout BlockColumns) {
    block.append(.idForms, idForms.bytes)
    block.append(.traceIDs, traceIDs.bytes)
    block.append(.spanIDs, spanIDs.bytes)
    block.append(.parents, parents.bytes)
    block.append(.parentIDs, parentIDs.bytes)
    block.append(.serviceDictionary, serviceNames.entries.bytes)
    block.append(.services, services.bytes)
    block.append(.operationDictionary, operationNames.entries.bytes)
    block.append(.operations, operations.bytes)
    block.append(.traceStarts, traceStarts.bytes)
    let (startBytes, startUnits) = startOffsets.encoded()
    let (durationBytes, durationUnits) = durations.encoded()
    block.append(.startOffsets, startBytes)
    block.append(.durations, durationBytes)
    // All zero exponents leave the column out: what a version 1 decoder assumed.
    let units = startUnits + durationUnits
    block.append(.timeUnits, units.allSatisfy { $0 == 0 } ? [] : units)
    block.append(.statusCodes, statusCodes.bytes)
    block.append(.logCounts, logCounts.bytes)
    block.append(.logTimes, logTimes.bytes)
    block.append(.logEventDictionary, logEventNames.entries.bytes)
    block.append(.logEvents, logEvents.bytes)
  }
}

/// The position in its trace of each span ID's first span, for the parents' deltas.
///
/// Most traces are a few dozen spans at most, and a search through a fingerprint of each ID (its
/// UTF-8 folded eight bytes at a time) compares integers where a dictionary built per trace hashed
/// every ID twice (5% of encoding the real sample); a match is confirmed on the ID itself, so two
/// IDs of one fingerprint only cost a comparison. A longer trace gets the dictionary.
private struct SpanPositions {
  /// Traces up to this many spans are searched.
  static let searchedSpans = 64

  private let trace: [Int]
  private let spans: UnsafeBufferPointer<Span>
  private var fingerprints: [UInt64] = []
  private var table: [String: Int]?

  init(trace: [Int], of spans: UnsafeBufferPointer<Span>) {
    self.trace = trace
    self.spans = spans
    if trace.count <= Self.searchedSpans {
      fingerprints = trace.map { Self.fingerprint(spans[$0].spanID) }
      return
    }
    var table: [String: Int] = [:]
    for (position, index) in trace.enumerated() where table[spans[index].spanID] == nil {
      table[spans[index].spanID] = position
    }
    self.table = table
  }

  func first(of spanID: String) -> Int? {
    if let table { return table[spanID] }
    let fingerprint = Self.fingerprint(spanID)
    return fingerprints.indices.first {
      fingerprints[$0] == fingerprint && spans[trace[$0]].spanID == spanID
    }
  }

  /// FNV-1a's step over the ID's whole words, then its last bytes one at a time.
  private static func fingerprint(_ id: String) -> UInt64 {
    var id = id
    return id.withUTF8 { bytes in
      let raw = UnsafeRawBufferPointer(bytes)
      var hash = FNV1a64()
      var offset = 0
      while offset + 8 <= bytes.count {
        hash.add(word: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
      }
      hash.add(buffer: UnsafeBufferPointer(rebasing: bytes[offset...]))
      return hash.value
    }
  }
}
