import Codecs
import Foundation
import OTLPProto
import SwiftProtobuf

@testable import TraceFormats
@testable import TraceModel

/// The real sample in `experiments/real/`, decompressed and parsed once per test process, here with
/// Codecs and swift-protobuf directly, so the reader under test is not its own reference.
enum RealSample {
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("experiments/real/hipstershop-oteltraces.zst")

  /// The decompressed file: one 4-byte length and one `TracesData`.
  static let decompressed: [UInt8] = {
    let compressed = try! Data(contentsOf: url)
    let decompressor = try! ZstdDecompressor()
    var bytes: [UInt8] = []
    try! compressed.withUnsafeBytes { raw in
      try decompressor.decompress(raw) { bytes.append(contentsOf: $0) }
    }
    return bytes
  }()

  /// The record's message bytes, after the length prefix.
  static var messageBytes: ArraySlice<UInt8> { decompressed[4...] }

  static let message: OTLPTracesData = try! OTLPTracesData(serializedBytes: Array(messageBytes))

  /// The first `count` resource groups, for tests that need real data but not all of it.
  static func prefix(resourceSpans count: Int) -> OTLPTracesData {
    var message = OTLPTracesData()
    message.resourceSpans = Array(Self.message.resourceSpans.prefix(count))
    return message
  }

  /// `message` as a file of length-prefixed records, one per group of `groupsPerRecord`.
  static func records(_ message: OTLPTracesData, groupsPerRecord: Int) throws -> [UInt8] {
    var out: [UInt8] = []
    var start = 0
    while start < message.resourceSpans.count {
      var record = OTLPTracesData()
      record.resourceSpans = Array(
        message.resourceSpans[start..<min(start + groupsPerRecord, message.resourceSpans.count)])
      let bytes: [UInt8] = try record.serializedBytes()
      out += lengthPrefix(bytes.count) + bytes
      start += groupsPerRecord
    }
    return out
  }

  static func lengthPrefix(_ length: Int) -> [UInt8] {
    [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
  }

  /// Runs `body` with a scratch file named `name` holding `bytes`.
  static func withFile<T>(_ name: String, _ bytes: [UInt8], _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("trace-harness-proto-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return try body(file)
  }

  /// The sample read once through the reader under test: its requests and what the reader said.
  static let read: Result<(requests: [TraceRequest], summary: ReadSummary), any Error> = Result {
    var requests: [TraceRequest] = []
    let summary = try TraceFileReader.readRequests(url: url) { requests.append($0) }
    return (requests, summary)
  }

  /// Every request of `url` read back as protobuf messages, through the model.
  static func readBack(_ url: URL, format: TraceFormat? = nil) throws -> (
    messages: [OTLPTracesData], summary: ReadSummary
  ) {
    var messages: [OTLPTracesData] = []
    let summary = try TraceFileReader.readRequests(url: url, format: format) { request in
      messages.append(try OTLPProtoEncoding.message(request))
    }
    return (messages, summary)
  }

  /// The resource groups of `messages`, concatenated: what to compare when records were split.
  static func groups(_ messages: [OTLPTracesData]) -> [OTLPResourceSpans] {
    messages.flatMap(\.resourceSpans)
  }
}
