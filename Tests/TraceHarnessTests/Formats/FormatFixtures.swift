import Foundation

@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

/// The fixture files under `Tests/TraceHarnessTests/Fixtures`, and scratch files for bad input.
enum FormatFixtures {
  /// Every fixture with the format it is written in.
  static let all: [(name: String, format: TraceFormat)] = [
    ("spans.jsonl", .jsonl), ("seed-traces.jsonl", .seed), ("otlp-request.json", .otlp),
    ("otlp-lines.jsonl", .otlp), ("zipkin-traces.json", .zipkin), ("jaeger-traces.json", .jaeger),
  ]

  static func url(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
  }

  static func read(_ name: String, as format: TraceFormat? = nil) throws -> (
    spans: [Span], summary: ReadSummary
  ) {
    try TraceFileReader.readAll(url: url(name), format: format)
  }

  /// Runs `body` on a fresh file named `name` holding `contents`, then removes it.
  static func withScratch<T>(_ name: String, _ contents: [UInt8], _ body: (URL) throws -> T) throws
    -> T
  {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("trace-harness-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    try Data(contents).write(to: url)
    return try body(url)
  }

  /// Reads `contents` as a file named `name`.
  static func read(_ name: String, contents: [UInt8], as format: TraceFormat? = nil) throws -> (
    spans: [Span], summary: ReadSummary
  ) {
    try withScratch(name, contents) { try TraceFileReader.readAll(url: $0, format: format) }
  }

  static func read(_ name: String, contents: String, as format: TraceFormat? = nil) throws -> (
    spans: [Span], summary: ReadSummary
  ) {
    try read(name, contents: Array(contents.utf8), as: format)
  }

  /// The `FormatError` reading `contents` as a file named `name` throws, or nil if it reads.
  static func readError(_ name: String, contents: [UInt8], as format: TraceFormat? = nil) throws
    -> FormatError?
  {
    try withScratch(name, contents) { readError($0, as: format) }
  }

  static func readError(_ name: String, contents: String, as format: TraceFormat? = nil) throws
    -> FormatError?
  {
    try readError(name, contents: Array(contents.utf8), as: format)
  }

  /// The `FormatError` reading `url` throws, or nil if it reads.
  static func readError(_ url: URL, as format: TraceFormat? = nil) -> FormatError? {
    do {
      _ = try TraceFileReader.readAll(url: url, format: format)
      return nil
    } catch let error as FormatError {
      return error
    } catch {
      return FormatError(file: "?", problem: "unexpected error type: \(error)")
    }
  }
}

/// The figures the fixtures are checked against: counts a reader must get exactly right.
struct SpanCensus: Equatable, CustomStringConvertible {
  var spans = 0
  var traces = 0
  var services = 0
  var operations = 0
  /// Spans without a parent.
  var roots = 0
  /// Spans whose parent id is not the id of any span in the file.
  var orphans = 0

  init(spans: Int, traces: Int, services: Int, operations: Int, roots: Int, orphans: Int) {
    (self.spans, self.traces, self.services) = (spans, traces, services)
    (self.operations, self.roots, self.orphans) = (operations, roots, orphans)
  }

  init(_ spans: [Span]) {
    let ids = Set(spans.map(\.spanID))
    self.spans = spans.count
    traces = Set(spans.map(\.traceID)).count
    services = Set(spans.map(\.serviceName)).count
    operations = Set(spans.map(\.operationName)).count
    roots = spans.filter(\.isRoot).count
    orphans = spans.filter { $0.parentSpanID.map { !ids.contains($0) } ?? false }.count
  }

  var description: String {
    "\(spans) spans, \(traces) traces, \(services) services, \(operations) operations, "
      + "\(roots) roots, \(orphans) orphans"
  }
}
