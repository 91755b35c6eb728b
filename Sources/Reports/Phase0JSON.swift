import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// `reports/phase0.json`: every figure of the report, for tools and for the history of the
/// baseline across commits. Sorted keys, no timings: deterministic like the markdown.
public struct Phase0JSON: Codable, Equatable {
  var schema = 1
  var dataset: Dataset
  var baseline: [BaselineRowJSON]
  /// The same traces as OTLP/JSON.
  var otlpBaseline: [BaselineRowJSON]?
  /// The same traces as OTLP protobuf.
  var protobuf: ProtobufJSON?
  var traceStore: TraceStoreJSON?
  var potentials: [PotentialJSON]?
  var waterfall: [WaterfallStepJSON]?
  var summary: PotentialsSummaryJSON?

  struct Dataset: Codable, Equatable {
    var traces, spans, services, operations, rawBytes: Int
    var otlpRawBytes: Int?
    var seed: UInt64
    var order: String
    var topologyDigest: String
  }

  public init(_ result: Phase0Result, stated: StatedFigures) throws {
    let data = result.metadata
    dataset = Dataset(
      traces: data.traces, spans: data.spans, services: data.services, operations: data.operations,
      rawBytes: data.rawBytes, otlpRawBytes: result.otlpBaseline?.rawBytes, seed: data.seed,
      order: data.order.rawValue, topologyDigest: data.topologyDigest)
    baseline = BaselineRowJSON.rows(result.baseline)
    otlpBaseline = result.otlpBaseline.map(BaselineRowJSON.rows)
    protobuf = result.protobuf.map(ProtobufJSON.init)
    traceStore = result.traceStore.map(TraceStoreJSON.init)
    let summary = try PotentialsSummary(result, stated: stated)
    potentials = summary.map(PotentialJSON.rows)
    waterfall = summary.map(WaterfallStepJSON.rows)
    self.summary = summary.map(PotentialsSummaryJSON.init)
  }

  public static func text(_ result: Phase0Result, stated: StatedFigures) throws -> String {
    try JSONText.encode(Phase0JSON(result, stated: stated))
  }
}

/// A baseline row as the JSON reports write it.
struct BaselineRowJSON: Codable, Equatable {
  var codec: String
  var level: Int
  var bytes: Int

  static func rows(_ baseline: BaselineResult) -> [BaselineRowJSON] {
    baseline.rows.map {
      BaselineRowJSON(codec: $0.setting.family.rawValue, level: $0.setting.level, bytes: $0.compressedBytes)
    }
  }
}

/// A potential as the JSON reports write it.
struct PotentialJSON: Codable, Equatable {
  var name: String
  var rawBytes, encodedBytes, encodedZstdBytes, order0EntropyBytes: Int
  var roundTrips: Bool

  static func rows(_ summary: PotentialsSummary) -> [PotentialJSON] {
    summary.analysis.potentials.map {
      PotentialJSON(
        name: PotentialText.name($0.potential), rawBytes: $0.rawBytes, encodedBytes: $0.encodedBytes,
        encodedZstdBytes: $0.encodedZstdBytes, order0EntropyBytes: $0.order0EntropyBytes,
        roundTrips: $0.roundTrips)
    }
  }
}

/// A waterfall step as the JSON reports write it.
struct WaterfallStepJSON: Codable, Equatable {
  var step: String
  var bytes: Int
  var lossless: Bool

  static func rows(_ summary: PotentialsSummary) -> [WaterfallStepJSON] {
    summary.waterfall.steps.map { WaterfallStepJSON(step: $0.step, bytes: $0.bytes, lossless: $0.lossless) }
  }
}

/// The headline figures of the potentials, as the JSON reports write them.
struct PotentialsSummaryJSON: Codable, Equatable {
  var losslessPotentialBytes, idFloorBytes, lossyBytes, groupedZstdBytes: Int
  var perSpanZstdBytes: Int
  var perSpanZstdWithDictionaryBytes: Int?
  /// The zstd level of the encoded columns, the grouped stream and the per-span frames.
  var analysisZstdLevel: Int

  init(_ summary: PotentialsSummary) {
    let analysis = summary.analysis
    losslessPotentialBytes = analysis.losslessBytes
    idFloorBytes = analysis.idFloorBytes
    lossyBytes = analysis.lossyBytes
    groupedZstdBytes = analysis.groupedZstdBytes
    perSpanZstdBytes = summary.perSpan.plainBytes
    perSpanZstdWithDictionaryBytes = summary.perSpan.withDictionaryTotalBytes
    analysisZstdLevel = analysis.zstdLevel
  }
}

/// The OTLP protobuf row set as the JSON reports write it.
struct ProtobufJSON: Codable, Equatable {
  var rawBytes, spans: Int
  var whole: [BaselineRowJSON]
  var perRequest: [PerRequest]

  struct PerRequest: Codable, Equatable {
    var codec: String
    var level, spansPerRequest, requests, bytes: Int
  }

  init(_ protobuf: ProtobufBaseline) {
    rawBytes = protobuf.whole.rawBytes
    spans = protobuf.whole.spans
    whole = BaselineRowJSON.rows(protobuf.whole)
    perRequest = protobuf.perRequest.map {
      PerRequest(
        codec: $0.setting.family.rawValue, level: $0.setting.level, spansPerRequest: $0.spansPerRequest,
        requests: $0.requests, bytes: $0.bytes)
    }
  }
}

/// The trace-store file as the JSON reports write it.
struct TraceStoreJSON: Codable, Equatable {
  var fileBytes, blocks, zstdLevel, framingBytes: Int
  var decodedSpansEqual, decodedJSONLIdentical: Bool
  var columns: [Column]

  struct Column: Codable, Equatable {
    var name: String
    var bytes: Int
  }

  init(_ store: TraceStoreResult) {
    fileBytes = store.fileBytes
    blocks = store.blocks
    zstdLevel = store.zstdLevel
    framingBytes = store.framingBytes
    decodedSpansEqual = store.decodedSpansEqual
    decodedJSONLIdentical = store.decodedJSONLIdentical
    columns = store.columns.map { Column(name: $0.name, bytes: $0.bytes) }
  }
}
