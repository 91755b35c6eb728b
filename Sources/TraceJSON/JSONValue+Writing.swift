extension JSONValue {
  /// Compact JSON text of this value, members in their order: the string an OTLP array or kvlist
  /// attribute becomes, since `TagValue` has no nested values.
  package var compactText: String {
    var out: [UInt8] = []
    write(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let flag): JSONWriter.bool(flag, &out)
    case .int(let number): JSONWriter.integer(number, &out)
    case .double(let number): JSONWriter.double(number, &out)
    case .string(let text): JSONWriter.string(text, &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        element.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONWriter.string(member.key, &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }
}
