import CMalloc
import Foundation

/// glibc's allocator, set for a run of many threads passing megabyte buffers to each other.
///
/// By default glibc gives each thread that allocates an arena of its own (up to eight per core), and
/// raises its mmap threshold whenever a large block is freed, so the runner's 1 MiB batches, made on
/// one thread and freed on another, end up in arenas that are never handed back: on a 1M-trace
/// phase 0 that was about 100 MB of resident memory no live object used. A fixed threshold keeps
/// every buffer from 256 KiB up in its own mapping, returned to the system when freed, and two
/// arenas per core bound what the small allocations of the workers can scatter.
///
/// Only a run that measures needs them: there many sinks and derived streams each hold batches at
/// once. A run that only writes its dataset (`generate`) holds about four batches (two queued, one
/// being written, one being filled), and a fixed threshold would cost it a fresh mapping, and its
/// page faults, for every batch: measured on `generate --traces 100000 --threads 1`, 32,400 page
/// faults against 5,000 to 9,000 and about 0.1 s more system time in a run of 0.5 s. Such a run
/// gets `.writingOnly` instead: batches stay in the heap when freed, untrimmed, so the next
/// batch reuses pages already mapped (on `generate --size big --threads 1`, 2,100 page faults
/// instead of 3,300 and about 6 ms less system time in a run of 85 ms).
package enum AllocatorSettings {
  package enum Mode {
    /// Many sinks and derived streams, each holding batches.
    case measuring
    /// A few batches at a time, the dataset file their only sink.
    case writingOnly
    /// `decode`: every core builds and frees millions of small strings and arrays per block
    /// beside the block's megabyte buffers. glibc's fast bins keep the small chunks unmerged, and
    /// each free of a large buffer then consolidates them all: `malloc_consolidate` was 3.6% of
    /// decoding 100k generated traces to JSONL, and without fast bins (the per-thread cache still
    /// serves small sizes) glibc's share fell from 13.6% of the samples to 10.7%. A block's
    /// output (megabytes of JSONL or protobuf) also stays in the heap when freed, as `encoding`'s
    /// spans do: decoding 100k generated traces to JSONL took 17,000 page faults instead of
    /// 41,000 and 15% less time, for 94 MB of peak memory instead of 82.
    case decoding
    /// `encode`: the same churn the other way (a group's spans built on every core, a block's
    /// freed once encoded): without fast bins, encoding the real sample took 5% less CPU. Blocks'
    /// arrays of spans (megabytes each) also stay in the heap when freed, so the next block reuses
    /// their pages instead of a fresh mapping the kernel zeroes page by page: 29,500 page faults
    /// instead of 32,500 on the sample.
    case encoding
  }

  static let mmapThresholdBytes: Int32 = 256 << 10
  /// For a run that only writes: above a batch, and a heap kept up to what several batches hold.
  static let reuseMmapThresholdBytes: Int32 = 4 << 20
  static let reuseTrimThresholdBytes: Int32 = 32 << 20
  /// For `encode` and `decode`: above a block's array of spans (65,536 of a few hundred bytes) or
  /// its output bytes, and a heap kept up to what the blocks in flight hold.
  static let blockMmapThresholdBytes: Int32 = 64 << 20
  static let blockTrimThresholdBytes: Int32 = 256 << 20

  private static let lock = NSLock()
  nonisolated(unsafe) private static var applied: Mode?

  /// Applies the settings of `mode` to this process; the first call decides, later ones do nothing
  /// (the allocator's thresholds are the process's, and a test process runs many pipelines).
  package static func apply(_ mode: Mode) {
    lock.withLock {
      guard applied == nil else { return }
      applied = mode
      switch mode {
      case .measuring:
        _ = mallopt(M_MMAP_THRESHOLD, mmapThresholdBytes)
        _ = mallopt(M_ARENA_MAX, Int32(clamping: 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)))
      case .writingOnly:
        _ = mallopt(M_MMAP_THRESHOLD, reuseMmapThresholdBytes)
        _ = mallopt(M_TRIM_THRESHOLD, reuseTrimThresholdBytes)
      case .decoding, .encoding:
        _ = mallopt(M_MXFAST, 0)
        _ = mallopt(M_MMAP_THRESHOLD, blockMmapThresholdBytes)
        _ = mallopt(M_TRIM_THRESHOLD, blockTrimThresholdBytes)
      }
    }
  }
}
