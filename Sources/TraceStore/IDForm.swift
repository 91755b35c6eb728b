import TraceJSON

/// How an ID is stored: the random bits of a UUID or hex ID as binary, anything else as its text.
///
/// The escape matters because the model keeps IDs as text and readers pass some through as given
/// (`trace-00000001-52c48291`, upper-case UUIDs): the decoded text must be the same bytes, so only a
/// spelling that binary gives back exactly (lower-case digits, hyphens where a UUID has them) is
/// stored as binary. The form and any length go to a forms column, the bits to the ID's column.
enum IDForm: UInt8 {
  /// 36 characters, 8-4-4-4-12 lower-case hex digits: 128 bits.
  case uuid = 0
  /// An even number of lower-case hex digits: a byte count, then 8 bits a byte.
  case hex = 1
  /// Anything else: a byte count, then the UTF-8 text.
  case text = 2
  /// A lower-case UUID of version 4, variant 10: its 122 random bits, the 6 fixed ones implied.
  case uuid4 = 3
  /// Lower-case hex whose first bytes are zero, as a 64-bit trace ID in OTLP's 128-bit field: the
  /// byte count and the count of leading zero bytes, then only the bytes after them.
  case zeroPrefixedHex = 4

  /// Where a UUID's text has its hyphens; a switch rather than a Set, which would hash on every
  /// character of every ID.
  private static func isHyphenPosition(_ position: Int) -> Bool {
    switch position {
    case 8, 13, 18, 23: true
    default: false
    }
  }

  static func append(_ id: String, forms: inout ColumnBuffer, bits: inout BitBuffer) {
    var id = id
    // Almost every ID is a UUIDv4 or 8/16 bytes of hex: parsed in place, without the arrays the
    // general path builds (those were 12% of encoding's time on generated data).
    let fast = id.withUTF8 { appendFast($0, forms: &forms, bits: &bits) }
    if fast { return }
    let utf8 = Array(id.utf8)
    if utf8.count == 36, isLowerUUID(utf8), let binary = Hex.decode(utf8.filter { $0 != hyphen }) {
      let high = bigEndian(binary[0..<8]), low = bigEndian(binary[8..<16])
      if (high >> 12) & 0xF == 4, low >> 62 == 0b10 {
        forms.byte(IDForm.uuid4.rawValue)
        bits.append((high >> 16) << 12 | (high & 0xFFF), bits: 60)
        bits.append(low, bits: 62)
      } else {
        forms.byte(IDForm.uuid.rawValue)
        bits.append(bytes: binary)
      }
    } else if !utf8.isEmpty, utf8.allSatisfy(isLowerHexDigit), let binary = Hex.decode(utf8) {
      let zeros = binary.prefix { $0 == 0 }.count
      if zeros > 0 {
        forms.byte(IDForm.zeroPrefixedHex.rawValue)
        forms.varint(binary.count)
        forms.varint(zeros)
      } else {
        forms.byte(IDForm.hex.rawValue)
        forms.varint(binary.count)
      }
      bits.append(bytes: binary.dropFirst(zeros))
    } else {
      forms.byte(IDForm.text.rawValue)
      forms.varint(utf8.count)
      bits.append(bytes: utf8)
    }
  }

