/// One span in the seed's data model, the normalized form every stage works on.
///
/// The generator produces it, the format readers produce it from other systems' exports, and
/// Baseline and Analysis never know which did. Times are Unix-epoch nanoseconds.
public struct Span: Sendable, Equatable {
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
  /// 0 for OK, 1 for ERROR, as in the seed.
  public var statusCode: Int
  /// The source gave no start or no duration (a late or partial Zipkin span): the times are
  /// placeholders, so figures about time (durations, trace windows, timestamp deltas) leave the
  /// span out, while counts and sizes keep it.
  public var timingUnknown = false

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

/// A key and its typed value, as a span tag or a log-event field.
public struct Tag: Sendable, Equatable {
  public var key: String
  public var value: TagValue

  public init(_ key: String, _ value: TagValue) {
    self.key = key
    self.value = value
  }
}

/// The value types JSON tags take in the formats we read and write.
public enum TagValue: Sendable, Equatable, Hashable {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
}

/// A timestamped event inside a span (the seed's `logs` entries).
public struct LogEvent: Sendable, Equatable {
  public var timestampNanos: Int64
  public var event: String
  /// Further fields after `event`, such as the seed's `key`.
  public var fields: [Tag]

  public init(timestampNanos: Int64, event: String, fields: [Tag] = []) {
    self.timestampNanos = timestampNanos
    self.event = event
    self.fields = fields
  }
}
