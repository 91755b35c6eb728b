import Foundation
import Testing
import TraceFormats
import TraceModel
import TraceStore

/// Blocks decode on their own tasks, several in flight: the bytes handed over must not depend on
/// how many, and a fault must stop the output at the block before it.
@Suite struct ParallelDecodeTests {
  /// 1,000 generated traces in 10 blocks of 300 spans, their JSONL, and the file in a directory.
  static func store() throws -> (url: URL, directory: URL, jsonl: [UInt8], bytes: [UInt8]) {
    let (jsonl, spans) = try GeneratedDataTests.dataset(traces: 1_000)
    let (bytes, summary) = try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 300))
    #expect(summary.blockCount == 10)
    let directory = try RequestPartsTests.temporaryDirectory()
    let url = directory.appendingPathComponent("medium.tstore")
    try Data(bytes).write(to: url)
    return (url, directory, jsonl, bytes)
  }

  /// The JSONL of `url` read with `threads`, and the pieces it came in.
  static func jsonl(of url: URL, threads: Int) throws -> (bytes: [UInt8], pieces: [[UInt8]]) {
    var pieces: [[UInt8]] = []
    try TraceStoreReader.read(url: url, threads: threads) { spans in
      var text: [UInt8] = []
      for span in spans { SpanJSONWriter.write(span, into: &text) }
      return text
    } onBytes: { pieces.append($0) }
    return (Array(pieces.joined()), pieces)
  }

  /// Where each record after the header starts: a tag byte, a u32 body length, body and CRC.
  static func recordStarts(_ bytes: [UInt8]) -> [Int] {
    var starts: [Int] = []
    var offset = 10
    while offset < bytes.count - 12 {
      starts.append(offset)
      let length = (1...4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * ($1 - 1)) }
      offset += 9 + length
    }
    return starts
  }

  @Test(arguments: [2, 3, 5])
  func anyThreadCountGivesTheOneThreadBytesBlockByBlock(_ threads: Int) throws {
    let (url, directory, jsonl, _) = try Self.store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let one = try Self.jsonl(of: url, threads: 1)
    let many = try Self.jsonl(of: url, threads: threads)
    #expect(one.bytes == jsonl)
    #expect(many.pieces.count == 10)
    #expect(many.pieces == one.pieces)
  }

  @Test func aCorruptBlockStopsTheOutputAtTheBlockBeforeIt() throws {
    let (_, directory, _, bytes) = try Self.store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let starts = Self.recordStarts(bytes)
    #expect(starts.count == 11)
    var corrupt = bytes
    corrupt[starts[6] + 40] ^= 0x04
    let url = directory.appendingPathComponent("corrupt.tstore")
    try Data(corrupt).write(to: url)
    let intact = try Self.jsonl(of: directory.appendingPathComponent("medium.tstore"), threads: 1).pieces
    var pieces: [[UInt8]] = []
    #expect {
      try TraceStoreReader.read(url: url, threads: 3) { spans in
        var text: [UInt8] = []
        for span in spans { SpanJSONWriter.write(span, into: &text) }
        return text
      } onBytes: { pieces.append($0) }
    } throws: { error in
      "\(error)".hasPrefix("corrupt.tstore block 6 at byte \(starts[6]): checksum mismatch")
    }
    #expect(pieces.count <= 6)
    #expect(pieces == Array(intact.prefix(pieces.count)))
  }

  @Test func concatenatedFilesSerializeAsOne() throws {
    let (_, directory, jsonl, bytes) = try Self.store()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("twice.tstore")
    try Data(bytes + bytes).write(to: url)
    let read = try Self.jsonl(of: url, threads: 2)
    #expect(read.pieces.count == 20)
    #expect(read.bytes == jsonl + jsonl)
  }
}
