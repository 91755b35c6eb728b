import TraceModel

/// Writes OTLP protobuf as the Collector's file exporter does with `format: proto`: records of a
/// 4-byte big-endian length and one `TracesData` message, which `OTLPProtobufReader` reads back.
///
/// Spans appended one at a time are batched `spansPerRequest` to a record and grouped as
/// `OTLPJSONWriter` groups them (`RequestGrouping`), so the two OTLP writers hold the same
/// requests; a `TraceRequest` read from OTLP is written with its own grouping. The bytes are
/// swift-protobuf's for the same message (`OTLPProtoBytes`), fields in number order and no maps,
/// so they depend only on the spans.
///
/// With `wholeRequestsEvery` above 1 only the first request and every n-th after it are written
/// whole; the others are written as *length-only records*, their 4-byte length and no message,
/// the length counted without writing the message (`OTLPProtoBytes.messageByteCount`). That is
/// all the per-request rows need of the requests they do not compress (`PerRequestSize`).
public struct OTLPProtobufWriter {
  private var batcher: RequestBatcher
  private let wholeRequestsEvery: Int
  private var requests = 0

  public init(spansPerRequest: Int = OTLPJSONWriter.defaultSpansPerRequest, wholeRequestsEvery: Int = 1) {
    batcher = RequestBatcher(spansPerRequest: spansPerRequest)
    self.wholeRequestsEvery = max(1, wholeRequestsEvery)
  }

  public var spansPerRequest: Int { batcher.spansPerRequest }

  /// Adds `span` to the batch; when the batch is full, appends its record to `out`.
  public mutating func append(_ span: Span, into out: inout [UInt8]) throws {
    var requests = self.requests
    defer { self.requests = requests }
    try batcher.append(span) { [every = wholeRequestsEvery] in
      try Self.write($0, number: &requests, wholeEvery: every, into: &out)
    }
  }

  /// Appends the record of a partly filled batch, if there is one.
  public mutating func finish(into out: inout [UInt8]) throws {
    var requests = self.requests
    defer { self.requests = requests }
    try batcher.finish { [every = wholeRequestsEvery] in
      try Self.write($0, number: &requests, wholeEvery: every, into: &out)
    }
  }

  /// The record of request `number`, whole or length-only; counts it. The request is written
  /// from the batch's spans where they lie (`RequestGrouping`), never copied into groups.
  private static func write(_ spans: [Span], number: inout Int, wholeEvery: Int, into out: inout [UInt8]) throws {
    let grouping = RequestGrouping(spans, defaultScope: InstrumentationScope(name: OTLPJSONWriter.scopeName))
    if number % wholeEvery == 0 {
      var message = ProtoWriter()
      try OTLPProtoBytes.append(grouping, of: spans, to: &message)
      writeRecord(message: message.bytes, into: &out)
    } else {
      out.append(contentsOf: recordPrefix(messageBytes: OTLPProtoBytes.messageByteCount(grouping, of: spans)))
    }
    number += 1
  }

  /// Appends `request` as one length-prefixed record. On an id `OTLPIDMapping` rejects it throws
  /// and leaves `out` as it was.
  public static func writeRecord(_ request: TraceRequest, into out: inout [UInt8]) throws {
    writeRecord(message: try messageBytes(request), into: &out)
  }

  /// Appends the bytes of a `TracesData` message (`messageBytes`, or those of the request's
  /// parts one after another) as one length-prefixed record.
  public static func writeRecord(message: [UInt8], into out: inout [UInt8]) {
    out.append(contentsOf: recordPrefix(messageBytes: message.count))
    out.append(contentsOf: message)
  }

  /// The 4-byte big-endian length a record of a `messageBytes`-byte message begins with.
  public static func recordPrefix(messageBytes: Int) -> [UInt8] {
    let length = UInt32(messageBytes)
    return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
  }

  /// `request` as one `TracesData` message, without a length prefix.
  ///
  /// Its only field is the repeated `resource_spans`, whose elements protobuf writes one after
  /// another, so the bytes of a request's parts (a request of one group each) in order are the
  /// bytes of the whole request: `decode` serializes the parts on the decoding threads and never
  /// holds the whole.
  public static func messageBytes(_ request: TraceRequest) throws -> [UInt8] {
    var message = ProtoWriter()
    try OTLPProtoBytes.append(request, to: &message)
    return message.bytes
  }
}
