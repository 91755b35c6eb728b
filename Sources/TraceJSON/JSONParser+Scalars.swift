extension JSONParser {
  /// Parses the string whose opening quote is at `position`.
  ///
  /// Strings without escapes, the usual case, are decoded straight from the buffer; UTF-8 is
  /// validated sequence by sequence so a bad byte is reported at its own offset. Runs of plain
  /// ASCII are passed over eight bytes at a time first (`plainASCIIEnd`).
  package mutating func parseString() throws -> String {
    position += 1
    let start = position
    var copying = false
    scratch.removeAll(keepingCapacity: true)
    position = Self.plainASCIIEnd(bytes, from: position)
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        if copying { return String(decoding: scratch, as: UTF8.self) }
        return String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
      case UInt8(ascii: "\\"):
        if !copying {
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
          copying = true
        }
        try parseEscape()
      case 0..<0x20:
        throw JSONSyntaxError(
          reason: .syntax("control character 0x\(String(byte, radix: 16)) inside a string"),
          offset: position)
      case 0x80...:
        guard let length = Self.utf8SequenceLength(bytes, at: position) else {
          throw JSONSyntaxError(reason: .invalidUTF8, offset: position)
        }
        if copying {
          scratch.append(
            contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
        }
        position += length
      default:
        if copying { scratch.append(byte) }
        position += 1
      }
    }
    throw JSONSyntaxError(reason: .syntax("unterminated string"), offset: start - 1)
  }

  /// The bytes of the string whose opening quote is at `position`, moving past it, when it has
  /// no escapes and is well-formed UTF-8; nil otherwise, with `position` left anywhere. For a
  /// reader that makes its `String`s itself, most of them ones it has made before.
  package mutating func unescapedString() -> UnsafeBufferPointer<UInt8>? {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
    position += 1
    let start = position
    while case let plainEnd = Self.plainASCIIEnd(bytes, from: position), plainEnd < bytes.count {
      position = plainEnd
      switch bytes[position] {
      case UInt8(ascii: "\""):
        position += 1
        return UnsafeBufferPointer(rebasing: bytes[start..<position - 1])
      case UInt8(ascii: "\\"), 0..<0x20:
        return nil
      case 0x80...:
        guard let length = Self.utf8SequenceLength(bytes, at: position) else { return nil }
        position += length
      default:
        position += 1
      }
    }
    return nil
  }

  /// Where the run of bytes from `start` that need no attention inside a string ends, to a
  /// multiple of eight: none is a quote, a backslash, a control character or non-ASCII. Each word
  /// sets the high bit of a lane that is one of those in one of the masks (the test `JSONWriter`
  /// makes before copying a string, with the high bit added), exact for whether any lane is.
  @inline(__always)
  static func plainASCIIEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress else { return start }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var offset = start
    while offset + 8 <= bytes.count {
      let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
      let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
      let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
      let control = (word &- ones &* 0x20) & ~word
      let special = word | control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
      if special & highs != 0 { return offset }
      offset += 8
    }
    return offset
  }

  /// Decodes the escape at `position` into `scratch`, pairing UTF-16 surrogates.
  private mutating func parseEscape() throws {
    let escapeStart = position
    guard position + 1 < bytes.count else {
      throw JSONSyntaxError(reason: .syntax("unterminated string"), offset: position)
    }
    let letter = bytes[position + 1]
    position += 2
    let simple: UInt8? =
      switch letter {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      scratch.append(simple)
      return
    }
    guard letter == UInt8(ascii: "u") else {
      throw JSONSyntaxError(reason: .syntax("invalid escape sequence"), offset: escapeStart)
    }
    var code = try hexQuad()
    if (0xD800..<0xDC00).contains(code) {
      guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
        bytes[position + 1] == UInt8(ascii: "u")
      else {
        throw JSONSyntaxError(
          reason: .syntax("unpaired UTF-16 surrogate in \\u escape"), offset: escapeStart)
      }
      position += 2
      let low = try hexQuad()
      guard (0xDC00..<0xE000).contains(low) else {
        throw JSONSyntaxError(
          reason: .syntax("unpaired UTF-16 surrogate in \\u escape"), offset: escapeStart)
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(code) else {
      throw JSONSyntaxError(
        reason: .syntax("unpaired UTF-16 surrogate in \\u escape"), offset: escapeStart)
    }
    scratch.append(contentsOf: UTF8.encode(scalar)!)
  }

  private mutating func hexQuad() throws -> UInt32 {
    guard position + 4 <= bytes.count else {
      throw JSONSyntaxError(reason: .syntax("\\u escape needs four hex digits"), offset: position)
    }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default:
        throw JSONSyntaxError(reason: .syntax("\\u escape needs four hex digits"), offset: position)
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }

  /// Parses a number: an `int` when it is an integer literal within `Int64`, else a `double`.
  package mutating func parseNumber() throws -> JSONValue {
    let start = position
    let negative = bytes[position] == UInt8(ascii: "-")
    if negative { position += 1 }
    // Accumulated as a negative number so that Int64.min, whose magnitude has no positive twin,
    // still parses as an integer.
    var accumulated: Int64 = 0
    var overflow = false
    let integerStart = position
    while position < bytes.count, case let byte = bytes[position],
      byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9")
    {
      let (times10, o1) = accumulated.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
      overflow = overflow || o1 || o2
      accumulated = next
      position += 1
    }
    let integerDigits = position - integerStart
    guard integerDigits > 0 else { throw invalidNumber(start) }
    if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") { throw invalidNumber(start) }
    var isInteger = true
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard skipDigits() > 0 else { throw invalidNumber(start) }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      position += 1
      if position < bytes.count,
        bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      guard skipDigits() > 0 else { throw invalidNumber(start) }
    }
    if isInteger, !overflow {
      if negative { return .int(accumulated) }
      if accumulated != .min { return .int(-accumulated) }
    }
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    guard let number = Double(text) else { throw invalidNumber(start) }
    return .double(number)
  }

  private mutating func skipDigits() -> Int {
    let start = position
    while position < bytes.count, bytes[position] >= UInt8(ascii: "0"),
      bytes[position] <= UInt8(ascii: "9")
    {
      position += 1
    }
    return position - start
  }

  private func invalidNumber(_ start: Int) -> JSONSyntaxError {
    JSONSyntaxError(reason: .syntax("invalid number"), offset: start)
  }

  /// The length of the well-formed UTF-8 sequence at `offset`, or nil (RFC 3629, table 3-7 of the
  /// Unicode standard: no overlong forms, no surrogates, nothing above U+10FFFF).
  package static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
    let lead = bytes[offset]
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      secondRange = 0xA0...0xBF
    case 0xED:
      length = 3
      secondRange = 0x80...0x9F
    case 0xE1...0xEF: length = 3
    case 0xF0:
      length = 4
      secondRange = 0x90...0xBF
    case 0xF4:
      length = 4
      secondRange = 0x80...0x8F
    case 0xF1...0xF3: length = 4
    default: return nil
    }
    guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else {
      return nil
    }
    for index in offset + 2..<offset + length where !(0x80...0xBF).contains(bytes[index]) {
      return nil
    }
    return length
  }
}
