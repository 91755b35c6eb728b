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

/// `harness phase0`: generate, Baseline, Analysis, report.
struct Phase0Command: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phase0",
    abstract: "Generate the dataset, measure gzip and zstd and the seed's potentials, write the report.")

  @OptionGroup var options: CommonOptions

  @Option(help: "Report path (default reports/phase0.md for small, reports/phase0-<size>.md otherwise); the .json goes beside it.")
  var report: String?

  @OptionGroup var levelOptions: LevelOptions

  @Flag(inversion: .prefixedNo, help: "Also measure the same traces as OTLP/JSON (\(QuickDefaults(traces: 0).otlpCodecs.map(\.description).joined(separator: ", ")); no zstd-19 above \(QuickDefaults.largeRunTraces) traces).")
  var otlpBaseline = true

  @Flag(help: "Regenerate the report in memory and compare it with the committed files, figure by figure; exit non-zero if they differ. Writes nothing.")
  var check = false

  @Flag(help: "Replace --report and its .json even when they are not reports the harness wrote.")
  var force = false

  func validate() throws {
    if report == "" { throw ValidationError("--report must name a file, not \"\".") }
  }

  func codecs() throws -> [CodecSetting] {
    try levelOptions.codecs { QuickDefaults(traces: options.traceCount).codecs }
  }

  /// The `.json` beside the report, as the user would spell it.
  var jsonPath: String { (reportPath as NSString).deletingPathExtension + ".json" }

  var reportPath: String {
    report ?? (options.label == "small" ? "reports/phase0.md" : "reports/phase0-\(options.label).md")
  }

  func configuration() throws -> Phase0Configuration {
    options.configuration(
      codecs: try codecs(),
      otlpCodecs: otlpBaseline ? QuickDefaults(traces: options.traceCount).otlpCodecs : [],
      analyze: true,
      analysisZstdLevel: levelOptions.analysisLevel)
  }

  func run() throws {
    let reportURL = URL(fileURLWithPath: reportPath)
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    if check { return try runCheck(reportURL: reportURL, jsonURL: jsonURL) }
    let configuration = try configuration()
    try OutputPaths.refuseOverwriting(
      outputs: [("--report", reportURL.path), ("--report's .json", jsonURL.path)],
      inputs: options.inputs + [
        .init("dataset", configuration.datasetURL), .init("metadata", configuration.metadataURL),
        .init("timing file", configuration.timingURL),
      ])
    try ReportFiles.refuseReplacingOther(report: reportURL.path, json: jsonURL.path, force: force)
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    try StaleFiles.removeAbandoned(in: reportURL.deletingLastPathComponent())
    try StaleFiles.removeAbandoned(in: configuration.outputDirectory)
    let outputs = OutputSet()
    let result = try write(configuration, reportURL: reportURL, jsonURL: jsonURL, into: outputs)
    try outputs.commit()
    print("dataset   \(configuration.datasetURL.path)")
    print("metadata  \(configuration.metadataURL.path)")
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    let metadata = result.metadata
    print(
      "\(NumberText.grouped(metadata.traces)) traces, \(NumberText.grouped(metadata.spans)) spans, "
        + "\(NumberText.grouped(metadata.rawBytes)) raw bytes")
    for row in result.baseline.rows {
      print(
        "  \(row.setting.description.padding(toLength: 8, withPad: " ", startingAt: 0)) "
          + "\(NumberText.grouped(row.compressedBytes)) bytes  "
          + NumberText.ratio(row.ratio(rawBytes: result.baseline.rawBytes)))
    }
    if let analysis = result.analysis {
      print(
        "all potentials, lossless: \(NumberText.grouped(analysis.losslessBytes)) bytes; "
          + "ID floor \(NumberText.grouped(analysis.idFloorBytes))")
    }
    print("time      \(result.timing.summary)")
    print("timing    \(configuration.timingURL.path)")
  }

  /// Runs phase 0 with the dataset, metadata, timing, report and `.json` all members of
  /// `outputs`, uncommitted: they land together when the caller commits.
  func write(
    _ configuration: Phase0Configuration, reportURL: URL, jsonURL: URL, into outputs: OutputSet
  ) throws -> Phase0Result {
    let stated = try StatedFigures.load(from: configuration.statedFiguresURL)
    let result = try Phase0Pipeline.run(configuration, outputs: outputs, progress: options.progress)
    try outputs.add(Phase0Report.markdown(result, stated: stated), at: reportURL)
    try outputs.add(Phase0JSON.text(result, stated: stated), at: jsonURL)
    return result
  }

  /// The drift check: the committed report against the one this code generates now.
  private func runCheck(reportURL: URL, jsonURL: URL) throws {
    let configuration = try configuration()
    let stated = try StatedFigures.load(from: configuration.statedFiguresURL)
    let result = try Phase0Pipeline.run(configuration, writeDataset: false)
    let drift = ReportDrift.compare(
      markdownPath: reportPath, jsonPath: jsonPath,
      committedMarkdown: CommittedFile.read(reportURL), committedJSON: CommittedFile.read(jsonURL),
      regeneratedMarkdown: try Phase0Report.markdown(result, stated: stated),
      regeneratedJSON: try Phase0JSON.text(result, stated: stated))
    print(drift)
    if !drift.isCurrent { throw ExitCode.failure }
  }
}
