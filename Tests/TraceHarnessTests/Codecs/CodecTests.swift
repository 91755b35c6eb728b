import Foundation
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

@Suite struct CodecTests {
  @Test(arguments: CodecSetting.phase0Defaults)
  func everySettingRoundTripsTheDataset(setting: CodecSetting) throws {
    let bytes = TestData.medium.bytes
    let run = try VerifiedCompression(setting, keepOutput: true)
    for start in stride(from: 0, to: bytes.count, by: 100_000) {
      try bytes[start..<min(start + 100_000, bytes.count)].withUnsafeBytes { try run.feed($0) }
    }
    let size = try run.finish()
    #expect(size == run.compressed?.count)
    #expect(size < bytes.count / 4)
    // Decode once more with a fresh decompressor, independently of the verifier.
    var restored: [UInt8] = []
    let decompressor = try setting.makeDecompressor()
    try run.compressed!.withUnsafeBytes { buffer in
      try decompressor.decompress(buffer) { restored.append(contentsOf: $0) }
    }
    #expect(restored == bytes)
    #expect(decompressor.isComplete)
  }

  /// A size measured without the gzip wrapper (deflate data and 18 bytes) is the size of the
  /// gzip stream itself, which starts with gzip's magic.
  @Test(arguments: [1, 6, 9])
  func aGzipSizeWithoutTheWrapperIsTheStreamsSize(level: Int) throws {
    let bytes = TestData.medium.bytes
    let setting = CodecSetting(.gzip, level: level)
    let stream = try VerifiedCompression(setting, keepOutput: true)
    try bytes.withUnsafeBytes { try stream.feed($0) }
    try stream.finish()
    #expect(stream.compressed?.prefix(2) == [0x1F, 0x8B])
    #expect(try VerifiedCompression.compressedBytes(of: bytes, with: setting) == stream.compressed?.count)
  }

  /// Our streaming sizes against the command-line tools reading the same bytes from a pipe (a
  /// stream of unknown length, as ours is), at the same level, within 1%.
  @Test(arguments: [
    CodecSetting(.gzip, level: 1), CodecSetting(.gzip, level: 6), CodecSetting(.gzip, level: 9),
    CodecSetting(.zstd, level: 1), CodecSetting(.zstd, level: 3), CodecSetting(.zstd, level: 19),
  ])
  func sizesAgreeWithTheCommandLineTools(setting: CodecSetting) throws {
    let bytes = TestData.medium.bytes
    let ours = try VerifiedCompression.compressedBytes(of: bytes, with: setting)
    let arguments =
      setting.family == .gzip ? ["gzip", "-n", "-\(setting.level)", "-c"] : ["zstd", "-q", "-\(setting.level)", "-c"]
    let theirs = try CommandLine.outputBytes(arguments, input: bytes)
    #expect(abs(Double(ours - theirs)) <= 0.01 * Double(theirs), "ours \(ours), theirs \(theirs)")
  }

  /// Sinks feed batches of any length, cut again into `pieceBytes`; the size must not depend on
  /// where either cut falls.
  @Test(arguments: [CodecSetting(.gzip, level: 6), CodecSetting(.zstd, level: 19)])
  func theSizeDoesNotDependOnHowTheInputIsSplit(setting: CodecSetting) throws {
    let bytes = Array(TestData.medium.bytes.prefix(3_000_000))
    let whole = try VerifiedCompression.compressedBytes(of: bytes, with: setting)
    let uneven = try VerifiedCompression(setting)
    try bytes.withUnsafeBytes { buffer in
      let lengths = [1, 999, 65_537, 0, 7, 300_001, 4_096]
      var start = 0
      var index = 0
      while start < buffer.count {
        let end = min(start + lengths[index % lengths.count], buffer.count)
        try uneven.feed(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        start = end
        index += 1
      }
    }
    #expect(whole == (try uneven.finish()))
    #expect(bytes.count > VerifiedCompression.pieceBytes)
  }

  @Test func aFinishedStreamTakesNoMoreInput() throws {
    let run = try VerifiedCompression(CodecSetting(.zstd, level: 3))
    try run.finish()
    #expect(throws: CodecError.self) { try [1, 2, 3].withUnsafeBytes { try run.feed($0) } }
  }

  @Test func aCorruptStreamIsAnErrorNotASize() throws {
    var compressed = try ZstdTestBytes.compress(Array("hello trace harness".utf8))
    compressed[compressed.count / 2] ^= 0xFF
    let decompressor = try ZstdDecompressor()
    #expect(throws: CodecError.self) {
      try compressed.withUnsafeBytes { try decompressor.decompress($0) { _ in } }
    }
  }
}

enum ZstdTestBytes {
  static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
    let run = try VerifiedCompression(CodecSetting(.zstd, level: 3), keepOutput: true)
    try bytes.withUnsafeBytes { try run.feed($0) }
    try run.finish()
    return run.compressed!
  }
}

enum CommandLine {
  /// Runs a tool found on PATH with `input` on stdin; returns the byte count of its stdout.
  static func outputBytes(_ arguments: [String], input: [UInt8]) throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    let writer = Thread {
      stdin.fileHandleForWriting.write(Data(input))
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return output.count
  }
}
