/// One generated trace: its spans in pre-order (parents before children) and what only the
/// generator knows about them.
public struct GeneratedTrace: Sendable {
  public var index: Int
  public var spans: [Span]
  /// Per span: whether it failed by itself rather than through a failed child.
  public var failedIntrinsically: [Bool]
  /// Per span: 1 for the root, 2 for its children, and so on.
  public var depths: [Int]
}
