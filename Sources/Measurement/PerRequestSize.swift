import Codecs
import TraceModel

/// OTLP protobuf as exporters send it: every request compressed on its own (an HTTP body with
/// `Content-Encoding: gzip`, or zstd), the sizes summed.
///
/// Consumes a stream of 4-byte big-endian length-prefixed records, the layout of the file exporter
/// and of `OTLPProtobufStream`; the prefix is framing, not part of the request, so it is not counted.
public final class PerRequestSize: BatchSink {
  public let setting: CodecSetting
  public let spansPerRequest: Int
  private var pending: [UInt8] = []
  private(set) var requests = 0
  private(set) var spans = 0
  private(set) var compressedBytes = 0

  public init(_ setting: CodecSetting, spansPerRequest: Int) {
    self.setting = setting
    self.spansPerRequest = spansPerRequest
  }

  public var label: String { "\(setting) per \(spansPerRequest)-span request" }
  public var isSlow: Bool { setting.isSlow }

  public func consume(_ batch: SpanBatch) throws {
    spans += batch.spanCount
    pending += batch.bytes
    var start = 0
    while pending.count - start >= 4 {
      let length = pending[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
      guard pending.count - start - 4 >= length else { break }
      let message = Array(pending[(start + 4)..<(start + 4 + length)])
      compressedBytes += try VerifiedCompression.compressedBytes(of: message, with: setting)
      requests += 1
      start += 4 + length
    }
    pending.removeFirst(start)
  }

  public func endOfStream() throws {
    guard pending.isEmpty else {
      throw CodecError("per-request \(setting)", "the stream ended inside a record")
    }
  }

  public var result: PerRequestResult {
    PerRequestResult(
      setting: setting, spansPerRequest: spansPerRequest, requests: requests, spans: spans,
      compressedBytes: compressedBytes)
  }
}

/// Requests of `spansPerRequest` spans, each compressed on its own with `setting`.
public struct PerRequestResult: Sendable, Equatable, Codable {
  public var setting: CodecSetting
  public var spansPerRequest: Int
  public var requests: Int
  public var spans: Int
  public var compressedBytes: Int
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
