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
  public var schema = 1
  public var dataset: Dataset
  public var baseline: [BaselineRowJSON]
  /// The same traces as OTLP/JSON.
  public var otlpBaseline: [BaselineRowJSON]?
  public var potentials: [PotentialJSON]?
  public var waterfall: [WaterfallStepJSON]?
  public var summary: PotentialsSummaryJSON?

  public struct Dataset: Codable, Equatable {
    public var traces, spans, services, operations, rawBytes: Int
    public var otlpRawBytes: Int?
    public var seed: UInt64
    public var order: String
    public var topologyDigest: String
  }

  public init(_ result: Phase0Result, stated: StatedFigures) throws {
    let data = result.metadata
    dataset = Dataset(
      traces: data.traces, spans: data.spans, services: data.services, operations: data.operations,
      rawBytes: data.rawBytes, otlpRawBytes: result.otlpBaseline?.rawBytes, seed: data.seed,
      order: data.order.rawValue, topologyDigest: data.topologyDigest)
    baseline = BaselineRowJSON.rows(result.baseline)
    otlpBaseline = result.otlpBaseline.map(BaselineRowJSON.rows)
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
public struct BaselineRowJSON: Codable, Equatable {
  public var codec: String
  public var level: Int
  public var bytes: Int

  static func rows(_ baseline: BaselineResult) -> [BaselineRowJSON] {
    baseline.rows.map {
      BaselineRowJSON(codec: $0.setting.family.rawValue, level: $0.setting.level, bytes: $0.compressedBytes)
    }
  }
}

/// A potential as the JSON reports write it.
public struct PotentialJSON: Codable, Equatable {
  public var name: String
  public var rawBytes, encodedBytes, encodedZstdBytes, order0EntropyBytes: Int
  public var roundTrips: Bool

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
public struct WaterfallStepJSON: Codable, Equatable {
  public var step: String
  public var bytes: Int
  public var lossless: Bool

  static func rows(_ summary: PotentialsSummary) -> [WaterfallStepJSON] {
    summary.waterfall.steps.map { WaterfallStepJSON(step: $0.step, bytes: $0.bytes, lossless: $0.lossless) }
  }
}

/// The headline figures of the potentials, as the JSON reports write them.
public struct PotentialsSummaryJSON: Codable, Equatable {
  public var losslessPotentialBytes, idFloorBytes, lossyBytes, groupedZstdBytes: Int
  public var perSpanZstdBytes: Int
  public var perSpanZstdWithDictionaryBytes: Int?
  /// The zstd level of the encoded columns, the grouped stream and the per-span frames.
  public var analysisZstdLevel: Int

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
