/// Typed access to the members of a JSON object, throwing `FieldError`s that name the field.
///
/// `null` counts as absent for the optional accessors, as both the seed (`parent_span_id: null`) and
/// the exporters that write `"warnings": null` use it.
extension JSONValue {
  package func required(_ key: String) throws -> JSONValue {
    guard let value = self[key] else { throw FieldError.missing(key) }
    return value
  }

  package func string(_ key: String) throws -> String {
    try required(key).asString(key)
  }

  /// This value as a string, or an error naming it `field`.
  package func asString(_ field: String) throws -> String {
    guard case .string(let text) = self else {
      throw FieldError.wrongType(field, expected: "a string", found: self)
    }
    return text
  }

  /// This value as an array, or an error naming it `field`.
  package func asArray(_ field: String) throws -> [JSONValue] {
    guard case .array(let elements) = self else {
      throw FieldError.wrongType(field, expected: "an array", found: self)
    }
    return elements
  }

  package func optionalString(_ key: String) throws -> String? {
    switch self[key] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case let value?: throw FieldError.wrongType(key, expected: "a string", found: value)
    }
  }

  /// An integer written as a JSON number.
  package func int64(_ key: String) throws -> Int64 {
    try Self.int64(try required(key), field: key, acceptingStrings: false)
  }

  /// An integer written as a number or as a decimal string, as protobuf's JSON mapping writes
  /// 64-bit fields (`"startTimeUnixNano": "1698000000000000000"`).
  package func int64OrString(_ key: String) throws -> Int64 {
    try Self.int64(try required(key), field: key, acceptingStrings: true)
  }

  /// The elements of an array member; an absent or null member is an empty array.
  package func optionalArray(_ key: String) throws -> [JSONValue] {
    switch self[key] {
    case nil, .null?: return []
    case .array(let elements)?: return elements
    case let value?: throw FieldError.wrongType(key, expected: "an array", found: value)
    }
  }

  package func array(_ key: String) throws -> [JSONValue] {
    try required(key).asArray(key)
  }

  /// The members of an object member; an absent or null member has none.
  package func optionalMembers(_ key: String) throws -> [Member] {
    switch self[key] {
    case nil, .null?: return []
    case .object(let members)?: return members
    case let value?: throw FieldError.wrongType(key, expected: "an object", found: value)
    }
  }

  /// `value` as an Int64: an integer, a double with an exact Int64 value, or (if allowed) a
  /// decimal string. Anything else, including integers beyond Int64, throws naming `field`.
  package static func int64(_ value: JSONValue, field: String, acceptingStrings: Bool) throws -> Int64 {
    switch value {
    case .int(let number):
      return number
    case .double(let number):
      if let exact = Int64(exactly: number) { return exact }
      if number.isFinite, number == number.rounded() {
        throw FieldError("field \"\(field)\": \(number) does not fit a 64-bit integer")
      }
      throw FieldError("field \"\(field)\": expected an integer, found \(number)")
    case .string(let text) where acceptingStrings:
      if let number = Int64(text) { return number }
      let digits = text.drop { $0 == "-" || $0 == "+" }
      if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
        throw FieldError("field \"\(field)\": \(text) does not fit a 64-bit integer")
      }
      throw FieldError("field \"\(field)\": expected a decimal integer string, found \"\(text)\"")
    default:
      throw FieldError.wrongType(
        field, expected: acceptingStrings ? "an integer or integer string" : "an integer",
        found: value)
    }
  }
}
