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
    abstract: "Run Baseline and Analysis on existing trace files (jsonl, seed, otlp, otlp-proto, zipkin, jaeger; plain, .gz or .zst).",
    discussion: "The same spans as OTLP protobuf are measured at --levels too; without it, above \(QuickDefaults.largeFileBytes >> 20) MiB, at \(QuickDefaults(fileBytes: .max).protobufCodecs.map(\.description).joined(separator: " and ")) only. Above \(QuickDefaults.largeFileBytes >> 20) MiB, too, per-span frames are made of 1 span in \(QuickDefaults(fileBytes: .max).perSpanSampling) and the per-request protobuf rows of 1 request in \(QuickDefaults(fileBytes: .max).perRequestSampling), each scaled to all of them.")

  @Argument(help: "Trace files, directories (their files, in path order) or - for standard input, read as one dataset.")
  var files: [String]

  @Option(help: "The files' format: auto (detected from their content), jsonl, seed, otlp, otlp-proto, zipkin or jaeger.")
  var format: String = "auto"

  @Option(help: "Report path (default reports/analysis-<first file's name>.md); the .json goes beside it.")
  var report: String?

  @Option(help: "Unit of a jsonl or OTLP file's timestamps when they are not ns: s, ms, us or ns.")
  var timeUnit: String?

  @OptionGroup var levelOptions: LevelOptions

  @Flag(help: "Regenerate the report in memory and compare it with the committed files, figure by figure; exit non-zero if they differ. Writes nothing.")
  var check = false

  @Flag(help: "Only read the inputs, as an analysis reads them (parse, normalize, structure checks, the JSONL re-write), and print what was read; compresses nothing and writes no file. For measuring the reader's speed.")
  var readOnly = false

  @Flag(help: "Replace --report and its .json even when they are not reports the harness wrote.")
  var force = false

  func validate() throws {
    if report == "" { throw ValidationError("--report must name a file, not \"\".") }
    if readOnly, check || report != nil {
      throw ValidationError("--read-only writes and compares no report: leave out --check and --report")
    }
    if let timeUnit, TimestampUnit(optionName: timeUnit) == nil {
      throw ValidationError(
        "unknown time unit '\(timeUnit)': use "
          + TimestampUnit.allCases.map(\.optionName).joined(separator: ", "))
    }
    if timeUnit != nil, let given = TraceFormat(rawValue: format), ![.jsonl, .otlp].contains(given) {
      throw ValidationError("--time-unit applies to jsonl and otlp files; \(format) states its unit")
    }
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  func codecs() throws -> [CodecSetting] {
    try levelOptions.codecs { QuickDefaults(fileBytes: fileBytes).codecs }
  }

  /// The inputs' size, which picks the defaults; 0 for one that cannot be read (the reader says
  /// why).
  private var fileBytes: Int {
    files.reduce(0) { $0 + (((try? FileManager.default.attributesOfItem(atPath: $1))?[.size] as? Int) ?? 0) }
  }

  func run() throws {
    let inputs = try TraceInputs(files)
    if readOnly { return try read(inputs) }
    let name = files[0] == "-" ? "stdin" : URL(fileURLWithPath: files[0]).lastPathComponent
    let reportURL = URL(fileURLWithPath: report ?? "reports/analysis-\(name).md")
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    try OutputPaths.refuseOverwriting(
      outputs: [("--report", reportURL.path), ("--report's .json", jsonURL.path)],
      inputs: inputs.files.map { .init("input file", $0) })
    try ReportFiles.refuseReplacingOther(report: reportURL.path, json: jsonURL.path, force: force)
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    try StaleFiles.removeAbandoned(in: reportURL.deletingLastPathComponent())
    let result = try AnalyzePipeline.run(
      inputs: inputs, format: TraceFormat(rawValue: format),
      timeUnit: timeUnit.flatMap(TimestampUnit.init(optionName:)), codecs: try codecs(),
      protobufCodecs: try levelOptions.codecs { QuickDefaults(fileBytes: fileBytes).protobufCodecs },
      zstdLevel: levelOptions.analysisLevel ?? QuickDefaults(fileBytes: fileBytes).analysisLevel,
      perSpanSampling: QuickDefaults(fileBytes: fileBytes).perSpanSampling,
      perRequestSampling: QuickDefaults(fileBytes: fileBytes).perRequestSampling)
    if check {
      let drift = ReportDrift.compare(
        markdownPath: reportURL.relativePath, jsonPath: jsonURL.relativePath,
        committedMarkdown: CommittedFile.read(reportURL), committedJSON: CommittedFile.read(jsonURL),
        regeneratedMarkdown: AnalyzeReport.markdown(result), regeneratedJSON: try AnalyzeJSON.text(result))
      print(drift)
      if !drift.isCurrent { throw ExitCode.failure }
      return
    }
    let outputs = OutputSet()
    try outputs.add(AnalyzeReport.markdown(result), at: reportURL)
    try outputs.add(AnalyzeJSON.text(result), at: jsonURL)
    try outputs.commit()
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

  /// `--read-only`: the reader alone, its summary on stdout.
  private func read(_ inputs: TraceInputs) throws {
    let result = try AnalyzePipeline.read(
      inputs: inputs, format: TraceFormat(rawValue: format),
      timeUnit: timeUnit.flatMap(TimestampUnit.init(optionName:)))
    print(ReadOnlySummary.text(result))
    print("time      \(result.timing.summary)")
  }
}
