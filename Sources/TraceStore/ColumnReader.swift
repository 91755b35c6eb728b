import TraceModel

/// Reads one decompressed column, checking every length against the bytes that remain.
///
/// Any byte sequence either reads or throws: a count read from the file is compared with what is
/// left before anything is allocated for it, so a corrupt length cannot ask for gigabytes.
struct ColumnReader {
  let column: ColumnID
  private let bytes: [UInt8]
  private(set) var position = 0

  init(_ column: ColumnID, _ bytes: [UInt8]) {
    self.column = column
    self.bytes = bytes
  }

  var remaining: Int { bytes.count - position }
  var isAtEnd: Bool { position == bytes.count }

  func failure(_ problem: String) -> BlockError {
    BlockError("column \(column.name) at byte \(position): \(problem)")
  }

  mutating func byte() throws -> UInt8 {
    guard position < bytes.count else { throw failure("ends early") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func varint() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let next = try byte()
      guard shift < 64, shift < 63 || next <= 1 else { throw failure("varint longer than 64 bits") }
      value |= UInt64(next & 0x7f) << shift
      if next < 0x80 { return value }
      shift += 7
    }
  }

  mutating func signed() throws -> Int64 { Varint.unzigzag(try varint()) }

  /// A varint that counts something of which there can be at most `limit`: more is corruption.
  mutating func count(atMost limit: Int) throws -> Int {
    let value = try varint()
    guard value <= UInt64(limit) else { throw failure("count \(value) exceeds \(limit)") }
    return Int(value)
  }

  /// An index below `bound`, such as a dictionary entry.
  mutating func index(below bound: Int) throws -> Int {
    let value = try varint()
    guard value < UInt64(bound) else { throw failure("index \(value) out of range (\(bound) entries)") }
    return Int(value)
  }

  mutating func raw(_ count: Int) throws -> ArraySlice<UInt8> {
    guard count >= 0, count <= remaining else { throw failure("needs \(count) bytes, \(remaining) left") }
    defer { position += count }
    return bytes[position..<(position + count)]
  }

  mutating func string() throws -> String {
    let length = try count(atMost: remaining)
    guard let text = String(validating: try raw(length), as: UTF8.self) else {
      throw failure("string is not valid UTF-8")
    }
    return text
  }

  mutating func fixed64() throws -> UInt64 {
    try raw(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// Throws unless every byte was read: leftovers mean the columns disagree with each other.
  func expectEnd() throws {
    guard isAtEnd else { throw failure("\(remaining) bytes left over") }
  }
}
