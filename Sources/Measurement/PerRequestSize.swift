import Codecs
import TraceModel

/// OTLP protobuf as exporters send it: every request compressed on its own (an HTTP body with
/// `Content-Encoding: gzip`, or zstd), the sizes summed.
///
/// Consumes a stream of 4-byte big-endian length-prefixed records, the layout of the file exporter
/// and of `OTLPProtobufStream`; the prefix is framing, not part of the request, so it is not counted.
///
/// With `sampling` above 1 only every `sampling`-th request in stream order is compressed (the
/// first, then every n-th after it), and the size is scaled to all requests by their share of the
/// protobuf bytes (`PerRequestResult.bytes`): the same requests every run, so the estimate is
/// reproducible. With `lengthOnlyUnsampled` the requests not sampled come as length-only records
/// (`OTLPProtobufWriter(wholeRequestsEvery:)` at the same sampling): their length and no message.
public final class PerRequestSize: BatchSink {
  public let setting: CodecSetting
  public let spansPerRequest: Int
  private let lengthOnlyUnsampled: Bool
  private var measured: PerRequestResult
  /// The record being read: the bytes of its length prefix so far, then its body's length and
  /// how much of it is still to come, and its compression when it is sampled. A body is fed to
  /// its compressor as it arrives, never gathered: an 8,192-span request is some 3 MB, and four
  /// of these sinks holding one each were 13 MB at the peak of a 1.26 GB analyze (heaptrack).
  private var prefix: [UInt8] = []
  private var body: (length: Int, remaining: Int, compression: VerifiedCompression?)?

  public init(_ setting: CodecSetting, spansPerRequest: Int, sampling: Int = 1, lengthOnlyUnsampled: Bool = false) {
    self.setting = setting
    self.spansPerRequest = spansPerRequest
    self.lengthOnlyUnsampled = lengthOnlyUnsampled
    measured = PerRequestResult(
      setting: setting, spansPerRequest: spansPerRequest, requests: 0, spans: 0, compressedBytes: 0,
      sampling: max(1, sampling))
  }

  public var label: String { "\(setting) per \(spansPerRequest)-span request" }
  public var isSlow: Bool { setting.isSlow }

  public func consume(_ batch: SpanBatch) throws {
    measured.spans += batch.spanCount
    try batch.bytes.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        guard var body else {
          let taken = min(4 - prefix.count, bytes.count - offset)
          prefix.append(contentsOf: bytes[offset..<offset + taken])
          offset += taken
          if prefix.count == 4 { try startRecord() }
          continue
        }
        let taken = min(body.remaining, bytes.count - offset)
        try body.compression?.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + taken]))
        offset += taken
        body.remaining -= taken
        self.body = body
        if body.remaining == 0 { try endRecord() }
      }
    }
  }

  public func endOfStream() throws {
    guard prefix.isEmpty, body == nil else {
      throw CodecError("per-request \(setting)", "the stream ended inside a record")
    }
  }

  /// Reads the length prefix just completed; a record with no body to come ends at once.
  private func startRecord() throws {
    let length = prefix.reduce(0) { $0 << 8 | Int($1) }
    prefix.removeAll(keepingCapacity: true)
    let sampled = measured.requests % measured.sampling == 0
    let bodyLength = sampled || !lengthOnlyUnsampled ? length : 0
    body = (length, bodyLength, sampled ? try VerifiedCompression(setting) : nil)
    if bodyLength == 0 { try endRecord() }
  }

  private func endRecord() throws {
    guard let body else { return }
    self.body = nil
    if let compression = body.compression {
      // An empty message is still one stream, as `VerifiedCompression.compressedBytes` makes it.
      if body.length == 0 { try compression.feed(UnsafeRawBufferPointer(start: nil, count: 0)) }
      measured.compressedBytes += try compression.finish()
      measured.sampledRequests += 1
      measured.sampledMessageBytes += body.length
    }
    measured.requests += 1
    measured.messageBytes += body.length
  }

  public var result: PerRequestResult { measured }
}

/// Requests of `spansPerRequest` spans, each compressed on its own with `setting`: all of them, or
/// one in `sampling`.
public struct PerRequestResult: Sendable, Equatable, Codable {
  public var setting: CodecSetting
  public var spansPerRequest: Int
  public var requests: Int
  public var spans: Int
  /// The compressed sizes of the requests compressed (all of them, or the sample).
  var compressedBytes: Int
  /// One request in this many was compressed (`QuickDefaults.perRequestSampling`); 1: all of
  /// them, and `bytes` is measured.
  public var sampling = 1
  /// Protobuf bytes of all requests and of those compressed, their length prefixes left out.
  var messageBytes = 0
  public var sampledRequests = 0
  var sampledMessageBytes = 0

  /// Whether `bytes` is scaled up from a sample of the requests.
  public var isEstimate: Bool { sampledRequests < requests }

  /// All requests compressed: measured, or the sample's size scaled by its share of the bytes.
  public var bytes: Int {
    guard isEstimate, sampledMessageBytes > 0 else { return compressedBytes }
    return Int((Double(compressedBytes) * Double(messageBytes) / Double(sampledMessageBytes)).rounded())
  }
}

/// The OTLP protobuf row set: the whole stream through the sweep's settings, and the same spans
/// as exporters send them, per request; or, when a span has an ID OTLP cannot carry (the seed's
/// `trace-00000001-52c48291`), that ID, and no rows.
public enum ProtobufRows: Sendable, Equatable, Codable {
  case measured(ProtobufBaseline)
  case unmappableID(id: String, kind: String, reason: String)

  public var measured: ProtobufBaseline? {
    if case .measured(let baseline) = self { baseline } else { nil }
  }
}

/// The OTLP protobuf rows of a stream whose every ID OTLP can carry.
public struct ProtobufBaseline: Sendable, Equatable, Codable {
  public var whole: BaselineResult
  public var perRequest: [PerRequestResult]

  public init(whole: BaselineResult, perRequest: [PerRequestResult]) {
    self.whole = whole
    self.perRequest = perRequest
  }

  /// Batch sizes of the per-request rows: the Collector's batch processor sends 8,192 spans by
  /// default; 512 is the SDK's batch span processor's default export batch.
  public static let spansPerRequest = [512, 8_192]
  /// gzip at zlib's default level is what OTLP exporters compress with; zstd-3 is zstd's default.
  public static let perRequestSettings = [CodecSetting(.gzip, level: 6), CodecSetting(.zstd, level: 3)]
}
