import TraceJSON
/// Checks the hex trace and span ids of OTLP and Zipkin, lower-casing them.
///
/// OTLP/JSON allows either case and Zipkin asks for lower case; the model compares ids as strings,
/// so one spelling is needed for a parent to match its child.
enum HexID {
  /// `text` in lower case, after checking it is hex of one of `lengths` digits.
  static func normalized(
    _ text: String, field: String, lengths: [Int], summary: inout ReadSummary
  ) throws -> String {
    let utf8 = text.utf8
    guard lengths.contains(utf8.count), utf8.allSatisfy(Hex.isDigit) else {
      let digits = lengths.map(String.init).joined(separator: " or ")
      throw FieldError("field \"\(field)\": expected \(digits) hex digits, found \"\(text)\"")
    }
    guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }) else {
      return text
    }
    summary.note(.idLowercased)
    return text.lowercased()
  }
}
