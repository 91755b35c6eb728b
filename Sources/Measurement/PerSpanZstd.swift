import Codecs
import TraceModel

/// Per-span zstd, with and without a trained dictionary: every span its own frame, as an exporter
/// shipping tiny batches would send it. The dictionary is trained on the first
/// `trainingSpans` spans and counted in the total.
///
/// With `sampling` above 1 only every `sampling`-th span in arrival order is framed (the first,
/// then every n-th after it), and the sizes are scaled to all spans by their share of the line
/// bytes (`PerSpanResult.plainBytes`): the same spans every run, so the estimate is reproducible.
public final class PerSpanZstd: BatchSink {
  /// 19 for the seed's sizes; large runs pass a faster level.
  let level: Int
  /// One span in this many is framed (`QuickDefaults.perSpanSampling`).
  let sampling: Int
  public static let trainingSpans = 2_000
  static let dictionaryCapacityBytes = 16 * 1024

  private var training: [ArraySlice<UInt8>] = []
  private let plain: ZstdFrameCompressor
  private var withDictionary: ZstdFrameCompressor?
  private var dictionaryBytes = 0
  private var trainedOnSpans = 0
  /// Set when training failed: how many spans it was tried on.
  private var failedTrainingSpans: Int?
  private var spans = 0
  private var lineBytes = 0
  private var sampledSpans = 0
  private var sampledLineBytes = 0

  public init(level: Int = 19, sampling: Int = 1) throws {
    self.level = level
    self.sampling = max(1, sampling)
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
    let sampled = isSampled(spans)
    spans += 1
    lineBytes += line.count
    if sampled {
      sampledSpans += 1
      sampledLineBytes += line.count
      try plain.add(line)
    }
    if let withDictionary {
      if sampled { try withDictionary.add(line) }
    } else if failedTrainingSpans == nil {
      training.append(line)
      if training.count == Self.trainingSpans { try trainAndCatchUp() }
    }
  }

  /// Whether the span at `index` in arrival order gets frames.
  private func isSampled(_ index: Int) -> Bool { index % sampling == 0 }

  private func trainAndCatchUp() throws {
    do {
      let dictionary = try ZstdDictionary.train(
        samples: training, capacityBytes: Self.dictionaryCapacityBytes)
      dictionaryBytes = dictionary.count
      trainedOnSpans = training.count
      let compressor = try ZstdFrameCompressor(level: level, dictionary: dictionary)
      // The training spans are the first ones, so their index is their arrival index.
      for (index, line) in training.enumerated() where isSampled(index) { try compressor.add(line) }
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
      level: level, framesBytes: plain.compressedBytes,
      dictionaryBytes: dictionaryBytes, trainedOnSpans: trainedOnSpans,
      framesWithDictionaryBytes: withDictionary?.compressedBytes,
      failedTrainingSpans: failedTrainingSpans, sampling: sampling,
      spans: spans, lineBytes: lineBytes, sampledSpans: sampledSpans, sampledLineBytes: sampledLineBytes)
  }
}

/// Per-span frame sizes; the dictionary row is absent when training failed (too few samples).
public struct PerSpanResult: Sendable, Equatable, Codable {
  public var level: Int
  /// The frames without a dictionary of the spans framed (all of them, or the sample).
  var framesBytes: Int
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

  /// One span in this many was framed; 1: all of them, and the sizes are measured, not estimated.
  public var sampling = 1
  /// Spans and their JSONL line bytes, all of them and those framed.
  public var spans = 0
  var lineBytes = 0
  public var sampledSpans = 0
  var sampledLineBytes = 0

  /// Whether the sizes are scaled up from a sample of the spans.
  public var isEstimate: Bool { sampledSpans < spans }

  /// Frames without a dictionary, for all spans: measured, or the sample's scaled by its share of
  /// the line bytes.
  public var plainBytes: Int { scaled(framesBytes) }

  /// Frames plus the dictionary they need (counted once, not scaled).
  public var withDictionaryTotalBytes: Int? { framesWithDictionaryBytes.map { scaled($0) + dictionaryBytes } }

  private func scaled(_ bytes: Int) -> Int {
    guard isEstimate, sampledLineBytes > 0 else { return bytes }
    return Int((Double(bytes) * Double(lineBytes) / Double(sampledLineBytes)).rounded())
  }
}
