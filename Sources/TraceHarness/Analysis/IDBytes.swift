/// Span and trace IDs as bytes, and how many of their bits are random.
enum IDBytes {
  /// The binary form of an ID: 16 bytes for a UUID, the bytes of an even-length hex string, else
  /// the UTF-8 text itself (IDs such as `trace-00000001-52c48291`).
  static func binary(_ id: String) -> [UInt8] {
    let hex = id.utf8.filter { $0 != UInt8(ascii: "-") }
    guard hex.count.isMultiple(of: 2), !hex.isEmpty, hex.allSatisfy(isHexDigit),
      id.utf8.count == hex.count || id.utf8.count == 36
    else { return Array(id.utf8) }
    return stride(from: 0, to: hex.count, by: 2).map {
      nibble(hex[$0]) << 4 | nibble(hex[$0 + 1])
    }
  }

  /// Bits no lossless encoding can remove, assuming random IDs: 122 for a UUIDv4 (6 bits are fixed
  /// version and variant), 4 per hex digit, 8 per byte of other text (an upper estimate: such IDs
  /// are seldom random).
  static func randomBits(_ id: String) -> Int {
    let bytes = Array(id.utf8)
    if bytes.count == 36, bytes[14] == UInt8(ascii: "4"),
      [UInt8]("89ab".utf8).contains(bytes[19]), binary(id).count == 16
    {
      return 122
    }
    let binaryForm = binary(id)
    return binaryForm.count * 8
  }

  /// Lower-case hex of binary bytes, to compare IDs by value whatever their text form.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
  }

  static func isUUIDv4(_ id: String) -> Bool { randomBits(id) == 122 }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
  }

  private static func nibble(_ byte: UInt8) -> UInt8 {
    switch byte {
    case 48...57: byte - 48
    case 97...102: byte - 87
    default: byte - 55
    }
  }
}
