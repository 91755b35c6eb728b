import ArgumentParser
import Foundation
import TraceHarness

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

  @Option(parsing: .upToNextOption, help: "Compressor levels, e.g. --levels gzip:9 zstd:3,19 (default: the phase 0 sweep).")
  var levels: [String] = []

  func validate() throws {
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
    do { _ = try codecs() } catch let error as CodecSetting.ParseError {
      throw ValidationError(error.description)
    }
  }

  func codecs() throws -> [CodecSetting] {
    guard !levels.isEmpty else { return CodecSetting.phase0Defaults }
    return try CodecSetting.parse(groups: levels)
  }

  func run() throws {
    let url = URL(fileURLWithPath: file)
    let reportURL = URL(fileURLWithPath: report ?? "reports/analysis-\(url.lastPathComponent).md")
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    let result = try AnalyzePipeline.run(
      url: url, format: TraceFormat(rawValue: format), codecs: try codecs())
    try AtomicFile.write(AnalyzeReport.markdown(result), to: reportURL)
    try AtomicFile.write(AnalyzeJSON.text(result), to: jsonURL)
    let analysis = result.potentials.analysis
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    print(
      "\(result.read.format.rawValue): \(Format.grouped(analysis.spans)) spans, "
        + "\(Format.grouped(analysis.traces)) traces, \(analysis.services) services, "
        + "\(analysis.roots) roots, \(analysis.orphans) orphans, \(Format.grouped(result.baseline.rawBytes)) bytes")
    print(
      "all potentials, lossless: \(Format.grouped(analysis.losslessBytes)) bytes; "
        + "ID floor \(Format.grouped(analysis.idFloorBytes))")
  }
}
