import TraceFormats
import Reports
import TraceJSON

/// Reading a committed `reports/phase0.json` with the readers' parser, schema-less: the drift check
/// and the history take whatever figures a report version has.
extension JSONValue {
  /// Parses `text`, or says in one line why it is not JSON and where, so a hand-edited report can
  /// be fixed: "line 12: invalid JSON: expected ',' or '}' at column 5".
  static func parseReport(_ text: String) throws(UnreadableReport) -> JSONValue {
    var text = text
    let parsed: Result<JSONValue, UnreadableReport> = text.withUTF8 { bytes in
      do {
        return .success(try JSONParser.parseDocument(bytes))
      } catch {
        let syntax = error as? JSONSyntaxError ?? JSONSyntaxError(reason: .syntax("\(error)"), offset: 0)
        let (line, column) = SourceFile.position(of: syntax.offset, in: bytes, firstLine: 1)
        return .failure(
          UnreadableReport(reason: "line \(line): " + syntax.problem(column: column, fileOffset: syntax.offset)))
      }
    }
    return try parsed.get()
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
