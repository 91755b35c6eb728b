import TraceJSON
import TraceModel

/// Decodes OTLP/JSON `KeyValue` lists (span, event, link, resource and scope attributes) into tags.
///
/// `AnyValue` is a oneof written as an object with one member: `stringValue`, `boolValue`,
/// `intValue` (a decimal string, as protobuf's JSON mapping writes int64; numbers accepted),
/// `doubleValue` (a number, or "NaN"/"Infinity"/"-Infinity"), `arrayValue`, `kvlistValue` or
/// `bytesValue` (base64). Every one has its `TagValue`, so nothing is flattened; an object with none
/// of them is `.empty`, as protobuf reads it.
enum OTLPAttributes {
  /// The tags of a `KeyValue` array; with `unique`, a repeated key is an error (span attributes).
  ///
  /// A `KeyValue` without `value` becomes `.empty` and is counted: OTLP gives both the same
  /// meaning, and the model does not keep the difference.
  static func tags(_ list: [JSONValue], unique: Bool, summary: inout ReadSummary) throws -> [Tag] {
    var tags: [Tag] = []
    tags.reserveCapacity(list.count)
    for (index, keyValue) in list.enumerated() {
      try FieldError.within("attributes[\(index)]") {
        KnownKeys.check(keyValue, KnownKeys.keyValue, summary: &summary)
        let key = try keyValue.string("key")
        let value: TagValue
        if let anyValue = keyValue["value"], anyValue != .null {
          value = try Self.value(anyValue, summary: &summary)
        } else {
          summary.note(.attributeWithoutValueMadeEmpty)
          value = .empty
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

  /// The tag value of an `AnyValue`; `.empty` when it holds no value (an empty or unknown oneof).
  static func value(_ anyValue: JSONValue, summary: inout ReadSummary) throws -> TagValue {
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
      case "arrayValue":
        return .array(
          try value.optionalArray("values").enumerated().map { index, element in
            try FieldError.within("arrayValue.values[\(index)]") {
              try Self.value(element, summary: &summary)
            }
          })
      case "kvlistValue":
        return .kvlist(
          try FieldError.within("kvlistValue") {
            try tags(try value.optionalArray("values"), unique: false, summary: &summary)
          })
      case "bytesValue":
        let text = try value.asString("bytesValue")
        guard let bytes = Base64.decode(text) else {
          throw FieldError("field \"bytesValue\": expected base64, found \"\(text)\"")
        }
        return .bytes(bytes)
      default: continue
      }
    }
    return .empty
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
}
