import CMalloc
import Foundation

/// glibc's allocator, set for a run of many threads passing megabyte buffers to each other.
///
/// By default glibc gives each thread that allocates an arena of its own (up to eight per core), and
/// raises its mmap threshold whenever a large block is freed, so the runner's 1 MiB batches, made on
/// one thread and freed on another, end up in arenas that are never handed back: on a 1M-trace
/// phase 0 that was about 100 MB of resident memory no live object used. A run that measures
/// (`.measuring`) fixes the threshold at 4 MiB and has one arena per core: a batch is taken from
/// the heap and its pages serve the next batch, and the arenas bound what can scatter.
///
/// The threshold was 256 KiB, every batch in a mapping of its own, returned when freed: memory
/// stayed low, but each batch was a fresh mapping the kernel zeroed page by page. On analyze of
/// 1.26 GB that was 2.8 M page faults and 12-13 s of system time, 7% of the run's CPU; at 4 MiB
/// and one arena per core, 0.7 M faults and 4.3 s, for a peak of 223 MB instead of 189-194
/// (126 MB: 125,000 faults instead of 420,000, 0.5 s of system time instead of 1.3, 197 MB
/// instead of 180). Two arenas per core held 258 MB at 1.26 GB, and a threshold of 1.5 MiB, which
/// left the trace-store's and the potentials' larger buffers in mappings, 1.4 M faults and 9 s.
///
/// A run that only writes its dataset (`generate`) holds about four batches (two queued, one
/// being written, one being filled) and gets `.writingOnly`: the same threshold, glibc's arenas,
/// untrimmed (on `generate --traces 100000 --threads 1`, 5,000 to 9,000 page faults against
/// 32,400 with a threshold of 256 KiB; on `--size big`, 2,100 instead of 3,300).
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

  /// Above a batch, and a heap kept up to what several batches hold.
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
        _ = mallopt(M_MMAP_THRESHOLD, reuseMmapThresholdBytes)
        _ = mallopt(M_TRIM_THRESHOLD, reuseTrimThresholdBytes)
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, ProcessInfo.processInfo.activeProcessorCount)))
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
