/// A parsed value that does not have the shape a format requires, with the path to it.
///
/// Thrown while converting a `JSONValue` to spans, before the reader knows the line; the reader
/// turns it into a `FormatError`. The path ("resourceSpans[0].scopeSpans[1].spans[4]") is assembled
/// by `within` only when an error actually passes through, so the happy path builds no strings.
package struct FieldError: Error, Equatable {
  package var path: [String] = []
  package var problem: String

  package init(_ problem: String) {
    self.problem = problem
  }

  package static func missing(_ field: String) -> FieldError {
    FieldError("missing field \"\(field)\"")
  }

  package static func wrongType(_ field: String, expected: String, found: JSONValue) -> FieldError {
    FieldError("field \"\(field)\": expected \(expected), found \(found.kindDescription)")
  }

  /// "spans[2]: missing field \"traceId\"", or the bare problem at the top level.
  package var message: String {
    path.isEmpty ? problem : path.joined(separator: ".") + ": " + problem
  }

  /// Runs `body`, prefixing `component` to the path of any `FieldError` it throws.
  package static func within<T>(_ component: @autoclosure () -> String, _ body: () throws -> T) rethrows
    -> T
  {
    do {
      return try body()
    } catch var error as FieldError {
      error.path.insert(component(), at: 0)
      throw error
    }
  }
}
