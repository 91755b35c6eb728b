/// Typed access to the members of a JSON object, throwing `FieldError`s that name the field.
///
/// `null` counts as absent for the optional accessors, as both the seed (`parent_span_id: null`) and
/// the exporters that write `"warnings": null` use it.
extension JSONValue {
  func required(_ key: String) throws -> JSONValue {
    guard let value = self[key] else { throw FieldError.missing(key) }
    return value
  }

  func string(_ key: String) throws -> String {
    try required(key).asString(key)
  }

  /// This value as a string, or an error naming it `field`.
  func asString(_ field: String) throws -> String {
    guard case .string(let text) = self else {
      throw FieldError.wrongType(field, expected: "a string", found: self)
    }
    return text
  }

  /// This value as an array, or an error naming it `field`.
  func asArray(_ field: String) throws -> [JSONValue] {
    guard case .array(let elements) = self else {
      throw FieldError.wrongType(field, expected: "an array", found: self)
    }
    return elements
  }

  func optionalString(_ key: String) throws -> String? {
    switch self[key] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case let value?: throw FieldError.wrongType(key, expected: "a string", found: value)
    }
  }

  /// An integer written as a JSON number.
  func int64(_ key: String) throws -> Int64 {
    try Self.int64(try required(key), field: key, acceptingStrings: false)
  }

  /// An integer written as a number or as a decimal string, as protobuf's JSON mapping writes
  /// 64-bit fields (`"startTimeUnixNano": "1698000000000000000"`).
  func int64OrString(_ key: String) throws -> Int64 {
    try Self.int64(try required(key), field: key, acceptingStrings: true)
  }

  /// The elements of an array member; an absent or null member is an empty array.
  func optionalArray(_ key: String) throws -> [JSONValue] {
    switch self[key] {
    case nil, .null?: return []
    case .array(let elements)?: return elements
    case let value?: throw FieldError.wrongType(key, expected: "an array", found: value)
    }
  }

  func array(_ key: String) throws -> [JSONValue] {
    try required(key).asArray(key)
  }

  /// The members of an object member; an absent or null member has none.
  func optionalMembers(_ key: String) throws -> [Member] {
    switch self[key] {
    case nil, .null?: return []
    case .object(let members)?: return members
    case let value?: throw FieldError.wrongType(key, expected: "an object", found: value)
    }
  }

  /// A string, number or boolean as a tag value; nil for `null`, arrays and objects.
  var scalarTagValue: TagValue? {
    switch self {
    case .string(let text): .string(text)
    case .int(let number): .int(number)
    case .double(let number): .double(number)
    case .bool(let flag): .bool(flag)
    case .null, .array, .object: nil
    }
  }

  /// This object as tags in written order (the seed's and Zipkin's `tags`); values must be
  /// strings, numbers or booleans, keys unique.
  func asTagObject(_ field: String) throws -> [Tag] {
    guard case .object(let members) = self else {
      throw FieldError.wrongType(field, expected: "an object", found: self)
    }
    var tags: [Tag] = []
    tags.reserveCapacity(members.count)
    for member in members {
      guard let tagValue = member.value.scalarTagValue else {
        throw FieldError.wrongType(
          "\(field).\(member.key)", expected: "a string, number or boolean", found: member.value)
      }
      try tags.appendUnique(Tag(member.key, tagValue))
    }
    return tags
  }

  /// `value` as an Int64: an integer, a double with an exact Int64 value, or (if allowed) a
  /// decimal string. Anything else, including integers beyond Int64, throws naming `field`.
  static func int64(_ value: JSONValue, field: String, acceptingStrings: Bool) throws -> Int64 {
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
