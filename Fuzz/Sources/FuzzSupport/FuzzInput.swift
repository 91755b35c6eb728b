import Foundation
import TraceFormats
import TraceModel

/// What every reader fuzzer does with libFuzzer's bytes: write them to a file in memory and read
/// it, so the fuzzer exercises the same path a user's file takes (`TraceFileReader`, not a reader's
/// internals).
///
/// A thrown error is the expected answer to malformed input; a crash, a hang or a sanitizer
/// report is a bug. /dev/shm keeps the per-input write off the disk; the file is reused.
public enum FuzzInput {
  private static let url: URL = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: directory).appendingPathComponent("harness-fuzz-\(getpid()).input")
  }()

  /// `bytes` as a file: the same URL each time, truncated and rewritten.
  public static func file(_ bytes: UnsafeRawPointer, _ count: Int) -> URL {
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(descriptor >= 0, "cannot write the fuzz input to \(url.path)")
    var written = 0
    while written < count {
      let result = write(descriptor, bytes + written, count - written)
      precondition(result > 0, "cannot write the fuzz input to \(url.path)")
      written += result
    }
    close(descriptor)
    return url
  }

  /// Reads the bytes as `format` (nil: detected), touching every span so nothing is optimized away.
  public static func read(_ bytes: UnsafeRawPointer, _ count: Int, as format: TraceFormat?) -> CInt {
    var checker = StructureChecker(openSpanLimit: 64)
    _ = try? TraceFileReader.read(url: file(bytes, count), format: format) { checker.check($0) }
    _ = checker.finish()
    return 0
  }
}
