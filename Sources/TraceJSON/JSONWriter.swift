/// JSON scalars written straight into bytes: the one writer every JSON output of the harness uses
/// (the seed's JSONL lines, OTLP/JSON, compact text of parsed values).
///
/// Hand-written because it runs once per string on the hot path of generation; strings are copied
/// whole after an eight-bytes-at-a-time escape check.
package enum JSONWriter {
  /// Quotes and every byte escaped as `\u00XX`: the longest a string can be written.
  package static func stringBytes(_ text: String) -> Int { 2 + 6 * text.utf8.count }

  /// Longest decimal Int64 with its sign.
  package static let integerBytes = 20

  /// A JSON string: quotes, backslashes and control characters escaped, other UTF-8 as is.
  package static func string(_ text: String, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: stringBytes(text)) { string(text, to: &$0) }
  }

  /// `text` as a JSON string, quotes included.
  package static func stringBytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    string(text, &bytes)
    return bytes
  }

  package static func string(_ text: String, to cursor: inout ByteCursor) {
    let written: Void? = text.utf8.withContiguousStorageIfAvailable { string(utf8: $0, to: &cursor) }
    if written == nil {
      var text = text
      text.withUTF8 { string(utf8: $0, to: &cursor) }
    }
  }

  /// UTF-8 bytes as a JSON string, as `string(_:to:)` writes the same text.
  package static func string(utf8: UnsafeBufferPointer<UInt8>, to cursor: inout ByteCursor) {
    cursor.byte(UInt8(ascii: "\""))
    if !needsEscape(utf8) {
      cursor.copy(utf8)
    } else {
      for byte in utf8 {
        if needsEscape(byte) { escape(byte, to: &cursor) } else { cursor.byte(byte) }
      }
    }
    cursor.byte(UInt8(ascii: "\""))
  }

  /// A decimal integer without going through `String`.
  package static func integer(_ number: Int64, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: integerBytes) { $0.integer(number) }
  }

  package static func bool(_ flag: Bool, to cursor: inout ByteCursor) {
    cursor.copy(flag ? "true" : "false")
  }

  package static func bool(_ flag: Bool, _ out: inout [UInt8]) {
    out.append(contentsOf: (flag ? "true" : "false").utf8)
  }

  /// The shortest text that round-trips, the same on every platform; `null` for NaN and infinities,
  /// which JSON cannot write. At most 24 characters (-2.2250738585072014e-308).
  package static func double(_ number: Double, to cursor: inout ByteCursor) {
    var text = number.isFinite ? number.description : "null"
    text.withUTF8 { cursor.copy($0) }
  }

  package static func double(_ number: Double, _ out: inout [UInt8]) {
    ByteCursor.append(to: &out, capacity: 32) { double(number, to: &$0) }
  }

  @inline(__always)
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Whether any byte needs escaping, tested eight bytes at a time: a byte below 0x20 or equal to
  /// a quote or a backslash sets the high bit of its lane in one of the three masks (the classic
  /// "has a zero byte" test, exact for whether any lane matches).
  private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = utf8.baseAddress else { return false }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var offset = 0
    while offset + 8 <= utf8.count {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
      let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
      let control = (word &- ones &* 0x20) & ~word
      let matches = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
      if matches & highs != 0 { return true }
      offset += 8
    }
    return utf8[offset...].contains(where: needsEscape)
  }

  private static func escape(_ byte: UInt8, to cursor: inout ByteCursor) {
    if byte < 0x20 {
      cursor.copy("\\u00")
      cursor.byte(Hex.digit(byte >> 4))
      cursor.byte(Hex.digit(byte & 0xF))
    } else {
      cursor.byte(UInt8(ascii: "\\"))
      cursor.byte(byte)
    }
  }
}
