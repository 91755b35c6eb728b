import Testing
@testable import TraceHarness

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

  @Test func aSmallColumnStaysInMemory() throws {
    var column = EncodedColumn()
    try column.append(signedVarint: -3)
    #expect(try column.bytes() == [5])
  }
}
