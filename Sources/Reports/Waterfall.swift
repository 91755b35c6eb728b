import Codecs
import Measurement

/// The summary waterfall: the input → the sweep's strongest gzip and zstd → per-span frames → all
/// potentials applied, every ratio against the same reference (the first row), with the lossy
/// variant on its own labelled row and the ID floor as a reference line, not a step.
struct Waterfall: Equatable {
  var steps: [Step]
  /// What every ratio divides: the first row's bytes, named in the table's header.
  var reference: Step { steps[0] }
  /// The random bits of the IDs: no lossless step can go below it.
  var idFloorBytes: Int

  struct Step: Equatable {
    var step: String
    /// A few characters for the chart's axis.
    var shortLabel: String
    var bytes: Int
    var lossless: Bool
    /// The baseline setting the step is, if it is one.
    var setting: CodecSetting?
  }

  /// `reference`: the input as the user has it (raw JSONL for phase 0, the file as given for
  /// `analyze`); `extra`: rows shown after it, such as the same spans re-written as JSONL.
  init(
    reference: (label: String, bytes: Int), extra: [Step] = [], baseline: BaselineResult,
    perSpan: PerSpanResult?, analysis: AnalysisResult, traceStore: TraceStoreResult? = nil
  ) {
    var steps = [Step(step: reference.label, shortLabel: "raw", bytes: reference.bytes, lossless: true)]
    steps += extra
    for family in CodecSetting.Family.allCases {
      if let strongest = baseline.rows.filter({ $0.setting.family == family }).max(by: { $0.setting.level < $1.setting.level }) {
        steps.append(Step(
          step: strongest.setting.description, shortLabel: strongest.setting.description,
          bytes: strongest.compressedBytes, lossless: true, setting: strongest.setting))
      }
    }
    if let perSpan, let total = perSpan.withDictionaryTotalBytes {
      let estimate = perSpan.isEstimate ? " (estimate, 1 span in \(perSpan.sampling))" : ""
      steps.append(Step(
        step: "per-span zstd-\(perSpan.level) with dictionary" + estimate, shortLabel: "per-span+dict", bytes: total,
        lossless: true))
    }
    if let traceStore {
      steps.append(Step(step: Self.traceStoreFile, shortLabel: "trace-store", bytes: traceStore.fileBytes, lossless: true))
    }
    steps.append(Step(step: Self.allPotentials, shortLabel: "potentials", bytes: analysis.losslessBytes, lossless: true))
    steps.append(Step(step: "lossy: span IDs replaced by indices", shortLabel: "lossy", bytes: analysis.lossyBytes, lossless: false))
    self.steps = steps
    idFloorBytes = analysis.idFloorBytes
  }

  static let allPotentials = "all potentials applied (lossless)"
  static let traceStoreFile = "trace-store file (lossless, decoded and compared)"

  /// reference ÷ bytes: the one ratio every table and sentence of the section uses.
  func ratio(_ bytes: Int) -> Double { Double(reference.bytes) / Double(max(bytes, 1)) }

  func step(_ name: String) -> Step? { steps.first { $0.step == name } }

  /// The strongest zstd row of the sweep, which the findings compare the potentials with.
  var zstd: Step? { steps.first { $0.setting?.family == .zstd } }
}

/// A few sentences of findings, written from the waterfall's own figures so they never disagree
/// with the table beside them.
enum Findings {
  static func sentences(
    _ waterfall: Waterfall, baseline: BaselineResult, analysis: AnalysisResult,
    traceStore: TraceStoreResult? = nil, protobuf: ProtobufBaseline? = nil, protobufIDNote: String? = nil
  ) -> [String] {
    var sentences: [String] = []
    if let traceStore, let step = waterfall.step(Waterfall.traceStoreFile) {
      let back =
        traceStore.decodedSpansEqual && traceStore.decodedJSONLIdentical
        ? "decoded back to the same spans and, written as JSONL, to the same bytes"
        : traceStore.decodedSpansEqual ? "decoded back to the same spans" : "**did not decode back to the same spans**"
      sentences.append(
        "The trace-store file is \(NumberText.grouped(step.bytes)) bytes (\(NumberText.ratio(waterfall.ratio(step.bytes))), "
          + "\(NumberText.fixed(Double(step.bytes) / Double(max(traceStore.spans, 1)), 1)) bytes per span), \(back); "
          + "the sum of the potentials' columns, each compressed alone, estimated \(NumberText.grouped(analysis.losslessBytes)).")
      if let protobuf, let zstd = protobuf.whole.rows.filter({ $0.setting.family == .zstd }).max(by: { $0.setting.level < $1.setting.level }) {
        let spans = Double(max(traceStore.spans, 1))
        let zstdPerSpan = Double(zstd.compressedBytes) / spans
        let storePerSpan = Double(step.bytes) / spans
        sentences.append(
          "Against what a storage engineer starts from, OTLP protobuf + \(zstd.setting) "
            + "(\(NumberText.fixed(zstdPerSpan, 1)) bytes per span\(protobufIDNote.map { "; " + $0 } ?? "")), the trace-store file takes "
            + "\(NumberText.fixed(storePerSpan, 1)): \(NumberText.ratio(zstdPerSpan / max(storePerSpan, 0.001))) smaller.")
      }
    }
    let lossless = analysis.losslessBytes
    let ranked = analysis.potentials.sorted { $0.encodedZstdBytes > $1.encodedZstdBytes }
    if let top = ranked.first, lossless > 0 {
      sentences.append(
        "Of what remains after all potentials, \(PotentialText.name(top.potential)) take the most: "
          + "\(NumberText.grouped(top.encodedZstdBytes)) bytes, "
          + "\(NumberText.percent(Double(top.encodedZstdBytes) / Double(lossless))) of the lossless total.")
    }
    if let zstd = waterfall.zstd {
      let change = NumberText.percent(abs(1 - Double(lossless) / Double(max(zstd.bytes, 1))))
      sentences.append(
        "All potentials applied give \(NumberText.ratio(waterfall.ratio(lossless))) against \(zstd.step)'s "
          + "\(NumberText.ratio(waterfall.ratio(zstd.bytes))): \(change) \(lossless <= zstd.bytes ? "smaller" : "larger") "
          + "than \(zstd.step) alone, without losing a bit.")
    }
    let level = CodecSetting(.zstd, level: analysis.zstdLevel)
    if let zstdBytes = baseline.compressedBytes(level) {
      sentences.append(
        "Grouping the same lines by trace changes \(level) from \(NumberText.grouped(zstdBytes)) to "
          + "\(NumberText.grouped(analysis.groupedZstdBytes)) bytes "
          + "(\(NumberText.signedPercent(Double(analysis.groupedZstdBytes - zstdBytes) / Double(max(zstdBytes, 1)))))."
      )
    }
    if let zstd = waterfall.zstd {
      sentences.append(
        "The random bits of the IDs alone take \(NumberText.grouped(waterfall.idFloorBytes)) bytes, "
          + "\(NumberText.percent(Double(waterfall.idFloorBytes) / Double(max(zstd.bytes, 1)))) of \(zstd.step)'s output; "
          + "no lossless format can beat \(NumberText.ratio(waterfall.ratio(waterfall.idFloorBytes))).")
    }
    sentences.append(
      "Dropping span IDs (the seed's later phases do) gives \(NumberText.ratio(waterfall.ratio(analysis.lossyBytes))), "
        + "but that figure is lossy and not comparable with the others.")
    return sentences
  }
}