  /// The common forms straight from the text: a UUIDv4, or 8 or 16 bytes of hex with no zero
  /// first byte; false (nothing written) for anything else, which the general path then takes.
  private static func appendFast(
    _ text: UnsafeBufferPointer<UInt8>, forms: inout ColumnBuffer, bits: inout BitBuffer
  ) -> Bool {
    func hexValue(_ range: Range<Int>, skipping hyphens: Bool) -> UInt64? {
      var value: UInt64 = 0
      for position in range {
        let byte = text[position]
        if hyphens, isHyphenPosition(position) {
          guard byte == hyphen else { return nil }
          continue
        }
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
        default: return nil
        }
        value = value << 4 | UInt64(digit)
      }
      return value
    }
    switch text.count {
    case 36:
      guard let high = hexValue(0..<18, skipping: true), let low = hexValue(18..<36, skipping: true),
        (high >> 12) & 0xF == 4, low >> 62 == 0b10
      else { return false }
      forms.byte(IDForm.uuid4.rawValue)
      bits.append((high >> 16) << 12 | (high & 0xFFF), bits: 60)
      bits.append(low, bits: 62)
      return true
    case 16, 32:
      guard let first = hexValue(0..<16, skipping: false), first >> 56 != 0 else { return false }
      let second = text.count == 32 ? hexValue(16..<32, skipping: false) : 0
      guard let second else { return false }
      forms.byte(IDForm.hex.rawValue)
      forms.varint(text.count / 2)
      bits.append(first, bits: 64)
      if text.count == 32 { bits.append(second, bits: 64) }
      return true
    default:
      return false
    }
  }

  static func read(forms: inout ColumnReader, bits: inout BitReader) throws -> String {
    try read(code: try forms.byte(), forms: &forms, bits: &bits)
  }

  /// The ID's text, as `read` gives it, appended to `text`: a UUIDv4, almost every ID, written
  /// straight into the bytes, without a `String` between.
  static func appendText(forms: inout ColumnReader, bits: inout BitReader, to text: inout [UInt8]) throws {
    let code = try forms.byte()
    guard code == IDForm.uuid4.rawValue else {
      text.append(contentsOf: try read(code: code, forms: &forms, bits: &bits).utf8)
      return
    }
    let (high, low) = try uuid4Halves(&bits)
    let start = text.count
    text.append(contentsOf: repeatElement(0, count: 36))
    text.withUnsafeMutableBufferPointer { Hex.writeUUID(high: high, low: low, to: $0.baseAddress! + start) }
  }

  /// An ID as OTLP protobuf takes it: the number its hex digits make and how many digits there
  /// are, for `OTLPIDMapping.packed(high:low:digits:byteCount:)`, or its text for any other form.
  enum OTLPValue {
    case number(high: UInt64, low: UInt64, digits: Int)
    case text(String)
  }

  /// The ID `read` reads, as `OTLPValue`: UUIDv4s and 8 or 16 bytes of hex, almost every ID, as
  /// their number, with no text made and read again.
  static func readOTLP(forms: inout ColumnReader, bits: inout BitReader) throws -> OTLPValue {
    let code = try forms.byte()
    if code == IDForm.uuid4.rawValue {
      let (high, low) = try uuid4Halves(&bits)
      return .number(high: high, low: low, digits: 32)
    }
    if code == IDForm.hex.rawValue {
      let (formsBefore, bitsBefore) = (forms, bits)
      let count = try forms.count(atMost: bits.remainingBits / 8)
      if count == 8 || count == 16 {
        let high = count == 16 ? try bits.read(bits: 64) : 0
        return .number(high: high, low: try bits.read(bits: 64), digits: 2 * count)
      }
      (forms, bits) = (formsBefore, bitsBefore)
    }
    return .text(try read(code: code, forms: &forms, bits: &bits))
  }

  /// A UUIDv4's two halves from its 122 stored bits.
  private static func uuid4Halves(_ bits: inout BitReader) throws -> (high: UInt64, low: UInt64) {
    let packedHigh = try bits.read(bits: 60), packedLow = try bits.read(bits: 62)
    return ((packedHigh >> 12) << 16 | 0x4000 | (packedHigh & 0xFFF), packedLow | (0b10 << 62))
  }

  private static func read(code: UInt8, forms: inout ColumnReader, bits: inout BitReader) throws -> String {
    switch IDForm(rawValue: code) {
    case .uuid:
      let binary = try bits.readBytes(16)
      return uuidText(high: bigEndian(binary[0..<8]), low: bigEndian(binary[8..<16]))
    case .uuid4:
      let (high, low) = try uuid4Halves(&bits)
      return uuidText(high: high, low: low)
    case .hex:
      let count = try forms.count(atMost: bits.remainingBits / 8)
      return Hex.encode(try bits.readBytes(count))
    case .zeroPrefixedHex:
      let count = try forms.count(atMost: maxIDBytes)
      let zeros = try forms.count(atMost: count)
      guard zeros > 0, count - zeros <= bits.remainingBits / 8 else { throw forms.failure("zero prefix \(zeros) of \(count)") }
      return Hex.encode([UInt8](repeating: 0, count: zeros) + (try bits.readBytes(count - zeros)))
    case .text:
      let count = try forms.count(atMost: bits.remainingBits / 8)
      guard let text = String(validating: try bits.readBytes(count), as: UTF8.self) else {
        throw bits.failure("id is not valid UTF-8")
      }
      return text
    case nil:
      throw forms.failure("unknown id form \(code)")
    }
  }

  private static func uuidText(high: UInt64, low: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { text in
      Hex.writeUUID(high: high, low: low, to: text.baseAddress!)
      return 36
    }
  }

  /// Eight bytes, the first the most significant, as one value.
  private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }

  private static let hyphen = UInt8(ascii: "-")
  /// The longest zero-prefixed ID a decoder accepts, so a corrupt count cannot ask for gigabytes.
  private static let maxIDBytes = 1 << 16

  private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  private static func isLowerUUID(_ utf8: [UInt8]) -> Bool {
    utf8.indices.allSatisfy { position in
      isHyphenPosition(position) ? utf8[position] == hyphen : isLowerHexDigit(utf8[position])
    }
  }
}
