import TraceModel

/// A dictionary of distinct strings in first-appearance order, written as varint-length-prefixed
/// UTF-8.
struct StringDictionary {
  private(set) var entries: [String] = []
  private var indexByEntry: [String: Int] = [:]

  /// The entry's index, adding it if new.
  mutating func index(of entry: String) -> Int {
    if let index = indexByEntry[entry] { return index }
    indexByEntry[entry] = entries.count
    entries.append(entry)
    return entries.count - 1
  }

  var count: Int { entries.count }

  func encoded() -> [UInt8] {
    var out: [UInt8] = []
    Varint.append(UInt64(entries.count), to: &out)
    for entry in entries {
      Varint.append(UInt64(entry.utf8.count), to: &out)
      out.append(contentsOf: entry.utf8)
    }
    return out
  }

  /// Reads a dictionary written by `encoded()` at `position`.
  static func decode(_ bytes: [UInt8], at position: inout Int) -> [String]? {
    guard let count = Varint.read(bytes, at: &position) else { return nil }
    var entries: [String] = []
    for _ in 0..<count {
      guard let length = Varint.read(bytes, at: &position), position + Int(length) <= bytes.count
      else { return nil }
      entries.append(String(decoding: bytes[position..<(position + Int(length))], as: UTF8.self))
      position += Int(length)
    }
    return entries
  }
}
