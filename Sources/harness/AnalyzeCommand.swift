import ArgumentParser
import Codecs
import Foundation
import History
import Measurement
import OutputFiles
import Reports
import Runner
import TraceFormats
import TraceGeneration
import TraceModel

extension TraceFormat: ExpressibleByArgument {}

/// `harness analyze FILE`: Baseline and Analysis on traces a real system exported.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Run Baseline and Analysis on an existing trace file (jsonl, seed, otlp, zipkin, jaeger).")

  @Argument(help: "The trace file.")
  var file: String

  @Option(help: "The file's format: auto (detected from its content), jsonl, seed, otlp, zipkin or jaeger.")
  var format: String = "auto"

  @Option(help: "Report path (default reports/analysis-<file name>.md); the .json goes beside it.")
  var report: String?

  @OptionGroup var levelOptions: LevelOptions

  func validate() throws {
    if report == "" { throw ValidationError("--report must name a file, not \"\".") }
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  func codecs() throws -> [CodecSetting] {
    try levelOptions.codecs { CodecSetting.defaults(forFileBytes: fileBytes) }
  }

  /// The file's size, which picks the defaults; 0 if it cannot be read (the pipeline says why).
  private var fileBytes: Int {
    ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
  }

  func run() throws {
    let url = URL(fileURLWithPath: file)
    let reportURL = URL(fileURLWithPath: report ?? "reports/analysis-\(url.lastPathComponent).md")
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    try OutputPaths.refuseOverwriting(
      outputs: [("--report", reportURL.path), ("--report's .json", jsonURL.path)],
      inputs: [.init("input file", url)])
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    try StaleFiles.removeAbandoned(in: reportURL.deletingLastPathComponent())
    let result = try AnalyzePipeline.run(
      url: url, format: TraceFormat(rawValue: format), codecs: try codecs(),
      zstdLevel: levelOptions.analysisLevel ?? AnalysisStage.defaultZstdLevel(forFileBytes: fileBytes))
    let outputs = OutputSet()
    try outputs.add(AnalyzeReport.markdown(result), at: reportURL)
    try outputs.add(AnalyzeJSON.text(result), at: jsonURL)
    try outputs.commit()
    let analysis = result.potentials.analysis
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    print(
      "\(result.read.format.rawValue): \(Format.grouped(analysis.spans)) spans, "
        + "\(Format.grouped(analysis.traces)) traces, \(analysis.services) services, "
        + "\(Format.grouped(analysis.roots)) roots, \(Format.grouped(analysis.orphans)) orphans, "
        + "\(Format.grouped(result.baseline.rawBytes)) bytes")
    print(
      "all potentials, lossless: \(Format.grouped(analysis.losslessBytes)) bytes; "
        + "ID floor \(Format.grouped(analysis.idFloorBytes))")
    print("time      \(result.timing.summary)")
  }
}
