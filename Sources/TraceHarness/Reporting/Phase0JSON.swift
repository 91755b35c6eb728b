/// `reports/phase0.json`: every figure of the report, for tools and for the history of the
/// baseline across commits. Sorted keys, no timings: deterministic like the markdown.
public struct Phase0JSON: Codable, Equatable {
  public var schema = 1
  public var dataset: Dataset
  public var baseline: [BaselineRow]
  public var potentials: [Potential]
  public var waterfall: [WaterfallStep]
  public var summary: Summary

  public struct Dataset: Codable, Equatable {
    public var traces, spans, services, operations, rawBytes: Int
    public var seed: UInt64
    public var order: String
    public var topologyDigest: String
  }

  public struct BaselineRow: Codable, Equatable {
    public var codec: String
    public var level: Int
    public var bytes: Int
  }

  public struct Potential: Codable, Equatable {
    public var name: String
    public var rawBytes, encodedBytes, encodedZstdBytes, entropyBytes: Int
    public var lossless, roundTrips: Bool
  }

  public struct WaterfallStep: Codable, Equatable {
    public var step: String
    public var bytes: Int
    public var lossless: Bool
  }

  public struct Summary: Codable, Equatable {
    public var losslessPotentialBytes, idFloorBytes, lossyBytes, groupedZstd19Bytes: Int
    public var perSpanZstdBytes: Int
    public var perSpanZstdWithDictionaryBytes: Int?
  }

  public init(_ result: Phase0Result) {
    let data = result.metadata
    dataset = Dataset(
      traces: data.traces, spans: data.spans, services: data.services, operations: data.operations,
      rawBytes: data.rawBytes, seed: data.seed, order: data.order.rawValue,
      topologyDigest: data.topologyDigest)
    baseline = result.baseline.rows.map {
      BaselineRow(codec: $0.setting.family.rawValue, level: $0.setting.level, bytes: $0.compressedBytes)
    }
    potentials = result.analysis.potentials.map {
      Potential(
        name: $0.name, rawBytes: $0.rawBytes, encodedBytes: $0.encodedBytes,
        encodedZstdBytes: $0.encodedZstdBytes, entropyBytes: $0.entropyBytes,
        lossless: $0.lossless, roundTrips: $0.roundTrips)
    }
    waterfall = result.waterfall.steps.map { WaterfallStep(step: $0.step, bytes: $0.bytes, lossless: $0.lossless) }
    summary = Summary(
      losslessPotentialBytes: result.analysis.losslessBytes, idFloorBytes: result.analysis.idFloorBytes,
      lossyBytes: result.analysis.lossyBytes, groupedZstd19Bytes: result.analysis.groupedZstdBytes,
      perSpanZstdBytes: result.perSpan.plainBytes,
      perSpanZstdWithDictionaryBytes: result.perSpan.withDictionaryTotalBytes)
  }

  public static func text(_ result: Phase0Result) throws -> String {
    try JSONText.encode(Phase0JSON(result))
  }
}
