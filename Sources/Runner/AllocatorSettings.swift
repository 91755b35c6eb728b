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
/// once. A run that only writes its dataset (`generate`) holds two batches, and a fixed threshold
/// would cost it a fresh mapping, and its page faults, for every batch: measured on `generate
/// --traces 100000 --threads 1`, 32,400 page faults against 5,000 to 9,000 and about 0.1 s more
/// system time in a run of 0.5 s.
enum AllocatorSettings {
  static let mmapThresholdBytes: Int32 = 256 << 10

  /// Applies the settings to this process, once; later calls do nothing.
  static func apply() { _ = applied }

  private static let applied: Void = {
    _ = mallopt(M_MMAP_THRESHOLD, mmapThresholdBytes)
    _ = mallopt(M_ARENA_MAX, Int32(clamping: 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)))
  }()
}
