/// Why the bytes handed to `JSONParser` are not the JSON it accepts, and where.
///
/// The offset is relative to the parser's buffer; the readers turn it into a line and column of
/// the file (`FormatError`), since only they know where the buffer sits in the file.
package struct JSONSyntaxError: Error, Equatable {
  package enum Reason: Equatable {
    /// Not JSON: the message says what was expected.
    case syntax(String)
    /// A byte sequence that is not UTF-8 (RFC 3629: no overlongs, surrogates or values above
    /// U+10FFFF).
    case invalidUTF8
    /// Arrays and objects nested deeper than `JSONParser.maxDepth`.
    case tooDeep
  }

  package var reason: Reason
  /// Byte offset of the fault within the parsed buffer.
  package var offset: Int

  package init(reason: Reason, offset: Int) {
    self.reason = reason
    self.offset = offset
  }

  /// The problem as a reader reports it, with the column and byte offset in the file filled in.
  package func problem(column: Int, fileOffset: Int) -> String {
    switch reason {
    case .syntax(let message):
      "invalid JSON: \(message) at column \(column)"
    case .invalidUTF8:
      "invalid UTF-8 at byte offset \(fileOffset) (column \(column))"
    case .tooDeep:
      "JSON nested deeper than \(JSONParser.maxDepth) levels at column \(column); refusing to parse it"
    }
  }
}
