/// A parsed JSON value whose objects keep their members in document order.
///
/// The readers use this rather than Foundation's `JSONSerialization`/`JSONDecoder` because those
/// hand back dictionaries: the order tags were written in is lost (and Swift iterates dictionaries in
/// a per-process random order, so output would not be reproducible), `true` and `1` become the same
/// `NSNumber`, and integers above 2^53 go through `Double`. Span data needs all three kept.
package enum JSONValue: Equatable {
  case null
  case bool(Bool)
  /// An integer literal that fits `Int64`; any other number is a `double`.
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([Member])

  /// One `"key": value` pair of an object.
  package struct Member: Equatable {
    package var key: String
    package var value: JSONValue

    package init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// The value of the first member named `key`, if this is an object that has one.
  ///
  /// A linear search: span objects have a dozen keys at most, fewer than a hash table pays for.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// What kind of value this is, for error messages: "an object with resourceSpans", "a number".
  package var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .int, .double: "a number"
    case .string: "a string"
    case .array(let elements): elements.isEmpty ? "an empty array" : "an array"
    case .object(let members):
      members.isEmpty
        ? "an empty object" : "an object with " + Self.listing(members.map(\.key))
    }
  }

  /// Up to four names joined with commas, then "…" if there were more.
  package static func listing(_ names: [String]) -> String {
    let shown = names.prefix(4).joined(separator: ", ")
    return names.count > 4 ? shown + ", …" : shown
  }
}
