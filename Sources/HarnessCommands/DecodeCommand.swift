import ArgumentParser
import Foundation
import OutputFiles
import Runner
import TraceFormats
import TraceModel
import TraceStore

/// `harness decode FILE.tstore -o OUT [--to jsonl|otlp-json|otlp-proto]`: a trace-store file back
/// as traces. OTLP protobuf output gives each stored request back as it was; spans stored flat are
/// grouped into requests as `OTLPProtobufWriter` groups them.
struct DecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Read a trace-store file back as JSONL, OTLP/JSON or OTLP protobuf, every block checked.")

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

  @Flag(name: .shortAndLong, help: "Replace the output file if it exists.")
  var force = false

  func validate() throws {
    try OutputPaths.refuseOverwriting(
      outputs: [("-o", output)], inputs: [OutputPaths.Input("input", URL(fileURLWithPath: file))])
    try OutputPaths.refuseReplacing(("-o", output), force: force)
  }

  func run() throws {
    AllocatorSettings.apply(.decoding)
    let out = try AtomicFile(URL(fileURLWithPath: output))
    let url = URL(fileURLWithPath: file)
    let summary: TraceStoreReader.Summary
    switch to {
    case .jsonl:
      summary = try TraceStoreReader.readJSONL(url: url) { try out.write($0) }
    case .otlpJSON:
      var otlp = OTLPJSONWriter()
      summary = try TraceStoreReader.read(url: url) { spans in
        var bytes: [UInt8] = []
        for span in spans { try otlp.append(span, into: &bytes) }
        try out.write(bytes)
      }
      var tail: [UInt8] = []
      try otlp.finish(into: &tail)
      try out.write(tail)
    case .otlpProto:
      // Each request's groups are written as they come, serialized on the decoding threads, and
      // the record's length goes in front once the request is complete. Holding the message until
      // then (the real sample is one request of 86,583 spans) kept 24 MB in memory and left its
      // write, a fifth of the run, to the end, after every block was decoded.
      var flat = OTLPProtobufWriter()
      var lengthOffset: Int?
      var messageBytes = 0
      func closeRequest() throws {
        guard let offset = lengthOffset else { return }
        lengthOffset = nil
        try out.overwrite(OTLPProtobufWriter.recordPrefix(messageBytes: messageBytes), at: offset)
      }
      summary = try TraceStoreReader.readOTLPProtobufParts(url: url) { part, continuesRequest in
        if !continuesRequest {
          try closeRequest()
          var bytes: [UInt8] = []
          try flat.finish(into: &bytes)
          try out.write(bytes)
          lengthOffset = out.byteCount
          messageBytes = 0
          try out.write(OTLPProtobufWriter.recordPrefix(messageBytes: 0))
        }
        messageBytes += part.count
        try out.write(part)
      } onFlatSpans: { spans in
        try closeRequest()
        var bytes: [UInt8] = []
        for span in spans { try flat.append(span, into: &bytes) }
        try out.write(bytes)
      }
      try closeRequest()
      var tail: [UInt8] = []
      try flat.finish(into: &tail)
      try out.write(tail)
    }
    try out.commit()
    print("\(output): \(summary.spanCount) spans from \(summary.blockCount) blocks of \(file)")
  }
}
