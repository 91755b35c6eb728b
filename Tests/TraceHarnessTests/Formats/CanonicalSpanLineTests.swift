import Foundation
import Testing

@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration

/// The fast path of the jsonl reader against the general one (`JSONValue` tree, `SeedSpanDecoder`,
/// `SpanJSONWriter`): wherever it reads a line it must read what the general path reads, add
/// nothing to the summary, and the line must be its own re-write.
extension Formats {
  @Suite struct CanonicalSpanLineTests {
    /// What the general path makes of one line: the span and its re-write, or nil when it refuses
    /// the line or the line has any summary effect (a finding or a normalization).
    private static func generalRead(_ line: [UInt8], checksMagnitude: Bool) -> (Span, [UInt8], FieldBytes)? {
      line.withUnsafeBufferPointer { bytes in
        guard let value = try? JSONParser.parseDocument(bytes), value["span_id"] != nil,
          value.duplicateKeyCount == 0
        else { return nil }
        var decoder = SeedSpanDecoder(detectsUnit: false, givenUnit: checksMagnitude ? nil : .nanoseconds)
        var summary = ReadSummary(format: .jsonl, sourceTimestampUnit: .nanoseconds)
        guard let span = try? decoder.span(from: value, summary: &summary),
          summary == ReadSummary(format: .jsonl, sourceTimestampUnit: .nanoseconds)
        else { return nil }
        var written: [UInt8] = []
        let fields = SpanJSONWriter.write(span, into: &written)
        return (span, written, fields)
      }
    }

    /// Fails the test when the fast path reads `line` otherwise than the general path; returns
    /// whether the fast path read it.
    @discardableResult
    private static func expectAgreement(_ line: [UInt8], checksMagnitude: Bool = true) -> Bool {
      var strings = RecentStrings()
      guard
        let fast = line.withUnsafeBufferPointer({
          CanonicalSpanLine.read($0, checksMagnitude: checksMagnitude, strings: &strings)
        })
      else { return false }
      let general = generalRead(line, checksMagnitude: checksMagnitude)
      #expect(general != nil, "fast path read a line the general path refuses: \(String(decoding: line, as: UTF8.self))")
      guard let (span, written, fields) = general else { return true }
      #expect(fast.span == span)
      #expect(written == line + [0x0A], "not its own re-write: \(String(decoding: line, as: UTF8.self))")
      #expect(fast.fieldBytes == fields)
      return true
    }

    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
      bytes.split(separator: 0x0A).map(Array.init)
    }

    @Test func everyLineTheHarnessWritesTakesTheFastPath() throws {
      let spans = try GeneratedSpans.sample(traces: 300)
      let written = Self.lines(GeneratedSpans.jsonl(spans))
      #expect(written.count == spans.count)
      for line in written { #expect(Self.expectAgreement(line)) }
    }

    @Test func theFixtureAgreesLineByLine() throws {
      let bytes = try [UInt8](Data(contentsOf: FormatFixtures.url("spans.jsonl")))
      var taken = 0
      for line in Self.lines(bytes) where Self.expectAgreement(line) { taken += 1 }
      // Its lines with doubles (`sample.ratio`) take the general path; the others do not.
      #expect(taken > 0)
    }

    @Test func linesTheWriterWouldWriteOtherwiseTakeTheGeneralPath() {
      let canonical = #"{"trace_id":"t","span_id":"s","parent_span_id":null,"service_name":"a","operation_name":"o","start_time":1698000000000000000,"end_time":1698000000000000001,"tags":{"k":"v","n":-3,"b":true},"logs":[{"timestamp":1698000000000000000,"event":"e","f":1}],"status_code":1}"#
      #expect(Self.expectAgreement(Array(canonical.utf8)))
      let variants = [
        canonical.replacingOccurrences(of: #""k":"v""#, with: #""k": "v""#),
        canonical.replacingOccurrences(of: #""v""#, with: #""\u0076""#),
        canonical.replacingOccurrences(of: "-3", with: "-0"),
        canonical.replacingOccurrences(of: "-3", with: "3.0"),
        canonical.replacingOccurrences(of: #""b":true"#, with: #""k":true"#),
        canonical.replacingOccurrences(of: #""f":1"#, with: #""event":"x""#),
        canonical.replacingOccurrences(of: #","event":"e""#, with: ""),
        canonical.replacingOccurrences(of: "1698000000000000001", with: "1"),
        canonical.replacingOccurrences(of: "1698000000000000000,\"end", with: "1698000000,\"end"),
        canonical + " ",
        " " + canonical,
        canonical.replacingOccurrences(of: #""status_code":1"#, with: #""status_code":2"#),
        canonical.replacingOccurrences(of: #""status_code":1"#, with: #""status_code":1,"x":1"#),
      ]
      for variant in variants {
        let bytes = Array(variant.utf8)
        var strings = RecentStrings()
        #expect(
          bytes.withUnsafeBufferPointer { CanonicalSpanLine.read($0, checksMagnitude: true, strings: &strings) } == nil,
          "\(variant)")
      }
    }

    /// Fuzz-style: lines of the harness's own output with random edits (bytes that matter to JSON
    /// inserted, deleted or replaced), each read by both paths.
    @Test func randomlyEditedLinesNeverDisagree() throws {
      let lines = Self.lines(GeneratedSpans.jsonl(try GeneratedSpans.sample(traces: 40)))
      let alphabet = Array(#"{}[]:,"\-0123456789.eE tfnrul\/ "#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
      var random = SplitMix64(seed: 11)
      var fastTaken = 0
      for round in 0..<4_000 {
        var line = lines[round % lines.count]
        for _ in 0...Int(random.next() % 3) {
          let at = Int(random.next() % UInt64(line.count))
          let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
          switch random.next() % 3 {
          case 0: line.insert(byte, at: at)
          case 1: line.remove(at: at)
          default: line[at] = byte
          }
        }
        if Self.expectAgreement(line, checksMagnitude: round % 2 == 0) { fastTaken += 1 }
      }
      // Edits inside a string or a number often leave a line the writer would write.
      #expect(fastTaken > 100)
    }

    /// A slot holds one string at a time: the table must hand back the string of the bytes asked
    /// for, never the one a colliding string left there.
    @Test(arguments: [1, 1024]) func recentStringsGiveTheStringOfTheBytes(slotCount: Int) {
      var strings = RecentStrings(slotCount: slotCount)
      let texts = ["http.status_code", "http.method", "", "é-ü", "http.status_codf", "http.method", "http.status_code"]
      for text in texts {
        let made = Array(text.utf8).withUnsafeBufferPointer { strings.string($0) }
        #expect(made == text)
      }
    }
  }
}
