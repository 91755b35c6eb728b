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

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Compressor levels, e.g. --levels gzip:9 zstd:3,19 (gzip 1–9, zstd 1–22).",
      discussion: "Default: the phase 0 sweep, gzip:1,6,9 zstd:1,3,9,19,22, for files up to 4 MiB; above that gzip:1,6,9 zstd:1,3,9, since zstd-19 and 22 run at about 1 MB/s."))
  var levels: [String] = []

  @Option(help: "zstd level of the analysis columns and per-span frames (default 19 for files up to 4 MiB, 3 above).")
  var analysisLevel: Int?

  func validate() throws {
    if let analysisLevel, !(1...22).contains(analysisLevel) {
      throw ValidationError("--analysis-level must be a zstd level, 1–22, not \(analysisLevel).")
    }
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
    do { _ = try codecs() } catch let error as CodecSetting.ParseError {
      throw ValidationError(error.description)
    }
  }

  func codecs() throws -> [CodecSetting] {
    guard !levels.isEmpty else { return CodecSetting.defaults(forFileBytes: fileBytes) }
    return try CodecSetting.parse(groups: levels)
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
      zstdLevel: analysisLevel ?? AnalysisStage.defaultZstdLevel(forFileBytes: fileBytes))
    try AtomicFile.write(AnalyzeReport.markdown(result), to: reportURL)
    try AtomicFile.write(AnalyzeJSON.text(result), to: jsonURL)
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
