import TraceJSON
import TraceModel

extension JSONValue {
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
}
