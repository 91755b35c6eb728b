import Foundation

/// Any JSON document, decoded without a schema.
///
/// The history has to read reports written by every past version of the harness, so it cannot
/// decode into today's report types: old commits lack fields, new ones add them.
enum ReportJSONValue: Sendable, Equatable, Decodable {
  case null
  case bool(Bool)
  /// Doubles hold every integer below 2^53 exactly, far beyond any byte count in a report.
  case number(Double)
  case string(String)
  case array([ReportJSONValue])
  case object([String: ReportJSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ReportJSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ReportJSONValue].self))
    }
  }

  /// Parses `text`, or says in one line why it is not JSON.
  static func parse(_ text: String) throws(UnreadableReport) -> ReportJSONValue {
    let data = Data(text.utf8)
    do {
      return try JSONDecoder().decode(ReportJSONValue.self, from: data)
    } catch {
      throw UnreadableReport(reason: "not valid JSON" + Self.position(ofErrorIn: data))
    }
  }

  /// Where the syntax error is, e.g. ": invalid value around character 9", or "" if unknown.
  ///
  /// JSONDecoder's error on Linux says only "not valid JSON"; JSONSerialization's names the
  /// offending character, which is what someone fixing a hand-edited report needs.
  private static func position(ofErrorIn data: Data) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return ""
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
      let trimmed = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
      return trimmed.isEmpty ? "" : ": " + trimmed.prefix(1).lowercased() + trimmed.dropFirst()
    }
  }

  /// The member `key` of an object; nil for anything else.
  subscript(key: String) -> ReportJSONValue? {
    if case .object(let members) = self { members[key] } else { nil }
  }

  var number: Double? {
    if case .number(let value) = self { value } else { nil }
  }

  var string: String? {
    if case .string(let value) = self { value } else { nil }
  }
}
