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

  /// Reads the bytes as requests twice, whole (OTLP protobuf through swift-protobuf alone) and in
  /// parts (the encoder's path, through the hand-written `OTLPWireDecoding`), and traps when the
  /// two disagree: on refusing the file, or on the requests and the summary read. Errors may name
  /// different groups (the whole read parses every group before converting any), so only whether
  /// there is one is compared.
  public static func readRequestsBothWays(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
    let url = file(bytes, count)
    let whole = Result {
      var requests: [TraceRequest] = []
      let summary = try TraceFileReader.readRequests(url: url) { requests.append($0) }
      return (requests, summary)
    }
    let parts = Result { try TraceFileReader.requestsReadInParts(url: url) }
    switch (whole, parts) {
    case (.failure, .failure): break
    case (.success(let whole), .success(let parts)):
      // NaNs of the same bits are the same value read, though `==` says otherwise.
      let same = whole.0 == parts.0 || String(reflecting: whole.0) == String(reflecting: parts.0)
      precondition(same && whole.1 == parts.1, "read in parts, the requests or summary differ from the whole read")
    case (.success, .failure(let error)): preconditionFailure("only the read in parts failed: \(error)")
    case (.failure(let error), .success): preconditionFailure("only the whole read failed: \(error)")
    }
    return 0
  }

  /// Reads the bytes as `format` (nil: detected), touching every span so nothing is optimized away.
  public static func read(_ bytes: UnsafeRawPointer, _ count: Int, as format: TraceFormat?) -> CInt {
    var checker = StructureChecker(openSpanLimit: 64)
    _ = try? TraceFileReader.read(url: file(bytes, count), format: format) { checker.check($0) }
    _ = checker.finish()
    return 0
  }
}
