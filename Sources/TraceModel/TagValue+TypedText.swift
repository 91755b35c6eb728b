extension TagValue {
  /// The value with its type, so `200` and `"200"` stay apart: s, i, d or b then the text, as
  /// the tags-and-logs potential has always keyed its dictionaries; x then hex for bytes, and
  /// nested values as a[…] and k{key=…} with their elements typed the same way.
  ///
  /// Here rather than in Measurement so that a new case of `TagValue` is spelled once, beside it.
  public var typedText: String {
    switch self {
    case .string(let text): "s" + text
    case .int(let number): "i\(number)"
    case .double(let number): "d\(number)"
    case .bool(let flag): flag ? "b1" : "b0"
    case .bytes(let bytes):
      "x" + bytes.map { byte in
        let digits = String(byte, radix: 16)
        return byte < 16 ? "0" + digits : digits
      }.joined()
    case .array(let values): "a[" + values.map(\.typedText).joined(separator: ",") + "]"
    case .kvlist(let tags): "k{" + tags.map { $0.key + "=" + $0.value.typedText }.joined(separator: ",") + "}"
    case .empty: "e"
    }
  }
}
