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
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  func codecs() throws -> [CodecSetting] {
    try levelOptions.codecs { QuickDefaults(fileBytes: fileBytes).codecs }
  }

  /// The file's size, which picks the defaults; 0 if it cannot be read (the pipeline says why).
  private var fileBytes: Int {
    ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
  }

  func run() throws {
    let url = URL(fileURLWithPath: file)
    let reportURL = URL(fileURLWithPath: report ?? "reports/analysis-\(url.lastPathComponent).md")
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    let result = try AnalyzePipeline.run(
      url: url, format: TraceFormat(rawValue: format), codecs: try codecs(),
      zstdLevel: levelOptions.analysisLevel ?? QuickDefaults(fileBytes: fileBytes).analysisLevel)
    try AtomicFile.write(AnalyzeReport.markdown(result), to: reportURL)
    try AtomicFile.write(AnalyzeJSON.text(result), to: jsonURL)
    let analysis = result.analysis
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    print(
      "\(result.read.format.rawValue): \(NumberText.grouped(analysis.spans)) spans, "
        + "\(NumberText.grouped(analysis.traces)) traces, \(analysis.services) services, "
        + "\(NumberText.grouped(analysis.roots)) roots, \(NumberText.grouped(analysis.orphans)) orphans, "
        + "\(NumberText.grouped(result.baseline.rawBytes)) bytes")
    print(
      "all potentials, lossless: \(NumberText.grouped(analysis.losslessBytes)) bytes; "
        + "ID floor \(NumberText.grouped(analysis.idFloorBytes))")
    print("time      \(result.timing.summary)")
  }
}
