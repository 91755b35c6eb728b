/// One span in the seed's data model, the normalized form every stage works on.
///
/// The generator produces it, the format readers produce it from other systems' exports, and
/// Baseline and Analysis never know which did. Times are Unix-epoch nanoseconds.
///
/// The first ten fields are the seed's and what analysis reads. The rest carry what OTLP (and what
/// Zipkin and Jaeger can say of it) holds beyond the seed, so that a file read and written again
/// loses nothing. They default to "the source did not say" (`nil`, empty, 0), which is what the
/// generator produces, so generated spans and their JSONL are exactly as before. Writers of OTLP
/// fall back to the seed's fields where these are unset (kind from tags, status from
/// `statusCode`); where they are set, they win.
public struct Span: Sendable, Hashable {
  public var traceID: String
  public var spanID: String
  /// `nil` for a root span.
  public var parentSpanID: String?
  public var serviceName: String
  public var operationName: String
  public var startTimeNanos: Int64
  public var endTimeNanos: Int64
  /// Tags in the order they are written; keys are unique within a span.
  public var tags: [Tag]
  public var logs: [LogEvent]
  /// 0 for OK, 1 for ERROR, as in the seed; readers set 1 exactly when `status?.code` is ERROR.
  ///
  /// Kept beside `status` because the seed's JSONL writes it as 0/1 while OTLP's codes are
  /// 0 UNSET, 1 OK, 2 ERROR: the seed has no UNSET, so neither can be computed from the other.
  public var statusCode: Int
  /// The source gave no start or no duration (a late or partial Zipkin span): the times are
  /// placeholders, so figures about time (durations, trace windows, timestamp deltas) leave the
  /// span out, while counts and sizes keep it.
  public var timingUnknown = false

  /// OTLP span kind; `nil` when the source had none (the seed), so writers may infer one.
  public var kind: SpanKind?
  /// W3C `tracestate` header value; empty when absent.
  public var traceState: String = ""
  /// OTLP `flags`: W3C trace flags in bits 0–7, parent-is-remote in bits 8–9; 0 when absent.
  public var flags: UInt32 = 0
  /// The status exactly as the source gave it (OTLP keeps "no status message" apart from an empty
  /// one); `nil` when the source had no status object.
  public var status: SpanStatus?
  public var links: [SpanLink] = []
  /// Counts the producer reports it discarded before export (OTLP `dropped_*_count`).
  public var droppedAttributesCount: UInt32 = 0
  public var droppedEventsCount: UInt32 = 0
  public var droppedLinksCount: UInt32 = 0
  /// The resource the span came from, beyond `serviceName`: OTLP resource attributes, Jaeger
  /// process tags, Zipkin's local endpoint. `nil` when the source has only a service name.
  ///
  /// Inside a `TraceRequest` this stays `nil`: `ResourceSpans.resource` holds it once for all
  /// its spans, and `TraceRequest.spans` fills it in when flattening.
  public var resource: Resource?
  /// The instrumentation scope the span came from; `nil` outside OTLP. As `resource`, `nil` inside
  /// a `TraceRequest`.
  public var scope: InstrumentationScope?

  public init(
    traceID: String, spanID: String, parentSpanID: String?, serviceName: String,
    operationName: String, startTimeNanos: Int64, endTimeNanos: Int64, tags: [Tag] = [],
    logs: [LogEvent] = [], statusCode: Int = 0
  ) {
    self.traceID = traceID
    self.spanID = spanID
    self.parentSpanID = parentSpanID
    self.serviceName = serviceName
    self.operationName = operationName
    self.startTimeNanos = startTimeNanos
    self.endTimeNanos = endTimeNanos
    self.tags = tags
    self.logs = logs
    self.statusCode = statusCode
  }

  public var durationNanos: Int64 { endTimeNanos - startTimeNanos }
  public var isRoot: Bool { parentSpanID == nil }
}
