/// A column of ID bits: most IDs are random, and a UUIDv4 has only 122 random bits of its 128,
/// so IDs are packed to the bit rather than to the byte.
///
/// Bits are written most significant first; the last byte is padded with zero bits.
struct BitBuffer {
  private(set) var bytes: [UInt8] = []
  private var freeBits = 0

  /// Appends the low `count` bits of `value` (count ≤ 64).
  mutating func append(_ value: UInt64, bits count: Int) {
    var left = count
    while left > 0 {
      if freeBits == 0 {
        bytes.append(0)
        freeBits = 8
      }
      let take = min(left, freeBits)
      let chunk = UInt8(truncatingIfNeeded: (value >> UInt64(left - take)) & ((1 << UInt64(take)) - 1))
      bytes[bytes.count - 1] |= chunk << UInt8(freeBits - take)
      freeBits -= take
      left -= take
    }
  }

  mutating func append<Bytes: Sequence<UInt8>>(bytes data: Bytes) {
    for byte in data { append(UInt64(byte), bits: 8) }
  }
}

/// Reads a `BitBuffer` column, throwing rather than reading past its end.
struct BitReader {
  let column: ColumnID
  private let bytes: [UInt8]
  private var bitPosition = 0

  init(_ column: ColumnID, _ bytes: [UInt8]) {
    self.column = column
    self.bytes = bytes
  }

  var remainingBits: Int { bytes.count * 8 - bitPosition }

  func failure(_ problem: String) -> BlockError {
    BlockError("column \(column.name) at bit \(bitPosition): \(problem)")
  }

  /// The next `count` bits (at most 64), most significant first. Taken a byte's worth at a time:
  /// bit by bit, reading ids was 2% of decoding the real sample.
  mutating func read(bits count: Int) throws -> UInt64 {
    guard count <= remainingBits else { throw failure("needs \(count) bits, \(remainingBits) left") }
    var value: UInt64 = 0
    var left = count
    while left > 0 {
      let available = 8 - bitPosition & 7
      let taken = min(available, left)
      let byte = UInt64(bytes[bitPosition >> 3]) >> UInt64(available - taken)
      value = value << UInt64(taken) | byte & (1 << UInt64(taken) - 1)
      bitPosition += taken
      left -= taken
    }
    return value
  }

  mutating func readBytes(_ count: Int) throws -> [UInt8] {
    guard count <= remainingBits / 8 else { throw failure("needs \(count) bytes, \(remainingBits / 8) left") }
    guard bitPosition & 7 == 0 else { return try (0..<count).map { _ in UInt8(try read(bits: 8)) } }
    defer { bitPosition += 8 * count }
    return Array(bytes[(bitPosition >> 3)..<(bitPosition >> 3 + count)])
  }

  /// Throws unless only the zero padding of the last byte is left.
  func expectEnd() throws {
    var rest = self
    guard remainingBits < 8, try rest.read(bits: remainingBits) == 0 else {
      throw failure("\(remainingBits) bits left over")
    }
  }
}
