import TraceJSON
import TraceModel

/// A model id that `OTLPIDMapping` cannot turn into an OTLP id.
public struct IDMappingError: Error, CustomStringConvertible, Equatable, Sendable {
  public var id: String
  /// "trace" or "span".
  public var kind: String
  public var reason: String

  public var description: String {
    "\(kind) id \"\(id)\" cannot be an OTLP \(kind) id: \(reason)"
  }
}
