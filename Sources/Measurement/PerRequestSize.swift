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
  private var pending: [UInt8] = []
  private var measured: PerRequestResult

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
    pending += batch.bytes
    var start = 0
    while pending.count - start >= 4 {
      let length = pending[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
      let sampled = measured.requests % measured.sampling == 0
      let body = sampled || !lengthOnlyUnsampled ? length : 0
      guard pending.count - start - 4 >= body else { break }
      if sampled {
        let message = Array(pending[(start + 4)..<(start + 4 + length)])
        measured.compressedBytes += try VerifiedCompression.compressedBytes(of: message, with: setting)
        measured.sampledRequests += 1
        measured.sampledMessageBytes += length
      }
      measured.requests += 1
      measured.messageBytes += length
      start += 4 + body
    }
    pending.removeFirst(start)
  }

  public func endOfStream() throws {
    guard pending.isEmpty else {
      throw CodecError("per-request \(setting)", "the stream ended inside a record")
    }
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
