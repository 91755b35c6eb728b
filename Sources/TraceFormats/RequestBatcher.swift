import TraceModel

/// Spans gathered `spansPerRequest` at a time into one export request: the batching both OTLP
/// writers share, so the JSON and the protobuf files hold the same requests.
struct RequestBatcher {
  let spansPerRequest: Int
  private var pending: [Span] = []

  init(spansPerRequest: Int) {
    self.spansPerRequest = max(1, spansPerRequest)
    pending.reserveCapacity(self.spansPerRequest)
  }

  /// Adds `span`; when the batch is full, hands it to `write`.
  mutating func append(_ span: Span, _ write: ([Span]) throws -> Void) throws {
    pending.append(span)
    if pending.count == spansPerRequest { try flush(write) }
  }

  /// Hands a partly filled batch to `write`, if there is one.
  mutating func finish(_ write: ([Span]) throws -> Void) throws {
    if !pending.isEmpty { try flush(write) }
  }

  private mutating func flush(_ write: ([Span]) throws -> Void) throws {
    defer { pending.removeAll(keepingCapacity: true) }
    try write(pending)
  }
}
