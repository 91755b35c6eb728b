import Testing
import TraceFormats
import TraceModel
import TraceStore

@Suite struct ContainerTests {
  static let spans = Array(repeating: StoreTestData.fullFidelitySpans(), count: 8).joined().map { $0 }
  static let options = TraceStoreOptions(maxSpansPerBlock: 10)

  @Test func aBlockCutOutOfTheFileDecodesAlone() throws {
    let (bytes, summary) = try StoreTestData.encode(Self.spans, options: Self.options)
    #expect(summary.blockCount == 4)
    // docs/format.md: a 10-byte header, then records of tag, u32 body length, body, u32 CRC.
    let firstLength = Int(bytes[11]) | Int(bytes[12]) << 8 | Int(bytes[13]) << 16 | Int(bytes[14]) << 24
    let secondStart = 10 + 9 + firstLength
    let secondLength =
      Int(bytes[secondStart + 1]) | Int(bytes[secondStart + 2]) << 8 | Int(bytes[secondStart + 3]) << 16
    let record = Array(bytes[secondStart..<(secondStart + 9 + secondLength)])
    let block = try TraceStoreReader.decodeBlock(record: record)
    #expect(block == Array(Self.spans[10..<20]))
  }

  @Test func concatenatedFilesDecodeAsOne() throws {
    let first = try StoreTestData.encode(Self.spans, options: Self.options).bytes
    let second = try StoreTestData.encode(Array(Self.spans.prefix(3))).bytes
    var spans: [Span] = []
    let summary = try TraceStoreReader.read(bytes: first + second, name: "both.tstore") { spans += $0 }
    #expect(spans == Self.spans + Self.spans.prefix(3))
    #expect(summary.segmentCount == 2)
    #expect(summary.blockCount == 5)
  }

  @Test func theColumnBreakdownAddsUpToTheFile() throws {
    let (bytes, summary) = try StoreTestData.encode(Self.spans, options: Self.options)
    #expect(summary.fileBytes == bytes.count)
    #expect(summary.columnBytes.reduce(0) { $0 + $1.storedBytes } + summary.framingBytes == bytes.count)
    #expect(summary.columnBytes.contains { $0.name == "span ids" && $0.storedBytes > 0 })
  }

  @Test func aFileEndingAtABlockBoundaryIsTruncated() throws {
    let (bytes, _) = try StoreTestData.encode(Self.spans, options: Self.options)
    let firstLength = Int(bytes[11]) | Int(bytes[12]) << 8 | Int(bytes[13]) << 16
    let cut = Array(bytes.prefix(10 + 9 + firstLength))
    #expect {
      try StoreTestData.decode(cut, name: "cut.tstore")
    } throws: { error in
      "\(error)" == "cut.tstore byte \(cut.count): ends after 1 blocks without an index: truncated"
    }
  }

  @Test func aFlippedBitNamesTheBlockAndItsOffset() throws {
    var (bytes, _) = try StoreTestData.encode(Self.spans, options: Self.options)
    let firstLength = Int(bytes[11]) | Int(bytes[12]) << 8 | Int(bytes[13]) << 16
    let secondStart = 10 + 9 + firstLength
    bytes[secondStart + 20] ^= 0x10
    #expect {
      try StoreTestData.decode(bytes, name: "flip.tstore")
    } throws: { error in
      "\(error)".hasPrefix("flip.tstore block 1 at byte \(secondStart): checksum mismatch")
    }
  }

  @Test func aFileOfAnotherFormatIsRefusedByName() throws {
    #expect {
      try StoreTestData.decode(Array("{\"trace_id\":1}\n".utf8), name: "spans.jsonl")
    } throws: { error in
      "\(error)" == "spans.jsonl byte 0: not a trace-store file: no header"
    }
  }
}
