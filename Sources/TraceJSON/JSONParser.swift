import Foundation

/// A strict RFC 8259 parser over a byte buffer, with a nesting limit and byte offsets in its errors.
///
/// Besides `parseValue()` it exposes `forEachElement` and `forEachMember`, so a reader can walk a
/// large top-level array (a Zipkin file, Jaeger's `data`) one element at a time and hold only that
/// element's tree. The nesting limit is checked as containers open, so deeply nested input fails
/// with `tooDeep` long before it could exhaust the stack.
package struct JSONParser {
  /// The deepest nesting of arrays and objects accepted. Real trace exports stay below 15 (an OTLP
  /// kvlist attribute inside a span is about 12 levels down).
  package static let maxDepth = 64

  package let bytes: UnsafeBufferPointer<UInt8>
  package var position = 0
  private var depth = 0
  /// Reused for strings with escapes, so most strings are decoded straight from the buffer.
  package var scratch: [UInt8] = []

  package init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Parses a buffer that holds exactly one JSON value, with optional whitespace around it.
  package static func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
    var parser = JSONParser(bytes)
    let value = try parser.parseValue()
    try parser.expectEnd()
    return value
  }

  /// Parses the value at `position` (leading whitespace allowed) and moves past it.
  package mutating func parseValue() throws -> JSONValue {
    switch try peekNonWhitespace() {
    case UInt8(ascii: "{"):
      var members: [JSONValue.Member] = []
      try forEachMember { key, parser in
        members.append(JSONValue.Member(key: key, value: try parser.parseValue()))
      }
      return .object(members)
    case UInt8(ascii: "["):
      var elements: [JSONValue] = []
      try forEachElement { parser in elements.append(try parser.parseValue()) }
      return .array(elements)
    case UInt8(ascii: "\""):
      return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try parseNumber()
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case let byte:
      throw unexpected(byte, expected: "a JSON value")
    }
  }

  /// Walks the array at `position`; `body` must consume exactly one element each time it is called.
  package mutating func forEachElement(_ body: (inout JSONParser) throws -> Void) throws {
    try open(UInt8(ascii: "["), "'['")
    defer { depth -= 1 }
    if try peekNonWhitespace() == UInt8(ascii: "]") {
      position += 1
      return
    }
    while true {
      try body(&self)
      let next = try peekNonWhitespace()
      position += 1
      if next == UInt8(ascii: "]") { return }
      guard next == UInt8(ascii: ",") else {
        throw unexpected(next, at: position - 1, expected: "',' or ']' after an array element")
      }
    }
  }

  /// Walks the object at `position`; `body` gets each key and must consume exactly its value.
  package mutating func forEachMember(_ body: (String, inout JSONParser) throws -> Void) throws {
    try open(UInt8(ascii: "{"), "'{'")
    defer { depth -= 1 }
    if try peekNonWhitespace() == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      let quote = try peekNonWhitespace()
      guard quote == UInt8(ascii: "\"") else {
        throw unexpected(quote, expected: "a string key")
      }
      let key = try parseString()
      let colon = try peekNonWhitespace()
      guard colon == UInt8(ascii: ":") else { throw unexpected(colon, expected: "':' after a key") }
      position += 1
      try body(key, &self)
      let next = try peekNonWhitespace()
      position += 1
      if next == UInt8(ascii: "}") { return }
      guard next == UInt8(ascii: ",") else {
        throw unexpected(next, at: position - 1, expected: "',' or '}' after an object member")
      }
    }
  }

  /// Throws unless only whitespace is left.
  package mutating func expectEnd() throws {
    skipWhitespace()
    if position < bytes.count {
      throw unexpected(bytes[position], expected: "the end of the input after the JSON value")
    }
  }

  /// Moves past spaces, tabs, carriage returns and newlines.
  package mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  /// The next non-whitespace byte, left unconsumed; throws at the end of the input.
  package mutating func peekNonWhitespace() throws -> UInt8 {
    skipWhitespace()
    guard position < bytes.count else {
      throw JSONSyntaxError(reason: .syntax("unexpected end of input"), offset: position)
    }
    return bytes[position]
  }

  private mutating func open(_ bracket: UInt8, _ name: String) throws {
    let byte = try peekNonWhitespace()
    guard byte == bracket else { throw unexpected(byte, expected: name) }
    guard depth < Self.maxDepth else { throw JSONSyntaxError(reason: .tooDeep, offset: position) }
    depth += 1
    position += 1
  }

  private mutating func expectLiteral(_ literal: StaticString) throws {
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    for (index, byte) in expected.enumerated() {
      guard position + index < bytes.count else {
        throw JSONSyntaxError(reason: .syntax("unexpected end of input"), offset: bytes.count)
      }
      guard bytes[position + index] == byte else {
        throw unexpected(bytes[position + index], at: position + index, expected: "a JSON value")
      }
    }
    position += expected.count
  }

  /// Moves past `literal` when the bytes at `position` are exactly it; otherwise stays and
  /// returns false. For readers that recognize a fixed layout (`CanonicalSpanLine`) and take
  /// another path when the bytes differ, so nothing is thrown.
  package mutating func skip(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard bytes.count - position >= count else { return false }
    let here = bytes.baseAddress! + position
    guard here.pointee == literal.utf8Start.pointee,
      count == 1 || memcmp(here + 1, literal.utf8Start + 1, count - 1) == 0
    else { return false }
    position += count
    return true
  }

  /// An error naming the byte found (or flagging it as bad UTF-8) and what should have been there.
  package func unexpected(_ byte: UInt8, at offset: Int? = nil, expected: String) -> JSONSyntaxError {
    let offset = offset ?? position
    if byte >= 0x80, Self.utf8SequenceLength(bytes, at: offset) == nil {
      return JSONSyntaxError(reason: .invalidUTF8, offset: offset)
    }
    let found =
      byte < 0x20 || byte >= 0x80
      ? "byte 0x" + String(byte, radix: 16, uppercase: true)
      : "'\(Character(Unicode.Scalar(byte)))'"
    return JSONSyntaxError(reason: .syntax("expected \(expected), found \(found)"), offset: offset)
  }
}
