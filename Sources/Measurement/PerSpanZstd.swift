import Codecs
import TraceModel

/// Per-span zstd, with and without a trained dictionary: every span its own frame, as an exporter
/// shipping tiny batches would send it. The dictionary is trained on the first
/// `trainingSpans` spans and counted in the total.
public final class PerSpanZstd: BatchSink {
  /// 19 for the seed's sizes; large runs pass a faster level.
  let level: Int
  public static let trainingSpans = 2_000
  static let dictionaryCapacityBytes = 16 * 1024

  private var training: [ArraySlice<UInt8>] = []
  private let plain: ZstdFrameCompressor
  private var withDictionary: ZstdFrameCompressor?
  private var dictionaryBytes = 0
  private var trainedOnSpans = 0
  /// Set when training failed: how many spans it was tried on.
  private var failedTrainingSpans: Int?

  public init(level: Int = 19) throws {
    self.level = level
    plain = try ZstdFrameCompressor(level: level, dictionary: nil)
  }

  public var label: String { "per-span" }
  public var isSlow: Bool { CodecSetting(.zstd, level: level).isSlow }

  /// What `endOfStream` measured.
  public private(set) var result: PerSpanResult?

  public func consume(_ batch: SpanBatch) throws {
    for line in batch.spans { try add(line.bytes) }
  }

  public func endOfStream() throws { result = try finish() }

  func add(_ line: ArraySlice<UInt8>) throws {
    try plain.add(line)
    if let withDictionary {
      try withDictionary.add(line)
    } else if failedTrainingSpans == nil {
      training.append(line)
      if training.count == Self.trainingSpans { try trainAndCatchUp() }
    }
  }

  private func trainAndCatchUp() throws {
    do {
      let dictionary = try ZstdDictionary.train(
        samples: training, capacityBytes: Self.dictionaryCapacityBytes)
      dictionaryBytes = dictionary.count
      trainedOnSpans = training.count
      let compressor = try ZstdFrameCompressor(level: level, dictionary: dictionary)
      for line in training { try compressor.add(line) }
      withDictionary = compressor
    } catch is CodecError {
      // zstd's own text ("Src size is incorrect") means nothing to a reader of the report; the
      // count of samples is what explains it.
      failedTrainingSpans = training.count
    }
    training = []
  }

  func finish() throws -> PerSpanResult {
    if withDictionary == nil && failedTrainingSpans == nil && !training.isEmpty { try trainAndCatchUp() }
    return PerSpanResult(
      level: level, plainBytes: plain.compressedBytes,
      dictionaryBytes: dictionaryBytes, trainedOnSpans: trainedOnSpans,
      framesWithDictionaryBytes: withDictionary?.compressedBytes,
      failedTrainingSpans: failedTrainingSpans)
  }
}

/// Per-span frame sizes; the dictionary row is absent when training failed (too few samples).
public struct PerSpanResult: Sendable, Equatable, Codable {
  public var level: Int
  public var plainBytes: Int
  public var dictionaryBytes: Int
  /// Spans the dictionary was trained on: the first 2,000, or all of a smaller dataset (summed
  /// over the shards' dictionaries).
  public var trainedOnSpans: Int
  var framesWithDictionaryBytes: Int?
  /// Set when zstd could not train a dictionary: the number of spans it was tried on (all of a
  /// dataset smaller than `PerSpanZstd.trainingSpans`, which is then too small).
  public var failedTrainingSpans: Int?

  /// Shards measured, each with a dictionary of its own trained on its own first spans;
  /// `dictionaryBytes` and `trainedOnSpans` are their sums.
  public var shards = 1

  /// Frames plus the dictionary they need.
  public var withDictionaryTotalBytes: Int? { framesWithDictionaryBytes.map { $0 + dictionaryBytes } }
}
