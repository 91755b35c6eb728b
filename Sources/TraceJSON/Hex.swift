/// Hexadecimal digits: the one routine behind every hex id the harness reads or writes (OTLP and
/// Zipkin ids, the binary form of UUIDs, JSON's `\u00XX` escapes).
package enum Hex {
  /// The lower-case digit of `nibble` (0…15).
  @inline(__always)
  package static func digit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  /// The value of a hex digit of either case, or nil for any other byte.
  @inline(__always)
  package static func value(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  package static func isDigit(_ byte: UInt8) -> Bool { value(byte) != nil }

  /// Lower-case hex of `bytes`, two digits a byte.
  package static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      text.append(digit(byte >> 4))
      text.append(digit(byte & 0xF))
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The bytes of an even number of hex digits of either case; nil for anything else.
  package static func decode<Digits: Collection<UInt8>>(_ digits: Digits) -> [UInt8]? {
    guard digits.count.isMultiple(of: 2) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var high: UInt8? = nil
    for digit in digits {
      guard let nibble = value(digit) else { return nil }
      if let first = high {
        bytes.append(first << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    return bytes
  }
}
