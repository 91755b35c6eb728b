import TraceJSON
import TraceModel

/// A model id that `OTLPIDMapping` cannot turn into an OTLP id.
struct IDMappingError: Error, CustomStringConvertible, Equatable {
  var id: String
  /// "trace" or "span".
  var kind: String
  var reason: String

  var description: String {
    "\(kind) id \"\(id)\" cannot be an OTLP \(kind) id: \(reason)"
  }
}
