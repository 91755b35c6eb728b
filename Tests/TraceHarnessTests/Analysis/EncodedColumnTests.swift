import Testing
@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

@Suite struct EncodedColumnTests {
  @Test func aColumnPastTheMemoryLimitReadsBackWhole() throws {
    var column = EncodedColumn()
    var expected: [UInt8] = [7, 8]
    for value in 0..<UInt64(EncodedColumn.memoryBytes) {
      try column.append(varint: value)
      Varint.append(value, to: &expected)
    }
    let tail = [UInt8](repeating: 5, count: 1_000)
    try column.append(contentsOf: tail)
    expected += tail
    #expect(column.count == expected.count - 2)
    #expect(try column.bytes(after: [7, 8]) == expected)
  }

  @Test func aColumnReadBackInPiecesIsItsBytes() throws {
    var column = EncodedColumn()
    for value in 0..<UInt64(EncodedColumn.memoryBytes) { try column.append(varint: value &* 0x9E37_79B9) }
    try column.append(contentsOf: [1, 2, 3])
    let prefix: [UInt8] = [9, 9]
    let whole = try column.bytes(after: prefix)
    _ = try column.zstdBytes(after: prefix, level: 1)
    var pieced: [UInt8] = []
    var pieces = column.pieces(after: prefix)
    while let piece = try pieces.next() {
      #expect(piece.count <= EncodedColumnPieces.pieceBytes)
      pieced += piece
    }
    #expect(pieced == whole)
    // Varints read across piece boundaries, then raw bytes, then the end.
    var reader = column.reader(after: prefix)
    #expect(try reader.bytes(2) == [9, 9])
    for value in 0..<UInt64(EncodedColumn.memoryBytes) {
      guard try reader.varint() == value &* 0x9E37_79B9 else { Issue.record("varint \(value)"); return }
    }
    #expect(try reader.bytes(3) == [1, 2, 3])
    #expect(try reader.isAtEnd())
    #expect(try reader.varint() == nil)
  }

  @Test func aReaderRefusesWhatTheColumnDoesNotHold() throws {
    var truncated = EncodedColumnReader([0x80, 0x80])
    #expect(try truncated.varint() == nil)
    var short = EncodedColumnReader([1, 2])
    #expect(try short.bytes(3) == nil)
    #expect(try short.bytes(2) == [1, 2])
    #expect(try short.isAtEnd())
  }

  @Test func aColumnStreamedThroughZstdHasTheSizeOfItsBytes() throws {
    var column = EncodedColumn()
    for value in 0..<UInt64(EncodedColumn.memoryBytes / 2) {
      try column.append(varint: value &* 0x9E37_79B9 >> 7)
    }
    let prefix: [UInt8] = Array("dictionaries".utf8)
    for level in [3, 19] {
      let whole = try EncodedColumn.zstdBytes(of: column.bytes(after: prefix), level: level)
      #expect(try column.zstdBytes(after: prefix, level: level) == whole)
      #expect(try EncodedColumn().zstdBytes(level: level) == EncodedColumn.zstdBytes(of: [], level: level))
    }
  }

  @Test func aSmallColumnStaysInMemory() throws {
    var column = EncodedColumn()
    try column.append(signedVarint: -3)
    #expect(try column.bytes() == [5])
  }
}
