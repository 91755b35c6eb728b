import Foundation
import TraceModel

/// Reads a trace-store file back as spans, block by block, each block's spans in input order.
///
/// Checks every record's CRC-32 before decoding it and every segment's index against the blocks
/// read, so a corrupt or truncated file throws a `TraceStoreError` naming the block; spans handed
/// over before the error come from intact blocks before it. Blocks are decoded `threads` at a time
/// and handed over in file order.
public enum TraceStoreReader {
  /// What a read found.
  public struct Summary: Sendable, Equatable {
    public var spanCount = 0
    public var blockCount = 0
    /// Files in the input: more than one when files were concatenated.
    public var segmentCount = 0
  }

  /// Reads the file at `url`, calling `onBlock` with each block's spans in order.
  @discardableResult
  public static func read(url: URL, threads: Int = 2, onBlock: ([Span]) throws -> Void) throws -> Summary {
    try read(RecordInput(url: url), threads: threads) { try onBlock($0.spans) }
  }

  /// Reads the file at `url`, turning each block's spans into bytes with `serialize` on the
  /// decoding threads and calling `onBytes` with them in block order.
  ///
  /// Both cores then decode and serialize while the caller only writes: writing JSONL on the
  /// calling thread was half of decoding's time, and freeing the spans there a seventh.
  @discardableResult
  public static func read(
    url: URL, threads: Int = 2, serialize: @escaping @Sendable ([Span]) throws -> [UInt8],
    onBytes: ([UInt8]) throws -> Void
  ) throws -> Summary {
    try read(RecordInput(url: url), threads: threads, output: .serialized(serialize)) { try onBytes($0.serialized) }
  }

  /// Reads the file at `url` as the seed's JSONL, calling `onBytes` with each block's lines in
  /// block order: the bytes `read(url:serialize:onBytes:)` gives with `SpanJSONWriter.write` of
  /// each span, written on the decoding threads straight from the columns, no span made.
  @discardableResult
  public static func readJSONL(url: URL, threads: Int = 2, onBytes: ([UInt8]) throws -> Void) throws -> Summary {
    try read(RecordInput(url: url), threads: threads, output: .jsonl) { try onBytes($0.serialized) }
  }

