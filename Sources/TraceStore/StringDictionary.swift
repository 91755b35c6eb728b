/// Strings numbered in order of first appearance, for a column that stores each string once and
/// then its number wherever it occurs.
struct StringDictionary {
  private var numbers: [String: Int] = [:]
  /// The strings, length-prefixed, in number order: the dictionary column.
  private(set) var entries = ColumnBuffer()
  private(set) var count = 0

  /// The number of `text`, added to the dictionary if it is new.
  mutating func number(of text: String) -> Int {
    if let number = numbers[text] { return number }
    numbers[text] = count
    entries.string(text)
    count += 1
    return count - 1
  }
}

extension ColumnReader {
  /// Every string of a dictionary column, to its end.
  mutating func dictionary() throws -> [String] {
    var strings: [String] = []
    while !isAtEnd { strings.append(try string()) }
    return strings
  }

  /// `count` strings of a dictionary shared with others in one column.
  mutating func dictionary(count: Int) throws -> [String] {
    guard count <= remaining else { throw failure("dictionary of \(count) strings in \(remaining) bytes") }
    var strings: [String] = []
    strings.reserveCapacity(count)
    for _ in 0..<count { strings.append(try string()) }
    return strings
  }
}
