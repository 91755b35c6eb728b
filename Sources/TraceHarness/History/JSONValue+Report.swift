/// Reading a committed `reports/phase0.json` with the readers' parser, schema-less: the drift check
/// and the history take whatever figures a report version has.
extension JSONValue {
  /// Parses `text`, or says in one line why it is not JSON and where, so a hand-edited report can
  /// be fixed: "line 12: invalid JSON: expected ',' or '}' at column 5".
  static func parseReport(_ text: String) throws(UnreadableReport) -> JSONValue {
    var text = text
    let parsed: Result<JSONValue, JSONSyntaxError> = text.withUTF8 { bytes in
      Result { try JSONParser.parseDocument(bytes) }.mapError {
        $0 as? JSONSyntaxError ?? JSONSyntaxError(reason: .syntax("\($0)"), offset: 0)
      }
    }
    switch parsed {
    case .success(let value):
      return value
    case .failure(let error):
      let newline = UInt8(ascii: "\n")
      let before = text.utf8.prefix(error.offset)
      let lineStart = before.lastIndex(of: newline).map { before.index(after: $0) } ?? before.startIndex
      let column = before.distance(from: lineStart, to: before.endIndex) + 1
      let line = before.count { $0 == newline } + 1
      throw UnreadableReport(
        reason: "line \(line): " + error.problem(column: column, fileOffset: error.offset))
    }
  }

  /// A number as a report holds it, integer or not.
  var number: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  /// The text of a string value; nil for anything else.
  var text: String? {
    if case .string(let value) = self { value } else { nil }
  }
}
