import ArgumentParser
import Foundation
import TraceHarness

/// `harness phase0`: generate, Baseline, report.
struct Phase0Command: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phase0",
    abstract: "Generate the dataset, measure gzip and zstd on it, and write the phase 0 report.")

  @OptionGroup var options: CommonOptions

  @Option(help: "Report path (default reports/phase0.md for small, reports/phase0-<size>.md otherwise).")
  var report: String?

  @Flag(help: "Regenerate the report in memory and compare it with the committed files, figure by figure; exit non-zero if they differ. Writes nothing.")
  var check = false

  var reportPath: String {
    report ?? (options.label == "small" ? "reports/phase0.md" : "reports/phase0-\(options.label).md")
  }

  func run() throws {
    let reportURL = URL(fileURLWithPath: reportPath)
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    if check { return try runCheck(reportURL: reportURL, jsonURL: jsonURL) }
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    let configuration = options.configuration(codecs: CodecSetting.phase0Defaults)
    let result = try Phase0Pipeline.run(configuration)
    try AtomicFile.write(Phase0Report.markdown(result), to: reportURL)
    try AtomicFile.write(Phase0JSON.text(result), to: jsonURL)
    print("dataset   \(configuration.datasetURL.path)")
    print("metadata  \(configuration.metadataURL.path)")
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    let metadata = result.metadata
    print(
      "\(Format.grouped(metadata.traces)) traces, \(Format.grouped(metadata.spans)) spans, "
        + "\(Format.grouped(metadata.rawBytes)) raw bytes")
    for row in result.baseline.rows {
      print(
        "  \(row.setting.description.padding(toLength: 8, withPad: " ", startingAt: 0)) "
          + "\(Format.grouped(row.compressedBytes)) bytes  "
          + Format.ratio(row.ratio(rawBytes: result.baseline.rawBytes)))
    }
    print("all potentials, lossless: \(Format.grouped(result.analysis.losslessBytes)) bytes; ID floor \(Format.grouped(result.analysis.idFloorBytes))")
  }

  /// The drift check: the committed report against the one this code generates now.
  private func runCheck(reportURL: URL, jsonURL: URL) throws {
    let result = try Phase0Pipeline.run(
      options.configuration(codecs: CodecSetting.phase0Defaults), writeDataset: false)
    let drift = ReportDrift.compare(
      committedMarkdown: try? String(contentsOf: reportURL, encoding: .utf8),
      committedJSON: try? String(contentsOf: jsonURL, encoding: .utf8),
      regeneratedMarkdown: Phase0Report.markdown(result),
      regeneratedJSON: try Phase0JSON.text(result))
    print(drift)
    if !drift.isCurrent { throw ExitCode.failure }
  }
}
