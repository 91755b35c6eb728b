import TraceJSON
import TraceModel

/// Decodes Jaeger's typed key-values (span tags, log fields): `{"key", "type", "value"}`.
///
/// `type` is one of string, bool, int64, float64 and binary; the value is the matching JSON type,
/// though numbers and booleans written as strings are accepted. Binary values stay the string the
/// API wrote. Without `type`, the JSON type of the value decides.
enum JaegerTags {
  static func tags(_ list: [JSONValue], unique: Bool) throws -> [Tag] {
    var tags: [Tag] = []
    tags.reserveCapacity(list.count)
    for (index, keyValue) in list.enumerated() {
      try FieldError.within("tags[\(index)]") {
        let tag = Tag(try keyValue.string("key"), try value(keyValue))
        if unique { try tags.appendUnique(tag) } else { tags.append(tag) }
      }
    }
    return tags
  }

  private static func value(_ keyValue: JSONValue) throws -> TagValue {
    let value = try keyValue.required("value")
    switch (try keyValue.optionalString("type"), value) {
    case ("string"?, .string(let text)), ("binary"?, .string(let text)):
      return .string(text)
    case ("bool"?, .bool(let flag)):
      return .bool(flag)
    case ("bool"?, .string("true")):
      return .bool(true)
    case ("bool"?, .string("false")):
      return .bool(false)
    case ("int64"?, _):
      return .int(try JSONValue.int64(value, field: "value", acceptingStrings: true))
    case ("float64"?, .double(let number)):
      return .double(number)
    case ("float64"?, .int(let number)):
      return .double(Double(number))
    case ("float64"?, .string(let text)) where Double(text) != nil:
      return .double(Double(text)!)
    case (nil, _):
      guard let scalar = value.scalarTagValue else {
        throw FieldError.wrongType("value", expected: "a string, number or boolean", found: value)
      }
      return scalar
    case (let type?, _):
      throw FieldError("field \"value\": \(value.kindDescription) does not match type \"\(type)\"")
    }
  }
}
