import Codecs
import Dispatch
import TraceFormats
import TraceModel

/// Reads the segments of a trace-store input (one per concatenated file): header, blocks, index,
/// trailer, checking each against docs/format.md.
struct SegmentReader {
  /// What the decoding threads make of each block beyond its spans.
  enum Output {
    /// The spans, for the caller.
    case spans
    /// Bytes made of the spans (`DecodedBlock.serialized`), which replace them.
    case serialized(@Sendable ([Span]) throws -> [UInt8])
    /// The spans' JSONL lines (`DecodedBlock.serialized`) written straight from the columns, no
    /// spans made.
    case jsonl
    /// A block stored as requests as `RequestStep`s of OTLP protobuf (`DecodedBlock.requestSteps`),
    /// written from the columns where they suffice, else from the spans; a block of flat spans
    /// keeps its spans.
    case otlpProtobuf
  }

  let input: RecordInput
  let threads: Int
  let output: Output
  private(set) var summary = TraceStoreReader.Summary()
  /// Blocks read and given to a decoder: `summary.blockCount` counts those handed over.
  private var launchedBlocks = 0
  /// Blocks being decoded, in file order; the first is handed over next.
  private var inFlight: [DecodingJob] = []

  init(input: RecordInput, threads: Int, output: Output = .spans) {
    self.input = input
    self.threads = threads
    self.output = output
  }

  /// Blocks that go on decoding, each on its own task, while the caller handles the oldest. When
  /// the threads serialize, the caller only writes, so every core keeps decoding meanwhile:
  /// handing over a batch of two before starting the next left the cores idle during every write
  /// and behind the larger of each two blocks. Spans for the caller take more memory than bytes
  /// and a core of their own, so there `threads − 1` blocks decode while it consumes.
  private var window: Int {
    if case .spans = output { return max(1, threads - 1) }
    return threads
  }

  mutating func segment(onBlock: (DecodedBlock) throws -> Void) throws {
    let segmentStart = input.offset
    let header = try input.read(Container.headerBytes)
    guard header.count == Container.headerBytes, header.starts(with: Container.magic) else {
      throw input.error("not a trace-store file: no header", at: segmentStart)
    }
    let version = Container.readLittleEndian(header[Container.magic.count...])
    guard let known = UInt16(exactly: version), Container.readableVersions.contains(known) else {
      let versions = Container.readableVersions
      throw input.error(
        "format version \(version), this reader reads \(versions.lowerBound) to \(versions.upperBound)", at: segmentStart)
    }
    summary.segmentCount += 1
    var blocks: [(offset: Int, spanCount: Int)] = []
    while true {
      let recordOffset = input.offset
      guard let (tag, body) = try Self.record(input, block: launchedBlocks) else {
        throw input.error("ends after \(launchedBlocks) blocks without an index: truncated")
      }
      if tag == Container.blockTag {
        launch(body, at: recordOffset)
        while inFlight.count > window { try handOverFirst(into: &blocks, segmentStart: segmentStart, onBlock) }
        continue
      }
      guard tag == Container.indexTag else {
        throw input.error("unknown record tag \(tag)", at: recordOffset)
      }
      while !inFlight.isEmpty { try handOverFirst(into: &blocks, segmentStart: segmentStart, onBlock) }
      try checkIndex(body, blocks: blocks, at: recordOffset)
      let trailer = try input.read(Container.trailerBytes)
      guard trailer.count == Container.trailerBytes, trailer.suffix(4).elementsEqual(Container.trailerMagic),
        Container.readLittleEndian(trailer.prefix(8)) == UInt64(recordOffset - segmentStart)
      else { throw input.error("trailer missing or wrong: truncated or corrupt", at: input.offset - trailer.count) }
      return
    }
  }

  /// The next record's tag and body, its checksum verified; nil at the end of the input.
  static func record(_ input: RecordInput, block: Int) throws -> (tag: UInt8, body: [UInt8])? {
    let start = input.offset
    let head = try input.read(5)
    if head.isEmpty { return nil }
    guard head.count == 5 else { throw input.error("ends inside a record header: truncated", block: block, at: start) }
    let length = Int(Container.readLittleEndian(head[1...]))
    guard length <= Container.maxRecordBytes, length + 4 <= input.remaining else {
      throw input.error("record of \(length) bytes, \(input.remaining) left: truncated or corrupt", block: block, at: start)
    }
    let body = try input.read(length)
    let stored = Container.readLittleEndian(try input.read(4)[...])
    let computed = CRC32.checksum((head + body)[...])
    guard stored == UInt64(computed) else {
      throw input.error("checksum mismatch (stored \(hex(stored)), computed \(hex(UInt64(computed))))", block: block, at: start)
    }
    return (head[0], body)
  }

