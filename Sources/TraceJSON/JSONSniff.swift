/// How a possibly truncated JSON text begins: the keys of its first object, found without parsing.
///
/// Format detection sees only a file's first kilobytes, usually cut in the middle of a value, so it
/// cannot use `JSONParser`. This scan tracks only strings and nesting, which is enough to tell keys
/// of the first object from everything nested inside it.
package struct JSONSniff {
  package enum Start: Equatable {
    case empty
    /// A top-level object, with the keys of its own members.
    case object(keys: [String])
    /// A top-level array whose first object (directly or inside a first inner array) has these
    /// keys; `truncated` when the prefix ends inside that object.
    case array(keys: [String], truncated: Bool)
    case emptyArray
    /// Anything else, with the first byte.
    case other(UInt8)
  }

  package let start: Start

  package init(_ bytes: [UInt8]) {
    var index = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    func skipWhitespace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
    skipWhitespace()
    guard index < bytes.count else {
      start = .empty
      return
    }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      start = .object(keys: Self.keys(bytes, objectAt: index).keys)
    case UInt8(ascii: "["):
      index += 1
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
        index += 1
        skipWhitespace()
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
        let found = Self.keys(bytes, objectAt: index)
        start = .array(keys: found.keys, truncated: found.truncated)
      } else if index >= bytes.count || bytes[index] == UInt8(ascii: "]") {
        start = .emptyArray
      } else {
        start = .array(keys: [], truncated: false)
      }
    case let byte:
      start = .other(byte)
    }
  }

  /// "an object with trace_id, spans", "an array of objects with …", "'x'".
  package var description: String {
    switch start {
    case .empty: "nothing"
    case .object(let keys):
      keys.isEmpty ? "an empty object" : "an object with " + JSONValue.listing(keys)
    case .array(let keys, _):
      keys.isEmpty
        ? "an array of non-objects" : "an array of objects with " + JSONValue.listing(keys)
    case .emptyArray: "an empty array"
    case .other(let byte):
      (0x21..<0x7F).contains(byte)
        ? "'\(Character(Unicode.Scalar(byte)))'"
        : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
  }

  /// The keys of the object opening at `start`, and whether the bytes end before it closes.
  private static func keys(_ bytes: [UInt8], objectAt start: Int) -> (
    keys: [String], truncated: Bool
  ) {
    var keys: [String] = []
    var depth = 0
    var tokens = JSONTokens(bytes, from: start)
    var pendingKey: Range<Int>?
    while let token = tokens.next() {
      switch token {
      case .open:
        depth += 1
        pendingKey = nil
      case .close:
        depth -= 1
        if depth == 0 { return (keys, false) }
        pendingKey = nil
      case .string(let range, let closed):
        pendingKey = depth == 1 && closed ? range : nil
      case .colon:
        if let key = pendingKey { keys.append(String(decoding: bytes[key], as: UTF8.self)) }
        pendingKey = nil
      }
    }
    return (keys, true)
  }
}
