import TraceJSON
import TraceModel

extension Array where Element == Tag {
  /// Appends `tag`, or throws if a tag with its key is already here.
  ///
  /// `Span.tags` promises unique keys; JSON objects and attribute lists can repeat one, and
  /// keeping either copy silently would drop data, so a repeat is an error naming the key.
  mutating func appendUnique(_ tag: Tag) throws {
    if contains(where: { $0.key == tag.key }) {
      throw FieldError("duplicate tag key \"\(tag.key)\"")
    }
    append(tag)
  }
}
