import Foundation
import OTLPProto
import SwiftProtobuf
import TraceJSON
import TraceModel

/// Reads OTLP protobuf: one `TracesData` / `ExportTraceServiceRequest` message (the two have the
/// same wire bytes), or a stream of them each preceded by its length as 4 bytes big-endian, as the
/// Collector's file exporter writes with `format: proto`.
///
/// The layout is told by the first bytes (`OTLPProtobufLayout`). Records are parsed by swift-protobuf one at a
/// time; memory holds one record and its `TraceRequest`, or with `inParts` one record's bytes and
/// one of its `ResourceSpans`.
///
/// Errors name the file, the 1-based record and the byte offset where it starts (in the
/// decompressed bytes): a length prefix cut short, a record running past the end of the file, a
/// length beyond protobuf's 2 GiB limit, and whatever swift-protobuf rejects (truncated fields,
/// wrong wire types, invalid UTF-8 in strings), as well as ids of the wrong length.
enum OTLPProtobufReader {
  /// Protobuf cannot encode a message of 2 GiB or more; a prefix claiming one is corrupt.
  static let maxRecordBytes = Int(Int32.max)
  static let prefixBytes = 4

  /// Reads `source`, calling `onRequest` with each record's request in file order.
  static func read(_ source: SourceFile, onRequest: (TraceRequest) throws -> Void) throws
    -> ReadSummary
  {
    try read(source, inParts: false) { request, _ in try onRequest(request) }
  }

