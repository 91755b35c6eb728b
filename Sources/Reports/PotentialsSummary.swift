import Measurement

/// The Analysis results with what they are set against, ready for the potentials section: the
/// waterfall, the findings and the seed's stated figures.
struct PotentialsSummary {
  var analysis: AnalysisResult
  var perSpan: PerSpanResult
  var traceStore: TraceStoreResult?
  var protobuf: ProtobufBaseline?
  var waterfall: Waterfall
  var findings: [String]
  var stated: StatedFigures.Potentials

  init(
    reference: (label: String, bytes: Int), extra: [Waterfall.Step] = [], baseline: BaselineResult,
    analysis: AnalysisResult, perSpan: PerSpanResult, traceStore: TraceStoreResult?,
    protobuf: ProtobufBaseline?, protobufIDNote: String? = nil, stated: StatedFigures.Potentials
  ) {
    self.analysis = analysis
    self.perSpan = perSpan
    self.traceStore = traceStore
    self.protobuf = protobuf
    self.stated = stated
    waterfall = Waterfall(
      reference: reference, extra: extra, baseline: baseline, perSpan: perSpan, analysis: analysis,
      traceStore: traceStore)
    findings = Findings.sentences(
      waterfall, baseline: baseline, analysis: analysis, traceStore: traceStore, protobuf: protobuf,
      protobufIDNote: protobufIDNote)
  }
}
