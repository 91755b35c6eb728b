import Foundation

/// Removes registered temporary files when the process is interrupted (SIGINT, SIGTERM), so Ctrl-C
/// in the middle of a large run leaves neither a half-written file nor its temporary twin.
public final class InterruptCleanup: @unchecked Sendable {
  public static let shared = InterruptCleanup()
  private let lock = NSLock()
  private var paths = Set<String>()
  private var sources: [any DispatchSourceSignal] = []

  /// Installs the handlers; call once from the executable.
  public func install() {
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [self] in
        lock.lock()
        for path in paths { unlink(path) }
        lock.unlock()
        FileHandle.standardError.write(Data("interrupted: no partial output left behind\n".utf8))
        exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }

  func register(_ path: String) {
    lock.lock()
    paths.insert(path)
    lock.unlock()
  }

  func unregister(_ path: String) {
    lock.lock()
    paths.remove(path)
    lock.unlock()
  }
}
