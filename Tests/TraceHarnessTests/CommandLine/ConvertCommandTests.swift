import Foundation
import Testing
@testable import TraceModel
@testable import TraceFormats
@testable import HarnessCommands

@Suite struct ConvertCommandTests {
  @Test func aZipkinFileBecomesOTLPProtobufWithItsSpans() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("zipkin.pb")
    var command = try Harness.parseAsRoot([
      "convert", FormatFixtures.url("zipkin-traces.json").path, "--to", "otlp-proto", "-o", output.path,
    ])
    try command.run()
    let (spans, summary) = try TraceFileReader.readAll(url: output)
    #expect(summary.format == .otlpProto)
    #expect(spans.count == 5)
    #expect(spans.map(\.kind).contains(.client))
  }

  @Test func theInputIsNeverTheOutput() throws {
    let input = FormatFixtures.url("zipkin-traces.json").path
    for output in [input, input.replacingOccurrences(of: "/Fixtures/", with: "/Fixtures/./")] {
      #expect(throws: (any Error).self) {
        _ = try Harness.parseAsRoot(["convert", input, "--to", "jsonl", "-o", output])
      }
    }
    // Another file beside it is no input: the same command line parses.
    _ = try Harness.parseAsRoot(["convert", input, "--to", "jsonl", "-o", input + ".copy"])
  }
}
