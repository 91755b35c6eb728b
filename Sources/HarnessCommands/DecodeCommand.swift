import ArgumentParser
import Foundation
import OutputFiles
import TraceFormats
import TraceModel
import TraceStore

/// `harness decode FILE.tstore -o OUT [--to jsonl|otlp-json]`: a trace-store file back as traces.
struct DecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Read a trace-store file back as JSONL or OTLP/JSON, every block checked.")

  enum Target: String, ExpressibleByArgument, CaseIterable {
    case jsonl
    case otlpJSON = "otlp-json"
    case otlpProto = "otlp-proto"
  }

  @Argument(help: "The trace-store file (concatenated files are read as one).")
  var file: String

  @Option(name: .shortAndLong, help: "The file to write.")
  var output: String

  @Option(help: "Output format.")
  var to: Target = .jsonl

  func validate() throws {
    if to == .otlpProto {
      throw ValidationError("--to otlp-proto needs the OTLP protobuf writer of issue 12, not yet merged")
    }
    try OutputPaths.refuseOverwriting(inputs: [file], output: output)
  }

  func run() throws {
    let out = try AtomicFile(URL(fileURLWithPath: output))
    var otlp = OTLPJSONWriter()
    let summary = try TraceStoreReader.read(url: URL(fileURLWithPath: file)) { spans in
      var bytes: [UInt8] = []
      for span in spans {
        switch to {
        case .jsonl: SpanJSONWriter.write(span, into: &bytes)
        case .otlpJSON, .otlpProto: try otlp.append(span, into: &bytes)
        }
      }
      try out.write(bytes)
    }
    var tail: [UInt8] = []
    try otlp.finish(into: &tail)
    try out.write(tail)
    try out.commit()
    print("\(output): \(summary.spanCount) spans from \(summary.blockCount) blocks of \(file)")
  }
}
