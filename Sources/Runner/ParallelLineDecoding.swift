import Foundation
import TraceFormats
import TraceModel

/// A jsonl or seed file decoded on several threads, its spans handed over in file order.
///
/// The calling thread reads chunks of whole lines (`LineFile.forEachChunk`) and deals them to the
/// decoding workers in turn; it takes the results back oldest first (`LineFileSummary.accept`), so
/// what follows (the structure check, batching) sees the spans exactly as one thread reading line
/// by line would. At most `chunksInFlight` chunks are read and not yet taken back (128 KiB each,
/// and their spans), whatever the file's size.
struct ParallelLineDecoding {
  let workers: [Worker]

  var chunksInFlight: Int { 4 * workers.count }

  /// Reads `file`, calling `onChunk` with each chunk's spans (with their JSONL lines) and their
  /// structure check keys.
  func read(
    _ file: LineFile, _ onChunk: ([SpanLine], [StructureChecker.SpanKey]) throws -> Void
  ) throws -> ReadSummary {
    var summary = LineFileSummary(file)
    var pending: [DecodedSlot] = []
    var dealt = 0
    func takeOldest() throws {
      let taken = summary.accept(pending.removeFirst().wait())
      try onChunk(taken.lines, taken.keys)
      if let failure = taken.failure { throw failure }
    }
    let lineCount = try file.forEachChunk { chunk in
      let slot = DecodedSlot()
      try workers[dealt % workers.count].submit { slot.fill(file.decode(chunk)) }
      dealt += 1
      pending.append(slot)
      while pending.count >= chunksInFlight { try takeOldest() }
    }
    while !pending.isEmpty { try takeOldest() }
    return try summary.finish(lineCount: lineCount)
  }
}

/// One chunk's decoded spans, filled on a worker and waited for on the reading thread.
private final class DecodedSlot: @unchecked Sendable {
  private let condition = NSCondition()
  private var decoded: DecodedChunk?

  func fill(_ value: DecodedChunk) {
    condition.lock()
    decoded = value
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> DecodedChunk {
    condition.lock()
    defer { condition.unlock() }
    while decoded == nil { condition.wait() }
    return decoded!
  }
}
