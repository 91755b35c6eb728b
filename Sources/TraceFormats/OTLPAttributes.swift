import TraceJSON
import TraceModel

/// Decodes OTLP/JSON `KeyValue` lists (span and event attributes) into tags.
///
/// `AnyValue` is a oneof written as an object with one member: `stringValue`, `boolValue`,
/// `intValue` (a decimal string, as protobuf's JSON mapping writes int64; numbers accepted),
/// `doubleValue` (a number, or "NaN"/"Infinity"/"-Infinity"), `arrayValue`, `kvlistValue` or
/// `bytesValue`. The last three have no `TagValue` case and become strings: arrays and kvlists as
/// compact JSON of their plain values (`["a",1]`, `{"k":"v"}`), bytes as their base64 text.
enum OTLPAttributes {
  /// The tags of a `KeyValue` array; with `unique`, a repeated key is an error (span attributes).
  static func tags(_ list: [JSONValue], unique: Bool, summary: inout ReadSummary) throws -> [Tag] {
    var tags: [Tag] = []
    tags.reserveCapacity(list.count)
    for (index, keyValue) in list.enumerated() {
      try FieldError.within("attributes[\(index)]") {
        let key = try keyValue.string("key")
        guard let value = try value(keyValue["value"] ?? .object([]), summary: &summary) else {
          summary.note(.attributeWithoutValueDropped)
          return
        }
        if unique { try tags.appendUnique(Tag(key, value)) } else { tags.append(Tag(key, value)) }
      }
    }
    return tags
  }

  /// The string value of attribute `key` in a `KeyValue` array, if it has one.
  static func string(_ key: String, in list: [JSONValue]) -> String? {
    for keyValue in list where keyValue["key"] == .string(key) {
      if case .string(let text)? = keyValue["value"]?["stringValue"] { return text }
    }
    return nil
  }

  /// The tag value of an `AnyValue`; nil when it holds no value (an empty or unknown oneof).
  static func value(_ anyValue: JSONValue, summary: inout ReadSummary) throws -> TagValue? {
    guard case .object(let members) = anyValue else {
      throw FieldError.wrongType("value", expected: "an AnyValue object", found: anyValue)
    }
    for member in members {
      let value = member.value
      switch member.key {
      case "stringValue": return .string(try value.asString("stringValue"))
      case "boolValue":
        guard case .bool(let flag) = value else {
          throw FieldError.wrongType("boolValue", expected: "true or false", found: value)
        }
        return .bool(flag)
      case "intValue":
        return .int(try JSONValue.int64(value, field: "intValue", acceptingStrings: true))
      case "doubleValue": return .double(try double(value))
      case "arrayValue", "kvlistValue":
        summary.note(.attributeFlattenedToString)
        return .string(try plain(anyValue).compactText)
      case "bytesValue":
        summary.note(.attributeFlattenedToString)
        return .string(try value.asString("bytesValue"))
      default: continue
      }
    }
    return nil
  }

  private static func double(_ value: JSONValue) throws -> Double {
    switch value {
    case .double(let number): return number
    case .int(let number): return Double(number)
    case .string("NaN"): return .nan
    case .string("Infinity"): return .infinity
    case .string("-Infinity"): return -.infinity
    case .string(let text):
      guard let number = Double(text) else {
        throw FieldError("field \"doubleValue\": expected a number, found \"\(text)\"")
      }
      return number
    default: throw FieldError.wrongType("doubleValue", expected: "a number", found: value)
    }
  }

  /// An `AnyValue` as plain JSON (arrays as arrays, kvlists as objects), for flattening.
  private static func plain(_ anyValue: JSONValue) throws -> JSONValue {
    if let array = anyValue["arrayValue"] {
      return .array(try array.optionalArray("values").map(plain))
    }
    if let kvlist = anyValue["kvlistValue"] {
      return .object(
        try kvlist.optionalArray("values").map { keyValue in
          JSONValue.Member(
            key: try keyValue.string("key"), value: try plain(keyValue["value"] ?? .object([])))
        })
    }
    var ignored = ReadSummary(format: .otlp, sourceTimestampUnit: .nanoseconds)
    switch try value(anyValue, summary: &ignored) {
    case .string(let text)?: return .string(text)
    case .int(let number)?: return .int(number)
    case .double(let number)?: return .double(number)
    case .bool(let flag)?: return .bool(flag)
    case nil: return .null
    }
  }
}
