import Codecs
import Dispatch
import TraceModel

/// Reads the segments of a trace-store input (one per concatenated file): header, blocks, index,
/// trailer, checking each against docs/format.md.
struct SegmentReader {
  let input: RecordInput
  let threads: Int
  /// Run on the decoding threads on each block's spans, whose result replaces them
  /// (`DecodedBlock.serialized`); nil hands the spans over.
  let serialize: (@Sendable ([Span]) throws -> [UInt8])?
  private(set) var summary = TraceStoreReader.Summary()
  /// Blocks read and given to a decoder: `summary.blockCount` counts those handed over.
  private var launchedBlocks = 0
  private var inFlight: DecodingJob?

  init(input: RecordInput, threads: Int, serialize: (@Sendable ([Span]) throws -> [UInt8])? = nil) {
    self.input = input
    self.threads = threads
    self.serialize = serialize
  }

  /// Blocks decoded at once. With `serialize` the caller only writes, so the decoders take every
  /// core; else the caller consumes spans on one core while `threads − 1` decode.
  private var decoderThreads: Int { serialize == nil ? max(1, threads - 1) : threads }

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
    var batch: [(offset: Int, body: [UInt8])] = []
    while true {
      let recordOffset = input.offset
      guard let (tag, body) = try Self.record(input, block: launchedBlocks + batch.count) else {
        throw input.error("ends after \(launchedBlocks + batch.count) blocks without an index: truncated")
      }
      if tag == Container.blockTag {
        batch.append((recordOffset, body))
        if batch.count >= decoderThreads {
          try decode(&batch, into: &blocks, segmentStart: segmentStart, onBlock)
        }
        continue
      }
      guard tag == Container.indexTag else {
        throw input.error("unknown record tag \(tag)", at: recordOffset)
      }
      try decode(&batch, into: &blocks, segmentStart: segmentStart, onBlock)
      try handOver(into: &blocks, segmentStart: segmentStart, onBlock)
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

  static func decode(_ body: [UInt8], block: Int, offset: Int, name: String) throws -> DecodedBlock {
    do {
      let (columns, spanCount, traceCount) = try BlockBody.decode(body)
      let (spans, entries) = try BlockDecoder.spans(of: columns, spanCount: spanCount, traceCount: traceCount)
      return DecodedBlock(
        spans: spans, spanCount: spans.count, requestEntries: entries, number: block, offset: offset)
    } catch let error as BlockError {
      throw TraceStoreError(file: name, block: block, byteOffset: offset, problem: error.description)
    }
  }

  /// With two or more threads the batch decodes in the background while the caller consumes the
  /// previous one: converting spans to OTLP was more than half of decoding's time. Spans to be
  /// consumed by the caller start decoding before the previous batch is handed over, so the
  /// decoder never waits for the caller; serialized blocks are handed over first, as the caller
  /// only writes them and two batches of spans and bytes at once took 200 MB on generated data.
  private mutating func decode(
    _ batch: inout [(offset: Int, body: [UInt8])], into blocks: inout [(offset: Int, spanCount: Int)],
    segmentStart: Int, _ onBlock: (DecodedBlock) throws -> Void
  ) throws {
    let first = launchedBlocks
    let name = input.name
    let numbered = batch.enumerated().map { (first + $0.offset, $0.element.offset, $0.element.body) }
    batch = []
    var previous = inFlight
    inFlight = nil
    if serialize != nil, let job = previous {
      previous = nil
      try handOver(job, into: &blocks, segmentStart: segmentStart, onBlock)
    }
    if !numbered.isEmpty {
      launchedBlocks += numbered.count
      let job = DecodingJob()
      let decoderThreads = decoderThreads
      let serialize = serialize
      let work: @Sendable () -> Void = {
        job.result = Result {
          try ParallelMap.map(numbered, threads: decoderThreads) { block, offset, body in
            var decoded = try Self.decode(body, block: block, offset: offset, name: name)
            if let serialize {
              decoded.serialized = try serialize(decoded.spans)
              decoded.spans = []
            }
            return decoded
          }
        }
      }
      if threads == 1 { work() } else { DispatchQueue.global().async(group: job.done, execute: work) }
      inFlight = job
    }
    if let previous { try handOver(previous, into: &blocks, segmentStart: segmentStart, onBlock) }
  }

  /// Waits for the blocks being decoded and hands them over, in order.
  private mutating func handOver(
    into blocks: inout [(offset: Int, spanCount: Int)], segmentStart: Int, _ onBlock: (DecodedBlock) throws -> Void
  ) throws {
    guard let job = inFlight else { return }
    inFlight = nil
    try handOver(job, into: &blocks, segmentStart: segmentStart, onBlock)
  }

  private mutating func handOver(
    _ job: DecodingJob, into blocks: inout [(offset: Int, spanCount: Int)], segmentStart: Int,
    _ onBlock: (DecodedBlock) throws -> Void
  ) throws {
    job.done.wait()
    for block in try job.result.get() {
      blocks.append((block.offset - segmentStart, block.spanCount))
      summary.blockCount += 1
      summary.spanCount += block.spanCount
      try onBlock(block)
    }
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
  /// Empty when the reader serialized them (`serialized`).
  var spans: [Span]
  var spanCount: Int
  var serialized: [UInt8] = []
  var requestEntries: [RequestEntry]
  var number: Int
  var offset: Int
}

/// Blocks being decoded on a background thread; `result` is read after `done` is waited for.
private final class DecodingJob: @unchecked Sendable {
  let done = DispatchGroup()
  var result: Result<[DecodedBlock], any Error> = .success([])
}
