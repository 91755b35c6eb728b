import Foundation
import OTLPProto
import SwiftProtobuf
import Testing

@testable import TraceFormats
@testable import TraceModel

extension Formats {
  /// Broken protobuf gives a `FormatError` naming the file, the record and where it starts; the
  /// first record is always a good one, so the index and offset are not trivially 1 and 0.
  @Suite struct OTLPProtobufBadInputTests {
    /// A good record: one resource group of the sample.
    static let good: [UInt8] = try! RealSample.records(
      RealSample.prefix(resourceSpans: 1), groupsPerRecord: 1)
    static var secondRecordOffset: Int { good.count }

    static func error(_ bytes: [UInt8], name: String = "broken.pb") throws -> FormatError {
      try RealSample.withFile(name, bytes) { url in
        do {
          _ = try TraceFileReader.read(url: url, format: .otlpProto) { _ in }
        } catch let error as FormatError {
          return error
        }
        Issue.record("no error for \(name)")
        return FormatError(file: "", problem: "")
      }
    }

    /// `body` as a record: its length prefix and bytes.
    static func record(_ body: [UInt8]) -> [UInt8] { RealSample.lengthPrefix(body.count) + body }

    @Test func aTruncatedRecordNamesItsIndexAndOffset() throws {
      let message = Array(Self.good[4...])
      let cut = Array(message.prefix(message.count - 10))
      let error = try Self.error(Self.good + Self.record(cut))
      #expect(error.record == 2)
      #expect(error.byteOffset == Self.secondRecordOffset)
      #expect(
        error.description
          == "broken.pb record 2 at byte offset \(Self.secondRecordOffset): invalid protobuf: "
          + "a field runs past the end of the record (truncated)")
    }

    @Test func aLengthPrefixPastTheEndOfTheFileSaysHowMuchIsLeft() throws {
      let message = Array(Self.good[4...])
      let error = try Self.error(
        Self.good + RealSample.lengthPrefix(message.count + 100) + message)
      #expect(error.record == 2)
      #expect(error.byteOffset == Self.secondRecordOffset)
      #expect(
        error.problem
          == "the length prefix claims \(message.count + 100) bytes but the file ends after "
          + "\(message.count) (truncated, or not length-prefixed OTLP)")
    }

    @Test func aWrongWireTypeIsMalformed() throws {
      // resource_spans { scope_spans (field 2) written as a varint (wire type 0) }
      let error = try Self.error(Self.good + Self.record([0x0A, 0x02, 0x10, 0x01]))
      #expect(error.record == 2)
      #expect(error.byteOffset == Self.secondRecordOffset)
      #expect(
        error.problem
          == "resourceSpans[0]: field 2 has wire type 0, expected 2 (a wrong wire type)")
    }

    @Test func invalidUTF8InAStringFieldIsNamed() throws {
      // resource_spans { schema_url (field 3) = bytes C3 28, not UTF-8 }
      let error = try Self.error(Self.good + Self.record([0x0A, 0x04, 0x1A, 0x02, 0xC3, 0x28]))
      #expect(error.record == 2)
      #expect(error.problem == "invalid protobuf: a string field is not valid UTF-8")
    }

    @Test(arguments: [UInt32(0x8000_0000), 0xFFFF_FFFF])
    func aLengthOfTwoGigabytesOrMoreIsRefusedWithoutReadingIt(_ length: UInt32) throws {
      let error = try Self.error(Self.good + RealSample.lengthPrefix(Int(length)) + [0x0A, 0x00])
      #expect(error.record == 2)
      #expect(error.byteOffset == Self.secondRecordOffset)
      #expect(error.problem.contains("beyond protobuf's 2 GiB message limit"))
    }

    @Test func aLengthJustUnderTwoGigabytesIsPastTheEnd() throws {
      let error = try Self.error(Self.good + RealSample.lengthPrefix(0x7FFF_FFFF) + [0x0A, 0x00])
      #expect(error.record == 2)
      #expect(error.problem.hasPrefix("the length prefix claims 2147483647 bytes"))
    }

    @Test func aFileEndingInsideALengthPrefixSaysSo() throws {
      let error = try Self.error(Self.good + [0x00, 0x00])
      #expect(error.record == 2)
      #expect(error.problem == "the file ends inside a 4-byte length prefix (2 bytes left)")
    }

    @Test func aSpanIDOfTheWrongLengthNamesTheSpan() throws {
      var message = RealSample.prefix(resourceSpans: 1)
      message.resourceSpans[0].scopeSpans[0].spans[1].spanID = Data([1, 2, 3])
      let error = try Self.error(Self.good + Self.record(try message.serializedBytes()))
      #expect(error.record == 2)
      #expect(
        error.problem
          == "resourceSpans[0].scopeSpans[0].spans[1]: field \"spanId\": expected 8 bytes, found 3")
    }

    @Test func aTruncatedZstdFileSaysTheStreamEndsEarly() throws {
      let compressed = try Data(contentsOf: RealSample.url)
      let error = try Self.error(Array(compressed.prefix(100_000)), name: "cut.zst")
      #expect(error.file == "cut.zst")
      #expect(error.problem.contains("the zstd stream ends early"))
    }
  }
}
