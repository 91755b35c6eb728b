/// Strings numbered in order of first appearance, for a column that stores each string once and
/// then its number wherever it occurs.
struct StringDictionary {
  private var numbers: [String: Int] = [:]
  /// The strings, length-prefixed, in number order: the dictionary column.
  private(set) var entries = ColumnBuffer()
  private(set) var count = 0
  /// The string looked up last and its number: a column's values come in runs (a trace's spans
  /// share a service, a slot's values repeat), and a comparison is cheaper than hashing again.
  private var last: (text: String, number: Int)?

  /// The number of `text`, added to the dictionary if it is new.
  mutating func number(of text: String) -> Int {
    if let last, last.text == text { return last.number }
    let number = numbers[text] ?? {
      numbers[text] = count
      entries.string(text)
      count += 1
      return count - 1
    }()
    last = (text, number)
    return number
  }
}

extension ColumnReader {
  /// Every string of a dictionary column, to its end.
  ///
  /// A dictionary holds each string once (`StringDictionary`), so a repeat is corruption; checking
  /// it also bounds the work a column of zeros can ask for, which would otherwise read as millions
  /// of empty strings (a 10-byte input found by FuzzTraceStore: 27 M of them, 12 s).
  mutating func dictionary() throws -> [String] {
    var strings: [String] = []
    var seen = Set<String>()
    while !isAtEnd { strings.append(try uniqueString(in: &seen)) }
    return strings
  }

  /// `count` strings of a dictionary shared with others in one column.
  mutating func dictionary(count: Int) throws -> [String] {
    guard count <= remaining else { throw failure("dictionary of \(count) strings in \(remaining) bytes") }
    var strings: [String] = []
    strings.reserveCapacity(count)
    var seen = Set<String>()
    for _ in 0..<count { strings.append(try uniqueString(in: &seen)) }
    return strings
  }

  private mutating func uniqueString(in seen: inout Set<String>) throws -> String {
    let text = try string()
    guard seen.insert(text).inserted else { throw failure("\"\(text.prefix(40))\" is in the dictionary twice") }
    return text
  }
}
