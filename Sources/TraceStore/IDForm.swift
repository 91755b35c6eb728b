import TraceJSON

/// How an ID is stored: the random bits of a UUID or hex ID as binary, anything else as its text.
///
/// The escape matters because the model keeps IDs as text and readers pass some through as given
/// (`trace-00000001-52c48291`, upper-case UUIDs): the decoded text must be the same bytes, so only a
/// spelling that binary gives back exactly (lower-case digits, hyphens where a UUID has them) is
/// stored as binary. The form and any length go to `ColumnID.idForms`, the bytes to the ID's column.
enum IDForm: UInt8 {
  /// 36 characters, 8-4-4-4-12 lower-case hex digits: 16 bytes.
  case uuid = 0
  /// An even number of lower-case hex digits: a byte count, then half as many bytes.
  case hex = 1
  /// Anything else: a byte count, then the UTF-8 text.
  case text = 2

  private static let hyphenPositions: Set<Int> = [8, 13, 18, 23]

  static func append(_ id: String, forms: inout ColumnBuffer, bytes: inout ColumnBuffer) {
    let utf8 = Array(id.utf8)
    if utf8.count == 36, isLowerUUID(utf8), let binary = Hex.decode(utf8.filter { $0 != hyphen }) {
      forms.byte(IDForm.uuid.rawValue)
      bytes.raw(binary)
    } else if !utf8.isEmpty, utf8.allSatisfy(isLowerHexDigit), let binary = Hex.decode(utf8) {
      forms.byte(IDForm.hex.rawValue)
      forms.varint(binary.count)
      bytes.raw(binary)
    } else {
      forms.byte(IDForm.text.rawValue)
      forms.varint(utf8.count)
      bytes.raw(utf8)
    }
  }

  static func read(forms: inout ColumnReader, bytes: inout ColumnReader) throws -> String {
    let code = try forms.byte()
    switch IDForm(rawValue: code) {
    case .uuid:
      let hex = Array(Hex.encode(try bytes.raw(16)).utf8)
      var text: [UInt8] = []
      text.reserveCapacity(36)
      for digit in hex {
        if hyphenPositions.contains(text.count) { text.append(hyphen) }
        text.append(digit)
      }
      return String(decoding: text, as: UTF8.self)
    case .hex:
      let count = try forms.count(atMost: bytes.remaining)
      return Hex.encode(try bytes.raw(count))
    case .text:
      let count = try forms.count(atMost: bytes.remaining)
      guard let text = String(validating: try bytes.raw(count), as: UTF8.self) else {
        throw bytes.failure("id is not valid UTF-8")
      }
      return text
    case nil:
      throw forms.failure("unknown id form \(code)")
    }
  }

  private static let hyphen = UInt8(ascii: "-")

  private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  private static func isLowerUUID(_ utf8: [UInt8]) -> Bool {
    utf8.indices.allSatisfy { position in
      hyphenPositions.contains(position) ? utf8[position] == hyphen : isLowerHexDigit(utf8[position])
    }
  }
}
