import ArgumentParser
import Foundation
import OutputFiles
import Runner
import TraceFormats
import TraceStore

/// `harness encode FILE… -o OUT.tstore`: trace files of any format the harness reads, as one
/// trace-store file.
struct EncodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "encode",
    abstract: "Write trace files (jsonl, seed, otlp, otlp-proto, zipkin, jaeger) as one lossless trace-store file.",
    discussion: "The format is specified in docs/format.md; `harness decode` reads it back.")

  @Argument(help: "The trace files, read in order: files, directories (their files, sorted) or - (standard input).")
  var files: [String]

  @Option(name: .shortAndLong, help: "The trace-store file to write (by convention .tstore).")
  var output: String

  @Option(help: "zstd level of every column (1-22).")
  var level: Int = TraceStoreOptions().zstdLevel

  @Flag(help: "Print the bytes of each column.")
  var columns = false

  @Flag(name: .shortAndLong, help: "Replace the output file if it exists.")
  var force = false

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("name at least one trace file to encode") }
    guard (1...22).contains(level) else { throw ValidationError("--level must be 1-22, not \(level)") }
    try OutputPaths.refuseOverwriting(
      outputs: [("-o", output)], inputs: files.map { OutputPaths.Input("input", URL(fileURLWithPath: $0)) })
    try OutputPaths.refuseReplacing(("-o", output), force: force)
  }

  func run() throws {
    AllocatorSettings.apply(.encoding)
    let file = try AtomicFile(URL(fileURLWithPath: output))
    let writer = TraceStoreWriter(options: TraceStoreOptions(zstdLevel: level)) { try file.write($0) }
    var inputBytes = 0
    // As analyze resolves them, so the two commands take the same datasets.
    let inputs = try TraceInputs(files)
    for url in inputs.files {
      // OTLP inputs keep their requests, so decoding them to otlp-proto gives the same messages.
      switch try TraceFileReader.format(of: url) {
      case .otlp, .otlpProto:
        _ = try TraceFileReader.readRequestParts(url: url) { try writer.append($0, continuingPrevious: $1) }
      case let format:
        _ = try TraceFileReader.read(url: url, format: format) { try writer.append($0) }
      }
      inputBytes += ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
    }
    let summary = try writer.finish()
    try file.commit()
    let perSpan = summary.spanCount == 0 ? 0 : Double(summary.fileBytes) / Double(summary.spanCount)
    print(
      "\(output): \(summary.spanCount) spans in \(summary.blockCount) blocks, \(summary.fileBytes) bytes "
        + "(\(String(format: "%.2f", perSpan)) per span) from \(inputBytes) bytes of input")
    if columns {
      for column in summary.columnBytes { print("  \(column.storedBytes)\t\(column.name)") }
      print("  \(summary.framingBytes)\tframing (header, record frames, directories, index)")
    }
  }
}
