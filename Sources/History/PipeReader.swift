import Foundation
import Reports
import TraceJSON

/// Reads a pipe to its end on a background queue.
///
/// A child process that fills one pipe (its stderr, say) while the parent blocks reading the
/// other would deadlock both; draining each pipe on its own queue avoids that.
final class PipeReader: @unchecked Sendable {
  private let group = DispatchGroup()
  private var data = Data()

  /// Starts reading `handle` at once.
  init(_ handle: FileHandle) {
    group.enter()
    DispatchQueue.global().async { [self] in
      data = handle.readDataToEndOfFile()
      group.leave()
    }
  }

  /// Everything the pipe carried, once its writer has closed it.
  func wait() -> Data {
    group.wait()
    return data
  }
}
