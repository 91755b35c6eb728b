import TraceJSON

/// Span and trace IDs as bytes, and how many of their bits are random.
enum IDBytes {
  /// The binary form of an ID: 16 bytes for a UUID, the bytes of an even-length hex string, else
  /// the UTF-8 text itself (IDs such as `trace-00000001-52c48291`).
  ///
  /// One pass over the text, straight into the result: filtering the dashes out first and then
  /// decoding took two arrays per ID, called three times a span.
  static func binary(_ id: String) -> [UInt8] {
    var id = id
    return id.withUTF8 { text in
      var dashes = 0
      for byte in text where byte == dash { dashes += 1 }
      let digits = text.count - dashes
      guard digits > 0, digits.isMultiple(of: 2), dashes == 0 || text.count == 36 else { return Array(text) }
      return [UInt8](unsafeUninitializedCapacity: digits / 2) { bytes, count in
        count = 0
        var high: UInt8? = nil
        for byte in text where byte != dash {
          guard let nibble = Hex.value(byte) else {
            count = 0
            return
          }
          if let first = high {
            bytes[count] = first << 4 | nibble
            count += 1
            high = nil
          } else {
            high = nibble
          }
        }
      }.nonEmpty ?? Array(text)
    }
  }

  /// Bits no lossless encoding can remove, assuming random IDs: 122 for a UUIDv4 (6 bits are fixed
  /// version and variant), 4 per hex digit, 8 per byte of other text (an upper estimate: such IDs
  /// are seldom random).
  static func randomBits(_ id: String) -> Int { randomBits(id, binary: binary(id)) }

  /// `randomBits(id)` of an ID whose `binary` form the caller already has.
  static func randomBits(_ id: String, binary binaryForm: [UInt8]) -> Int {
    var id = id
    let isUUIDv4 = id.withUTF8 { text in
      text.count == 36 && text[14] == UInt8(ascii: "4") && variantDigits.contains(text[19])
    }
    return isUUIDv4 && binaryForm.count == 16 ? 122 : binaryForm.count * 8
  }

  private static let dash = UInt8(ascii: "-")
  /// The first digit of a UUID's fourth group that its variant bits (`10`) allow.
  private static let variantDigits: [UInt8] = Array("89ab".utf8)
}

extension Array {
  /// The array, or nil when it is empty.
  fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
