import Testing

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

extension Formats {
  @Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
      try Array(text.utf8).withUnsafeBufferPointer { try JSONParser.parseDocument($0) }
    }

    private func failure(_ bytes: [UInt8]) -> JSONSyntaxError? {
      do {
        _ = try bytes.withUnsafeBufferPointer { try JSONParser.parseDocument($0) }
        return nil
      } catch {
        return error as? JSONSyntaxError
      }
    }

    @Test func objectMembersKeepTheirOrder() throws {
      let value = try parse(#"{"z":1,"a":2,"m":3}"#)
      guard case .object(let members) = value else {
        Issue.record("not an object")
        return
      }
      #expect(members.map(\.key) == ["z", "a", "m"])
    }

    @Test func integersBooleansAndDoublesStayDistinct() throws {
      #expect(
        try parse("[1, true, 1.0, -0, 1e2]")
          == .array([.int(1), .bool(true), .double(1), .int(0), .double(100)]))
      #expect(try parse("9223372036854775807") == .int(.max))
      #expect(try parse("-9223372036854775808") == .int(.min))
      #expect(try parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
      #expect(try parse("1698000000000000123") == .int(1_698_000_000_000_000_123))
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
      #expect(try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
      #expect(try parse(#""héllo""#) == .string("héllo"))
    }

    @Test func malformedInputIsRejectedWithItsOffset() {
      #expect(
        failure(Array(#"{"a":01}"#.utf8))
          == JSONSyntaxError(reason: .syntax("invalid number"), offset: 5))
      #expect(failure(Array(#"{"a":1,}"#.utf8))?.offset == 7)
      #expect(
        failure(Array(#""\ud800x""#.utf8))?.reason
          == .syntax("unpaired UTF-16 surrogate in \\u escape"))
      #expect(failure(Array("\"a\u{1}\"".utf8))?.offset == 2)
      #expect(failure(Array("[1 2]".utf8))?.offset == 3)
      #expect(failure(Array("tru".utf8))?.reason == .syntax("unexpected end of input"))
      #expect(failure(Array("\"abc".utf8))?.reason == .syntax("unterminated string"))
    }

    @Test func invalidUTF8IsRejectedAtTheBadSequence() {
      // Overlong '/', a lone continuation byte, an encoded surrogate, a truncated sequence.
      for bad in [[0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82]] as [[UInt8]] {
        let bytes = Array(#"["ab"#.utf8) + bad + Array(#""]"#.utf8)
        #expect(failure(bytes) == JSONSyntaxError(reason: .invalidUTF8, offset: 4), "\(bad)")
      }
      #expect(
        failure([UInt8(ascii: "["), 0xFF, UInt8(ascii: "]")])
          == JSONSyntaxError(reason: .invalidUTF8, offset: 1))
    }

    @Test func nestingUpToTheLimitParsesAndOneMoreLevelDoesNot() throws {
      let limit = JSONParser.maxDepth
      _ = try parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
      let tooDeep =
        String(repeating: #"{"a":"#, count: limit + 1) + "1"
        + String(repeating: "}", count: limit + 1)
      #expect(failure(Array(tooDeep.utf8)) == JSONSyntaxError(reason: .tooDeep, offset: 5 * limit))
    }
  }
}
