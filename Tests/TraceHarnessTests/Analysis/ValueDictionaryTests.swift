import Testing
@testable import Measurement
@testable import TraceModel

@Suite struct ValueDictionaryTests {
  @Test func valuesPastTheMemoryLimitReadBackAsTheirIdentities() throws {
    var dictionary = ValueDictionary()
    // 60,000 values of about 30 bytes: 1.8 MB of text, so part of it lies in the scratch file.
    let values = (0..<60_000).map { "suser-\($0)-\(String(repeating: "x", count: $0 % 40))" }
    for (index, value) in values.enumerated() {
      #expect(try dictionary.index(of: value) == index)
    }
    #expect(try dictionary.index(of: values[12_345]) == 12_345)
    #expect(dictionary.count == values.count)
    var reader = EncodedColumnReader(dictionary.pieces)
    let identities = try ValueDictionary.decodeIdentities(from: &reader)
    #expect(identities == values.map(HyperLogLog.hash))
    #expect(try reader.isAtEnd())
    var bytes = 0
    var pieces = dictionary.pieces
    while let piece = try pieces.next() { bytes += piece.count }
    #expect(bytes == dictionary.encodedBytes)
    #expect(bytes > EncodedColumn.memoryBytes)
  }

  @Test func aDictionaryWrittenAsAStringDictionaryIsOne() throws {
    var values = ValueDictionary()
    var strings = StringDictionary()
    for value in ["200", "", "héllo", "200", "a\u{0}b"] {
      _ = try values.index(of: value)
      _ = strings.index(of: value)
    }
    var written: [UInt8] = []
    var pieces = values.pieces
    while let piece = try pieces.next() { written += piece }
    #expect(written == strings.encoded())
  }

  /// A tag value digested in pieces gets the identity and the entry its typed text gets.
  @Test func aTagValueIsItsTypedText() throws {
    let values: [TagValue] = [
      .string("GET"), .int(200), .string(""), .string("200"), .bool(true), .string("héllo, a long value past fifteen bytes"),
      .double(0.5), .string("GET"), .int(200), .array([.string("a")]), .empty,
    ]
    var typed = ValueDictionary()
    var texts = ValueDictionary()
    for value in values { #expect(try typed.index(of: value) == texts.index(of: value.typedText)) }
    #expect(typed.identities == texts.identities)
    #expect(typed.count == 9)
    var reader = EncodedColumnReader(typed.pieces)
    #expect(try ValueDictionary.decodeIdentities(from: &reader) == texts.identities)
  }

  @Test func indexCountsAreTheSymbolCountsOfTheirIndices() {
    var dense = IndexCounts()
    var hashed = SymbolCounts<Int>()
    for index in [0, 3, 3, 1, 0, 3, 7] {
      dense.add(index)
      hashed.add(index)
    }
    // Index 2, 4, 5 and 6 never appeared: no symbol of their own.
    #expect(dense.symbols.counts == hashed.counts)
    #expect(dense.symbols.entropyBits == hashed.entropyBits)
  }
}
