/// A timestamped event inside a span (the seed's `logs` entries, OTLP's span events).
public struct LogEvent: Sendable, Hashable {
  public var timestampNanos: Int64
  /// The seed's `event` field, OTLP's event `name`; empty when the source had none.
  public var event: String
  /// Further fields after `event`, such as the seed's `key`; OTLP's event attributes.
  public var fields: [Tag]
  /// OTLP `dropped_attributes_count`: fields the producer discarded before export.
  public var droppedAttributesCount: UInt32 = 0

  public init(timestampNanos: Int64, event: String, fields: [Tag] = []) {
    self.timestampNanos = timestampNanos
    self.event = event
    self.fields = fields
  }
}