  /// `readJSONL(url:…)` of a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func readJSONL(
    bytes: [UInt8], name: String, threads: Int = 2, onBytes: ([UInt8]) throws -> Void
  ) throws -> Summary {
    try read(RecordInput(bytes: bytes, name: name), threads: threads, output: .jsonl) { try onBytes($0.serialized) }
  }

  /// Reads a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func read(
    bytes: [UInt8], name: String, threads: Int = 2, onBlock: ([Span]) throws -> Void
  ) throws -> Summary {
    try read(RecordInput(bytes: bytes, name: name), threads: threads) { try onBlock($0.spans) }
  }

  /// Reads the file at `url` as the OTLP requests it was written from, each equal to the
  /// `TraceRequest` given to `TraceStoreWriter.append(_:)`, groups, schema URLs and all.
  ///
  /// Spans that were appended one at a time have no requests; they go to `onFlatSpans`, block by
  /// block, in their place in the file (a request before them is handed over first).
  @discardableResult
  public static func readRequests(
    url: URL, threads: Int = 2, onRequest: (TraceRequest) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readRequests(RecordInput(url: url), threads: threads, onRequest: onRequest, onFlatSpans: onFlatSpans)
  }

  /// `readRequests(url:…)` of a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func readRequests(
    bytes: [UInt8], name: String, threads: Int = 2, onRequest: (TraceRequest) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readRequests(
      RecordInput(bytes: bytes, name: name), threads: threads, onRequest: onRequest, onFlatSpans: onFlatSpans)
  }

  /// `readRequests(url:…)` a resource group at a time: `onPart` gets a request of one group,
  /// `continuesRequest` true for all but a request's first (a request without groups comes as
  /// one empty part). Memory holds a group's spans instead of a whole request's.
  @discardableResult
  public static func readRequestParts(
    url: URL, threads: Int = 2, onPart: (_ part: TraceRequest, _ continuesRequest: Bool) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readRequestParts(RecordInput(url: url), threads: threads, onPart: onPart, onFlatSpans: onFlatSpans)
  }

  /// `readRequestParts(url:…)` of a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func readRequestParts(
    bytes: [UInt8], name: String, threads: Int = 2,
    onPart: (_ part: TraceRequest, _ continuesRequest: Bool) throws -> Void, onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readRequestParts(
      RecordInput(bytes: bytes, name: name), threads: threads, onPart: onPart, onFlatSpans: onFlatSpans)
  }

  /// `readRequestParts(url:…)` as OTLP protobuf: `onPart` gets the bytes
  /// `OTLPProtobufWriter.messageBytes` gives for each part, in order (for a request without
  /// groups, none). The decoding threads write the groups that begin and end within a block
  /// (nearly all) straight from its columns, and the spans of the few a block boundary cuts,
  /// which the calling thread puts together.
  @discardableResult
  public static func readOTLPProtobufParts(
    url: URL, threads: Int = 2, onPart: (_ part: [UInt8], _ continuesRequest: Bool) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readOTLPProtobufParts(RecordInput(url: url), threads: threads, onPart: onPart, onFlatSpans: onFlatSpans)
  }

  /// `readOTLPProtobufParts(url:…)` of a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func readOTLPProtobufParts(
    bytes: [UInt8], name: String, threads: Int = 2,
    onPart: (_ part: [UInt8], _ continuesRequest: Bool) throws -> Void, onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    try readOTLPProtobufParts(
      RecordInput(bytes: bytes, name: name), threads: threads, onPart: onPart, onFlatSpans: onFlatSpans)
  }

  /// The spans of one block record, cut out of a file by itself: a block needs nothing else.
  public static func decodeBlock(record: [UInt8], name: String = "block") throws -> [Span] {
    try decode(record: record, name: name, output: .spans).spans
  }

  /// `decodeBlock(record:name:)` as the seed's JSONL lines, written as `readJSONL` writes them.
  public static func decodeBlockJSONL(record: [UInt8], name: String = "block") throws -> [UInt8] {
    try decode(record: record, name: name, output: .jsonl).serialized
  }

  /// `decodeBlock(record:name:)` as OTLP protobuf: the parts `readOTLPProtobufParts` gives for a
  /// file of this block alone, one after another; for a block of flat spans, nothing.
  public static func decodeBlockOTLPProtobuf(record: [UInt8], name: String = "block") throws -> [UInt8] {
    let input = RecordInput(bytes: record, name: name)
    var assembler = RequestAssembler<SerializedGroup>()
    var parts: [UInt8] = []
    try handOver(
      try decode(record: record, name: name, output: .otlpProtobuf), to: &assembler, input: input,
      onPart: { part, _ in parts += part }, onFlatSpans: { _ in })
    try assembler.finish { group, _ in parts += group?.messageBytes ?? [] }
    return parts
  }

  private static func decode(record: [UInt8], name: String, output: SegmentReader.Output) throws -> DecodedBlock {
    let input = RecordInput(bytes: record, name: name)
    guard let (tag, body) = try SegmentReader.record(input, block: 0), tag == Container.blockTag,
      input.remaining == 0
    else { throw input.error("not a single block record", block: 0, at: 0) }
    return try SegmentReader.decode(body, block: 0, offset: 0, name: name, output: output)
  }

  static func readRequests(
    _ input: RecordInput, threads: Int, onRequest: (TraceRequest) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    var request: TraceRequest?
    let summary = try readRequestParts(input, threads: threads) { part, continuesRequest in
      if !continuesRequest, let whole = request { try onRequest(whole) }
      if continuesRequest, request != nil {
        request?.resourceSpans += part.resourceSpans
      } else {
        request = part
      }
    } onFlatSpans: { spans in
      if let whole = request { try onRequest(whole) }
      request = nil
      try onFlatSpans(spans)
    }
    if let whole = request { try onRequest(whole) }
    return summary
  }

  static func readRequestParts(
    _ input: RecordInput, threads: Int, onPart: (_ part: TraceRequest, _ continuesRequest: Bool) throws -> Void,
    onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    var assembler = RequestAssembler<ResourceSpans>()
    func emit(_ group: ResourceSpans?, _ continuesRequest: Bool) throws {
      try onPart(TraceRequest(resourceSpans: group.map { [$0] } ?? []), continuesRequest)
    }
    let summary = try read(input, threads: threads) { block in
      if block.requestEntries.isEmpty {
        try assembler.finish(emit: emit)
        return try onFlatSpans(block.spans)
      }
      do {
        try assembler.add(block.spans, block.requestEntries, emit: emit)
      } catch let error as BlockError {
        throw input.error(error.description, block: block.number, at: block.offset)
      }
    }
    try assembler.finish(emit: emit)
    return summary
  }

  static func readOTLPProtobufParts(
    _ input: RecordInput, threads: Int, onPart: ([UInt8], Bool) throws -> Void, onFlatSpans: ([Span]) throws -> Void
  ) throws -> Summary {
    var assembler = RequestAssembler<SerializedGroup>()
    func emit(_ group: SerializedGroup?, _ continuesRequest: Bool) throws {
      try onPart(group?.messageBytes ?? [], continuesRequest)
    }
    let summary = try read(input, threads: threads, output: .otlpProtobuf) { block in
      try handOver(block, to: &assembler, input: input, onPart: onPart, onFlatSpans: onFlatSpans)
    }
    try assembler.finish(emit: emit)
    return summary
  }

  /// One block decoded as `.otlpProtobuf`: its serialized groups to `onPart`, the rest to the
  /// assembler, which hands over what it completes.
  private static func handOver(
    _ block: DecodedBlock, to assembler: inout RequestAssembler<SerializedGroup>, input: RecordInput,
    onPart: ([UInt8], Bool) throws -> Void, onFlatSpans: ([Span]) throws -> Void
  ) throws {
    func emit(_ group: SerializedGroup?, _ continuesRequest: Bool) throws {
      try onPart(group?.messageBytes ?? [], continuesRequest)
    }
    if block.requestEntries.isEmpty {
      try assembler.finish(emit: emit)
      return try onFlatSpans(block.spans)
    }
    do {
      for step in block.requestSteps {
        switch step {
        case .entries(let entries, let spans): try assembler.add(spans, entries, emit: emit)
        case .serializedGroup(let bytes): try onPart(bytes, try assembler.takeGroup(emit: emit))
        }
      }
    } catch let error as BlockError {
      throw input.error(error.description, block: block.number, at: block.offset)
    }
  }

  static func read(
    _ input: RecordInput, threads: Int, output: SegmentReader.Output = .spans,
    onBlock: (DecodedBlock) throws -> Void
  ) throws -> Summary {
    guard input.totalBytes > 0 else { throw input.error("empty file") }
    var reader = SegmentReader(input: input, threads: max(1, threads), output: output)
    while input.remaining > 0 { try reader.segment(onBlock: onBlock) }
    return reader.summary
  }
}
