import TraceModel

/// Bytes, arrays, kvlists and empty values, written whole: a type byte, then the value.
///
/// These come only from OTLP and are rare there, so they get a plain self-describing encoding
/// rather than columns of their own; nesting is limited so a crafted file cannot exhaust the stack.
enum NestedValue {
  static let maxDepth = 64

  private enum Kind: UInt8 {
    case string = 0, int, double, bool, bytes, array, kvlist, empty
  }

  static func append(_ value: TagValue, to out: inout ColumnBuffer) {
    switch value {
    case .string(let text):
      out.byte(Kind.string.rawValue)
      out.string(text)
    case .int(let number):
      out.byte(Kind.int.rawValue)
      out.signed(number)
    case .double(let number):
      out.byte(Kind.double.rawValue)
      out.fixed64(number.bitPattern)
    case .bool(let flag):
      out.byte(Kind.bool.rawValue)
      out.byte(flag ? 1 : 0)
    case .bytes(let bytes):
      out.byte(Kind.bytes.rawValue)
      out.varint(bytes.count)
      out.raw(bytes)
    case .array(let values):
      out.byte(Kind.array.rawValue)
      out.varint(values.count)
      for element in values { append(element, to: &out) }
    case .kvlist(let tags):
      out.byte(Kind.kvlist.rawValue)
      out.varint(tags.count)
      for tag in tags {
        out.string(tag.key)
        append(tag.value, to: &out)
      }
    case .empty:
      out.byte(Kind.empty.rawValue)
    }
  }

  static func read(_ reader: inout ColumnReader, depth: Int) throws -> TagValue {
    guard depth < maxDepth else { throw reader.failure("values nested deeper than \(maxDepth)") }
    let code = try reader.byte()
    switch Kind(rawValue: code) {
    case .string: return .string(try reader.string())
    case .int: return .int(try reader.signed())
    case .double: return .double(Double(bitPattern: try reader.fixed64()))
    case .bool:
      let flag = try reader.byte()
      guard flag <= 1 else { throw reader.failure("bool byte \(flag)") }
      return .bool(flag == 1)
    case .bytes: return .bytes(Array(try reader.raw(try reader.count(atMost: reader.remaining))))
    case .array:
      let count = try reader.count(atMost: reader.remaining)
      return .array(try (0..<count).map { _ in try read(&reader, depth: depth + 1) })
    case .kvlist:
      let count = try reader.count(atMost: reader.remaining)
      return .kvlist(try (0..<count).map { _ in Tag(try reader.string(), try read(&reader, depth: depth + 1)) })
    case .empty: return .empty
    case nil: throw reader.failure("unknown value kind \(code)")
    }
  }
}
