import TraceJSON

extension JSONValue {
  /// How many object members, at any depth, repeat a key of an earlier member of their object.
  ///
  /// RFC 8259 leaves duplicate keys to the reader, so the parser keeps them all and the readers
  /// count them here instead of failing: a file that repeats a key is still read. Objects of a
  /// span have a dozen keys, for which comparing every pair is cheaper than a hash set; larger
  /// ones use a set.
  var duplicateKeyCount: Int {
    switch self {
    case .array(let elements):
      return elements.reduce(0) { $0 + $1.duplicateKeyCount }
    case .object(let members):
      var count = 0
      if members.count <= 16 {
        for index in members.indices.dropFirst()
        where members[..<index].contains(where: { $0.key == members[index].key }) {
          count += 1
        }
      } else {
        var keys = Set<String>()
        for member in members where !keys.insert(member.key).inserted { count += 1 }
      }
      return members.reduce(count) { $0 + $1.value.duplicateKeyCount }
    default:
      return 0
    }
  }
}
