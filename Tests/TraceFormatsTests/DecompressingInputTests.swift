import Foundation
import Testing

@testable import TraceFormats

/// The input every reader and the baseline's file bytes go through.
@Suite struct DecompressingInputTests {
  /// Reading a plain file a mebibyte at a time held every byte read (each chunk was appended
  /// behind the unread tail of the last): 107 MB resident on a 126 MB analyze.
  @Test func readingAPlainFileHoldsAboutAChunkNotTheFile() throws {
    let bytes = (0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("decompressing-input-\(getpid()).bin")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let input = try DecompressingInput(handle: try FileHandle(forReadingFrom: url), fileName: "x.bin")
    var read: [UInt8] = []
    var mostHeld = 0
    while case let piece = try input.read(upTo: 1 << 20), !piece.isEmpty {
      read += piece
      mostHeld = max(mostHeld, input.heldBytes)
    }
    #expect(read == bytes)
    #expect(mostHeld <= 2 * DecompressingInput.plainChunkBytes + DecompressingInput.compressedChunkBytes)
  }
}
