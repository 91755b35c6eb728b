import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The Analysis stage's results with what they are set against: the waterfall and the findings.
public struct PotentialsSummary: Sendable, Equatable {
  public var analysis: AnalysisResult
  public var perSpan: PerSpanResult
  public var waterfall: Waterfall
  public var findings: [String]

  public init(baseline: BaselineResult, analysis: AnalysisResult, perSpan: PerSpanResult) {
    self.analysis = analysis
    self.perSpan = perSpan
    waterfall = Waterfall(baseline: baseline, perSpan: perSpan, analysis: analysis)
    findings = Findings.sentences(baseline: baseline, analysis: analysis)
  }
}
