import TraceJSON

/// Span and trace IDs as bytes, and how many of their bits are random.
enum IDBytes {
  /// The binary form of an ID: 16 bytes for a UUID, the bytes of an even-length hex string, else
  /// the UTF-8 text itself (IDs such as `trace-00000001-52c48291`).
  static func binary(_ id: String) -> [UInt8] {
    let hex = id.utf8.filter { $0 != UInt8(ascii: "-") }
    guard !hex.isEmpty, id.utf8.count == hex.count || id.utf8.count == 36,
      let bytes = Hex.decode(hex)
    else { return Array(id.utf8) }
    return bytes
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
}