  /// Reads `source` as `read(_:onRequest:)` does; with `inParts` a record is handed over one
  /// `ResourceSpans` at a time, each as a request of that one group and `continuesRequest` true
  /// for all but the record's first. The real sample is one record of 86,583 spans: held whole as
  /// protobuf messages and then as spans, it took encoding past 256 MB.
  static func read(
    _ source: SourceFile, inParts: Bool, onPart: (TraceRequest, _ continuesRequest: Bool) throws -> Void
  ) throws -> ReadSummary {
    var summary = ReadSummary(format: .otlpProto, sourceTimestampUnit: .nanoseconds)
    let input = try source.open()
    let head = try input.peek(16)
    // A file of nothing but whitespace is empty whatever its format, as for the JSON readers.
    if try input.peek(TraceFormat.detectionPrefixBytes).allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }),
      try input.peek(TraceFormat.detectionPrefixBytes + 1).count <= TraceFormat.detectionPrefixBytes
    {
      return summary
    }
    guard let layout = OTLPProtobufLayout(prefix: head) else {
      throw source.error(
        record: 1, byteOffset: 0,
        "not OTLP protobuf: neither a TracesData message nor a 4-byte length-prefixed one starts "
          + "with " + head.prefix(5).map { "0x" + String($0, radix: 16) }.joined(separator: " "))
    }
    if layout == .message {
      var record: [UInt8] = []
      while true {
        let chunk = try input.read(upTo: SourceFile.chunkBytes)
        if chunk.isEmpty { break }
        record.append(contentsOf: chunk)
      }
      try readRecord(record, index: 1, offset: 0, source, inParts: inParts, &summary, onPart)
      return summary
    }
    var prefix = try input.read(upTo: prefixBytes)
    var offset = 0
    var index = 1
    while !prefix.isEmpty {
      guard prefix.count == prefixBytes else {
        throw source.error(
          record: index, byteOffset: offset,
          "the file ends inside a 4-byte length prefix (\(prefix.count) bytes left)")
      }
      let length = prefix.reduce(0) { $0 << 8 | Int($1) }
      guard length <= maxRecordBytes else {
        throw source.error(
          record: index, byteOffset: offset,
          "the length prefix claims \(length) bytes, beyond protobuf's 2 GiB message limit "
            + "(the file is not length-prefixed OTLP, or is corrupt)")
      }
      let record = try recordBytes(input, length)
      guard record.count == length else {
        throw source.error(
          record: index, byteOffset: offset,
          "the length prefix claims \(length) bytes but the file ends after \(record.count) "
            + "(truncated, or not length-prefixed OTLP)")
      }
      try readRecord(record, index: index, offset: offset, source, inParts: inParts, &summary, onPart)
      offset += prefixBytes + length
      index += 1
      prefix = try input.read(upTo: prefixBytes)
    }
    return summary
  }

  /// Records up to this size are read into an array of their size at once; a larger claim is read
  /// a chunk at a time, so a corrupt prefix allocates only what the file holds.
  static let directReadBytes = 1 << 26

  /// Up to `length` bytes of the record, fewer only at the end of the file. Read into an array of
  /// the record's size, a plain file's bytes come straight from the kernel: through
  /// `read(upTo:)` the sample's one 24 MB record was copied four times, growing a buffer as it
  /// went, before any group could be parsed (a seventh of encoding it).
  private static func recordBytes(_ input: DecompressingInput, _ length: Int) throws -> [UInt8] {
    guard length <= directReadBytes else { return try input.read(upTo: length) }
    return try [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
      initialized = try input.read(into: buffer)
    }
  }

  /// Reads `source` span by span, each with its resource and scope (`TraceRequest.spans`).
  static func read(_ source: SourceFile, _ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    try read(source) { request in
      for span in request.spans { try onSpan(span) }
    }
  }

  private static func readRecord(
    _ bytes: [UInt8], index: Int, offset: Int, _ source: SourceFile, inParts: Bool,
    _ summary: inout ReadSummary, _ onPart: (TraceRequest, Bool) throws -> Void
  ) throws {
    func placed<T>(_ body: () throws -> T) throws -> T {
      do {
        return try body()
      } catch let error as BinaryDecodingError {
        throw source.error(record: index, byteOffset: offset, "invalid protobuf: \(describe(error))")
      } catch let error as FieldError {
        throw source.error(record: index, byteOffset: offset, error.message)
      }
    }
    summary.documentCount += 1
    guard inParts, let ranges = resourceSpansFields(bytes), !ranges.isEmpty else {
      let request = try placed {
        try OTLPProtoDecoding.request(try OTLPTracesData(serializedBytes: bytes), summary: &summary)
      }
      summary.spanCount += request.spanCount
      return try onPart(request, false)
    }
    let groups = Array(ranges.enumerated().map { (number: $0.offset, range: $0.element) })
    for batchStart in stride(from: 0, to: groups.count, by: groupsPerBatch) {
      let batch = Array(groups[batchStart..<min(groups.count, batchStart + groupsPerBatch)])
      for (offset, parsed) in parse(batch, of: bytes).enumerated() {
        let (group, notes) = try placed { try parsed.get() }
        summary.normalizations.merge(notes, uniquingKeysWith: +)
        let part = TraceRequest(resourceSpans: [group])
        summary.spanCount += part.spanCount
        try onPart(part, batchStart + offset > 0)
      }
    }
  }

  /// Groups parsed at once, on every core: parsing and converting them was most of encoding's time
  /// on the sample, on one core; a batch holds a few hundred spans as messages and as spans.
  static let groupsPerBatch = 32

  /// The groups at `ranges` of `bytes`, read by `OTLPWireDecoding` or, where it declines, parsed
  /// by swift-protobuf and converted, in order, each with the normalizations it needed; a group's
  /// error is its result, thrown by the caller in order.
  private static func parse(
    _ ranges: [(number: Int, range: Range<Int>)], of bytes: [UInt8]
  ) -> [Result<(ResourceSpans, [Normalization: Int]), any Error>] {
    ConcurrentResults.map(ranges) { number, range in
      try OTLPWireDecoding.resourceSpans(bytes, range) ?? referenceResourceSpans(bytes, range, number: number)
    }
  }

  /// The group at `range` of `bytes` as swift-protobuf parses it and `OTLPProtoDecoding` converts
  /// it, with the normalizations it needed: what `OTLPWireDecoding` must equal, and the path for
  /// what it declines.
  static func referenceResourceSpans(
    _ bytes: [UInt8], _ range: Range<Int>, number: Int
  ) throws -> (ResourceSpans, [Normalization: Int]) {
    let message = try OTLPResourceSpans(serializedBytes: Array(bytes[range]))
    var notes = ReadSummary(format: .otlpProto, sourceTimestampUnit: .nanoseconds)
    let group = try FieldError.within("resourceSpans[\(number)]") {
      try OTLPProtoDecoding.resourceSpans(message, &notes)
    }
    return (group, notes.normalizations)
  }

  /// Where each `resource_spans` field's message lies in a record, walking only the outer wire
  /// format (a one-byte tag 0x0A and a varint length per field); nil when the record holds
  /// anything else or a length runs past its end, and then swift-protobuf parses it whole, as it
  /// alone says what is wrong or notes the unknown field.
  static func resourceSpansFields(_ bytes: [UInt8]) -> [Range<Int>]? {
    var ranges: [Range<Int>] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index] == 0x0A else { return nil }
      index += 1
      var length = 0
      var shift = 0
      while true {
        guard index < bytes.count, shift < 35 else { return nil }
        let byte = bytes[index]
        index += 1
        length |= Int(byte & 0x7F) << shift
        shift += 7
        if byte & 0x80 == 0 { break }
      }
      guard length <= bytes.count - index else { return nil }
      ranges.append(index..<(index + length))
      index += length
    }
    return ranges
  }

  private static func describe(_ error: BinaryDecodingError) -> String {
    switch error {
    case .truncated: "a field runs past the end of the record (truncated)"
    case .malformedProtobuf: "malformed (a wrong wire type, a bad tag or a bad length)"
    case .invalidUTF8: "a string field is not valid UTF-8"
    case .messageDepthLimit: "values nested deeper than swift-protobuf's limit of 100"
    default: "\(error)"
    }
  }
}