  private static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

  /// One block's body decoded as `output` asks.
  static func decode(
    _ body: [UInt8], block: Int, offset: Int, name: String, output: Output = .spans
  ) throws -> DecodedBlock {
    do {
      let (columns, spanCount, traceCount) = try BlockBody.decode(body)
      if case .jsonl = output {
        let lines = try BlockDecoder.jsonl(of: columns, spanCount: spanCount, traceCount: traceCount)
        return DecodedBlock(
          spans: [], spanCount: spanCount, serialized: lines, requestEntries: [], number: block, offset: offset)
      }
      let asProtobuf = if case .otlpProtobuf = output { true } else { false }
      if asProtobuf, let (messages, entries) = try BlockDecoder.protobuf(
        of: columns, spanCount: spanCount, traceCount: traceCount)
      {
        return DecodedBlock(
          spans: [], spanCount: spanCount, requestSteps: try RequestStep.steps(of: messages, entries),
          requestEntries: entries, number: block, offset: offset)
      }
      let (spans, entries) = try BlockDecoder.spans(of: columns, spanCount: spanCount, traceCount: traceCount)
      if case .serialized(let serialize) = output {
        return DecodedBlock(
          spans: [], spanCount: spans.count, serialized: try serialize(spans), requestEntries: entries,
          number: block, offset: offset)
      }
      guard asProtobuf, !entries.isEmpty else {
        return DecodedBlock(
          spans: spans, spanCount: spans.count, requestEntries: entries, number: block, offset: offset)
      }
      var messages = ProtoWriter()
      var ends: [Int] = []
      for span in spans {
        try OTLPProtoBytes.appendSpan(span, to: &messages)
        ends.append(messages.bytes.count)
      }
      return DecodedBlock(
        spans: [], spanCount: spans.count,
        requestSteps: try RequestStep.steps(of: SpanMessages(bytes: messages.bytes, ends: ends), entries),
        requestEntries: entries, number: block, offset: offset)
    } catch let error as BlockError {
      throw TraceStoreError(file: name, block: block, byteOffset: offset, problem: error.description)
    }
  }

  /// Starts decoding one block in the background (on the calling thread with one thread).
  private mutating func launch(_ body: [UInt8], at offset: Int) {
    let job = DecodingJob()
    let (name, output, number) = (input.name, output, launchedBlocks)
    launchedBlocks += 1
    let work: @Sendable () -> Void = {
      job.result = Result { try Self.decode(body, block: number, offset: offset, name: name, output: output) }
    }
    if threads == 1 { work() } else { DispatchQueue.global().async(group: job.done, execute: work) }
    inFlight.append(job)
  }

  /// Waits for the oldest block being decoded and hands it over.
  private mutating func handOverFirst(
    into blocks: inout [(offset: Int, spanCount: Int)], segmentStart: Int, _ onBlock: (DecodedBlock) throws -> Void
  ) throws {
    let job = inFlight.removeFirst()
    job.done.wait()
    guard let result = job.result else { preconditionFailure("a block handed over before it was decoded") }
    let block = try result.get()
    job.result = nil
    blocks.append((block.offset - segmentStart, block.spanCount))
    summary.blockCount += 1
    summary.spanCount += block.spanCount
    try onBlock(block)
  }

  private func checkIndex(_ body: [UInt8], blocks: [(offset: Int, spanCount: Int)], at offset: Int) throws {
    var reader = ColumnReader(.traceOrder, body)
    do {
      let count = try reader.count(atMost: body.count)
      guard count == blocks.count else { throw BlockError("index lists \(count) blocks, the file has \(blocks.count)") }
      for (number, block) in blocks.enumerated() {
        guard try reader.varint() == UInt64(block.offset), try reader.varint() == UInt64(block.spanCount) else {
          throw BlockError("index entry \(number) does not match the block")
        }
      }
      try reader.expectEnd()
    } catch let error as BlockError {
      throw input.error(error.description, at: offset)
    }
  }
}

/// One block's spans in input order, the request structure they arrived in, and where it lies.
struct DecodedBlock: Sendable {
  /// Empty when the reader serialized them (`serialized`) or moved them into `requestSteps`.
  var spans: [Span]
  var spanCount: Int
  var serialized: [UInt8] = []
  var requestSteps: [RequestStep] = []
  var requestEntries: [RequestEntry]
  var number: Int
  var offset: Int
}

/// A block being decoded on a background thread; `result` is read after `done` is waited for.
private final class DecodingJob: @unchecked Sendable {
  let done = DispatchGroup()
  var result: Result<DecodedBlock, any Error>?
}
