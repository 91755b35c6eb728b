import ArgumentParser
import Foundation
import OutputFiles
import TraceFormats

extension ConversionTarget: ExpressibleByArgument {}

/// `harness convert FILE --to FORMAT -o OUT`: any format the harness reads, into OTLP protobuf,
/// OTLP/JSON or the seed's JSONL, saying what the reader normalized and what the target dropped.
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a trace file (any readable format, plain or .gz/.zst) to otlp-proto, otlp-json or jsonl.")

  @Argument(help: "The trace file.")
  var file: String

  @Option(name: .customLong("to"), help: "Target format.")
  var target: ConversionTarget

  @Option(name: [.customShort("o"), .long], help: "Output file; never the input.")
  var output: String

  @Option(help: "The input's format: auto (detected from its content), or one of \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: String = "auto"

  @Flag(name: .shortAndLong, help: "Replace the output file if it exists.")
  var force = false

  func validate() throws {
    guard format == "auto" || TraceFormat(rawValue: format) != nil else {
      throw ValidationError(
        "unknown format '\(format)': use auto, " + TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }
    try OutputPaths.refuseOverwriting(
      outputs: [("-o", output)], inputs: [OutputPaths.Input("input", URL(fileURLWithPath: file))])
    try OutputPaths.refuseReplacing(("-o", output), force: force)
  }

  func run() throws {
    let outputURL = URL(fileURLWithPath: output)
    let file = try AtomicFile(outputURL)
    let result = try TraceConverter.convert(
      URL(fileURLWithPath: self.file), format: TraceFormat(rawValue: format), to: target
    ) { try file.write($0) }
    try file.commit()
    print("read      \(self.file) as \(result.read.format.rawValue): \(result.spanCount) spans")
    let records = target == .jsonl ? "\(result.spanCount) lines" : "\(result.requestCount) requests"
    print("wrote     \(outputURL.path) as \(target.rawValue): \(result.outputBytes) bytes, \(records)")
    for note in result.read.normalizationNotes { print("reader    \(note)") }
    let dropped = result.dropped.notes
    if dropped.isEmpty {
      print("dropped   nothing the reader kept")
    } else {
      for note in dropped { print("dropped   \(note)") }
    }
  }
}
