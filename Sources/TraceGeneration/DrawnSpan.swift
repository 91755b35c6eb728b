import TraceFormats
import TraceJSON
import TraceModel

/// A span as the generator drew it: indices into the topology and the trace, numbers and flags, no
/// strings.
///
/// Writing the dataset needs only these: the JSON line is written from them directly
/// (`DrawnLine`), and the `Span` value, with its strings and arrays, is made only for a
/// consumer that asks for it (`GeneratedTrace.span(at:)`).
struct DrawnSpan: Sendable {
  var spanID: UUIDv4.Bits
  /// Index of the span's service in `Topology.services`.
  var service: Int
  /// Index of the span's operation in that service's `operations`.
  var operation: Int
  /// Position of the parent span in the trace; `nil` for the root.
  var parent: Int?
  /// 1 for the root, 2 for its children, and so on.
  var depth: Int
  var startNanos: Int64
  var endNanos: Int64
  var failed = false
  /// Whether the span failed by itself rather than through a failed child.
  var failedIntrinsically = false
  /// The `http.status_code` tag of an HTTP span.
  var httpStatus: Int64 = 200
  /// The span's log events, in this order when present.
  var cacheLookup: CacheLookup?
  var retryNanos: Int64?
  var error: FailureLog?

  var isRoot: Bool { parent == nil }

  /// A `cache_hit` or `cache_miss` event, keyed by the service's prefix and the trace's user or SKU.
  struct CacheLookup: Sendable {
    var hit: Bool
    var timestampNanos: Int64
  }

  /// The `error` event of a failed span.
  struct FailureLog: Sendable {
    var timestampNanos: Int64
    var cause: Cause

    enum Cause: Sendable {
      /// One of the service's own error messages, by index.
      case own(Int)
      /// "upstream <service> failed", naming the failed child's service by index.
      case upstream(Int)
    }
  }
}
