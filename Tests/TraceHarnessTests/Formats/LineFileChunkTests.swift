import Foundation
import Testing

@testable import TraceModel
@testable import TraceFormats

/// A line file cut into many chunks, each decoded on the usual assumption as the decoding workers
/// do, then taken in order, must read as the same file in one chunk: the same spans, summary and
/// errors. Chunks of a few hundred bytes make every boundary case occur on small files.
extension Formats {
  @Suite struct LineFileChunkTests {
    private static func read(_ url: URL, format: TraceFormat?, chunkBytes: Int) throws
      -> Result<([Span], ReadSummary), FormatError>
    {
      var file = try #require(try LineFile.open(url: url, format: format, timeUnit: nil))
      file.chunkBytes = chunkBytes
      return Result {
        var decoded: [DecodedChunk] = []
        let lineCount = try file.forEachChunk { decoded.append(file.decode($0)) }
        var summary = LineFileSummary(file)
        var spans: [Span] = []
        for chunk in decoded {
          let taken = summary.accept(chunk)
          spans += taken.lines.map(\.span)
          if let failure = taken.failure { throw failure }
        }
        return (spans, try summary.finish(lineCount: lineCount))
      }.mapError { error in
        guard let error = error as? FormatError else {
          Issue.record("not a FormatError: \(error)")
          return FormatError(file: "", problem: "")
        }
        return error
      }
    }

    /// Reads `contents` in chunks of 200 bytes and in one, and expects the same outcome.
    private static func expectChunkingInvisible(
      _ name: String, _ contents: String, as format: TraceFormat? = nil
    ) throws -> Result<([Span], ReadSummary), FormatError> {
      try FormatFixtures.withScratch(name, Array(contents.utf8)) { url in
        let whole = try read(url, format: format, chunkBytes: 1 << 24)
        let chunked = try read(url, format: format, chunkBytes: 200)
        switch (whole, chunked) {
        case (.success(let one), .success(let many)):
          #expect(one.0 == many.0)
          #expect(one.1 == many.1)
        case (.failure(let one), .failure(let many)):
          #expect(one == many)
        default:
          Issue.record("one chunk gave \(whole), many gave \(chunked)")
        }
        return whole
      }
    }

    private static let seedLine =
      #"{"trace_id":"t","spans":[{"span_id":"a","service_name":"s","operation_name":"o","start_time":START,"end_time":END,"status_code":0}]}"#

    @Test func generatedSpansReadTheSameInManyChunks() throws {
      let spans = try GeneratedSpans.sample(traces: 30)
      let text = String(decoding: GeneratedSpans.jsonl(spans), as: UTF8.self)
      let result = try Self.expectChunkingInvisible("spans.jsonl", text)
      #expect(try result.get().0 == spans)
    }

    @Test func aFirstRecordAfterChunksOfBlankLinesStillNamesTheOtherFormat() throws {
      let zipkin = #"[{"traceId":"0123456789abcdef","id":"0123456789abcdef","name":"x"}]"#
      let result = try Self.expectChunkingInvisible(
        "spans.jsonl", String(repeating: "   \n", count: 300) + zipkin + "\n", as: .jsonl)
      guard case .failure(let error) = result else {
        Issue.record("read a Zipkin array as jsonl")
        return
      }
      #expect(error.description.contains("it looks like zipkin"))
    }

    @Test func aSeedUnitDecidedInAnEarlierChunkHoldsInLaterOnes() throws {
      let micros = Self.seedLine.replacingOccurrences(of: "START", with: "1698000000000000")
        .replacingOccurrences(of: "END", with: "1698000000000100")
      let nanos = Self.seedLine.replacingOccurrences(of: "START", with: "1698000000000000000")
        .replacingOccurrences(of: "END", with: "1698000000000000100")
      let empty = #"{"trace_id":"e","spans":[]}"#
      let lines = Array(repeating: empty, count: 10) + Array(repeating: micros, count: 10) + [nanos]
      let result = try Self.expectChunkingInvisible("traces.jsonl", lines.joined(separator: "\n"))
      guard case .failure(let error) = result else {
        Issue.record("read ns after µs")
        return
      }
      #expect(error.description.contains("line 21"))
      let consistent = try Self.expectChunkingInvisible(
        "traces.jsonl", (Array(repeating: empty, count: 10) + Array(repeating: micros, count: 10)).joined(separator: "\n"))
      #expect(try consistent.get().1.sourceTimestampUnit == .microseconds)
    }

    @Test func aBadLineLateInTheFileIsNamedAsInOneChunk() throws {
      var lines = Self.lines(count: 12)
      lines[9] = String(lines[9].dropLast(5))
      let result = try Self.expectChunkingInvisible("spans.jsonl", lines.joined(separator: "\r\n"))
      guard case .failure(let error) = result else {
        Issue.record("read a cut line")
        return
      }
      #expect(error.description.hasPrefix("spans.jsonl line 10:"))
    }

    @Test func findingsKeepTheirFirstLineAcrossChunks() throws {
      var lines = Self.lines(count: 12)
      for index in [7, 10] {
        lines[index] = lines[index].replacingOccurrences(of: #""status_code":0"#, with: #""status_code":0,"status_code":0"#)
      }
      let result = try Self.expectChunkingInvisible("spans.jsonl", lines.joined(separator: "\n") + "\n\n")
      let summary = try result.get().1
      #expect(summary.findings.counts[.duplicateJSONKey] == 2)
      #expect(summary.findings.firstLocations[.duplicateJSONKey]?.line == 8)
      #expect(summary.lineCount == 13)
    }

    private static func lines(count: Int) -> [String] {
      (0..<count).map { index in
        #"{"trace_id":"t","span_id":"s\#(index)","parent_span_id":null,"service_name":"a","operation_name":"o","start_time":1698000000000000000,"end_time":1698000000000000001,"tags":{},"logs":[],"status_code":0}"#
      }
    }
  }
}
