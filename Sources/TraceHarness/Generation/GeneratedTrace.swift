/// One generated trace: its spans in pre-order (parents before children) and what only the
/// generator knows about them.
public struct GeneratedTrace: Sendable {
  public var index: Int
  public var spans: [Span]
  /// Per span, how the generator drew it.
  public var origins: [SpanOrigin]
}

/// How the generator drew a span: indices into the topology and the trace rather than names and
/// IDs, so the dataset's metadata is counted without hashing a string per span.
public struct SpanOrigin: Sendable, Equatable {
  /// Index of the span's service in `Topology.services`.
  public var service: Int
  /// Index of the span's operation in that service's `operations`.
  public var operation: Int
  /// Position of the parent span in the trace; `nil` for the root.
  public var parent: Int?
  /// 1 for the root, 2 for its children, and so on.
  public var depth: Int
  /// Whether the span failed by itself rather than through a failed child.
  public var failedIntrinsically: Bool
}
