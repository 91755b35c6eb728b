import TraceFormats
import TraceModel

/// Writes a block's spans as OTLP protobuf straight from the columns, trace by trace: the bytes
/// `OTLPProtoBytes.appendSpan` makes of the spans `SpanColumnReader.trace` gives, with no `Span`
/// made. Making each span, freeing it, and parsing its ids' hex text back into bytes were half of
/// decoding the real sample to protobuf.
///
/// A span whose OTLP form depends on more than its columns (no stored kind or status, which the
/// OTLP writers derive from its tags and logs) or an id that OTLP cannot hold throws
/// `NeedsSpans`: the caller then decodes the block through `Span`s, which gives those spans, and
/// the writer's error for that id in input order.
struct SpanProtobufWriter {
  struct NeedsSpans: Error {}

  private var reader: SpanColumnReader
  /// Operation and event names as their `Span.name` and `Event.name` fields.
  private let operationFields: [[UInt8]], eventNameFields: [[UInt8]]
  private var spanIDs: [IDForm.OTLPValue] = []

  init(_ reader: SpanColumnReader) {
    self.reader = reader
    func fields(_ names: [String], number: Int) -> [[UInt8]] {
      names.map { name in
        var field = ProtoWriter()
        field.string(name, field: number)
        return field.bytes
      }
    }
    operationFields = fields(reader.operationNames, number: 5)
    eventNameFields = fields(reader.logEventNames, number: 2)
    self.reader.tags.prepareForProtobuf()
    self.reader.logFields.prepareForProtobuf()
  }

  /// Appends the next trace's spans to `out`, each a `ScopeSpans.spans` field, and each one's end
  /// to `spanEnds`.
  mutating func writeTrace(spanCount: Int, to out: inout ProtoWriter, spanEnds: inout [Int]) throws {
    let traceID = try IDForm.readOTLP(forms: &reader.idForms, bits: &reader.traceIDs)
    let traceStart = try reader.nextTraceStart(spanCount: spanCount)
    spanIDs.removeAll(keepingCapacity: true)
    for _ in 0..<spanCount { spanIDs.append(try IDForm.readOTLP(forms: &reader.idForms, bits: &reader.spanIDs)) }
    for position in 0..<spanCount {
      let parentID: IDForm.OTLPValue?
      switch try reader.parents.varint() {
      case 0: parentID = nil
      case 1: parentID = try IDForm.readOTLP(forms: &reader.idForms, bits: &reader.parentIDs)
      case let code: parentID = spanIDs[try reader.parentPosition(code: code, at: position, spanCount: spanCount)]
      }
      let fields = try reader.scalars(traceStart: traceStart)
      reader.logs.removeAll(keepingCapacity: true)
      for _ in 0..<fields.logCount { reader.logs.append(try reader.log(start: fields.start)) }
      try reader.readOTLPFields(logCount: fields.logCount)
      // Read in place: a copy of the span retained each of its strings.
      guard let kind = reader.scratch.kind, reader.scratch.status != nil || fields.status == 0 else {
        throw NeedsSpans()
      }

      let span = out.beginMessage(2, lengthBytes: OTLPProtoBytes.spanLengthBytes)
      try Self.write(traceID, field: 1, byteCount: 16, to: &out)
      try Self.write(spanIDs[position], field: 2, byteCount: 8, to: &out)
      out.string(reader.scratch.traceState, field: 3)
      if let parentID { try Self.write(parentID, field: 4, byteCount: 8, to: &out) }
      out.bytes.append(contentsOf: operationFields[fields.operation])
      out.enumValue(kind.rawValue, field: 6)
      out.fixed64(UInt64(bitPattern: fields.start), field: 7)
      out.fixed64(UInt64(bitPattern: fields.end), field: 8)
      reader.tags.writeNextProtobuf(field: 9, to: &out)
      out.uint32(reader.scratch.droppedAttributesCount, field: 10)
      for index in reader.logs.indices {
        let log = reader.logs[index]
        let event = out.beginMessage(11, lengthBytes: 1)
        out.fixed64(UInt64(bitPattern: log.timeNanos), field: 1)
        out.bytes.append(contentsOf: eventNameFields[log.event])
        reader.logFields.writeNextProtobuf(field: 3, to: &out)
        out.uint32(reader.scratch.logs[index].droppedAttributesCount, field: 4)
        out.endMessage(event)
      }
      out.uint32(reader.scratch.droppedEventsCount, field: 12)
      do {
        try OTLPProtoBytes.appendLinks(reader.scratch.links, to: &out)
      } catch is IDMappingError {
        throw NeedsSpans()
      }
      out.uint32(reader.scratch.droppedLinksCount, field: 14)
      if let status = reader.scratch.status { OTLPProtoBytes.appendStatus(status, to: &out) }
      out.fixed32(reader.scratch.flags, field: 16)
      out.endMessage(span)
      spanEnds.append(out.bytes.count)
    }
  }

  /// An id as `ProtoWriter.id` writes its text; `NeedsSpans` where that throws.
  private static func write(_ id: IDForm.OTLPValue, field: Int, byteCount: Int, to out: inout ProtoWriter) throws {
    switch id {
    case .number(let high, let low, let digits):
      guard let packed = OTLPIDMapping.packed(high: high, low: low, digits: digits, byteCount: byteCount) else {
        throw NeedsSpans()
      }
      out.packedID(high: packed.high, low: packed.low, field: field, byteCount: byteCount)
    case .text(let text):
      do {
        let mapping = byteCount == 16 ? OTLPIDMapping.traceID : OTLPIDMapping.spanID
        try out.id(text, field: field, byteCount: byteCount, mapping: mapping)
      } catch is IDMappingError {
        throw NeedsSpans()
      }
    }
  }

  func expectEnd() throws { try reader.expectEnd() }
}
