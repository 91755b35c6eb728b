import Foundation

/// Removes registered temporary files when the process is interrupted (SIGINT, SIGTERM, SIGHUP),
/// so Ctrl-C, `kill` or a closed terminal in the middle of a large run leaves neither a
/// half-written file nor its temporary twin.
///
/// The handler takes the same lock as `deferringInterrupts`, so a signal that arrives while an
/// `OutputSet` is renaming its files waits for the last rename: the set lands whole, then the
/// process exits.
public final class InterruptCleanup: @unchecked Sendable {
  public static let shared = InterruptCleanup()
  /// The signals that end a run with cleanup; SIGHUP is what a closed terminal or ssh session sends.
  public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  /// Recursive, because a commit inside `deferringInterrupts` unregisters its paths.
  private let lock = NSRecursiveLock()
  private var paths = Set<String>()
  private var sources: [any DispatchSourceSignal] = []

  /// Installs the handlers; call once from the executable.
  public func install() {
    for signalNumber in Self.signals {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [self] in
        lock.lock()
        for path in paths { unlink(path) }
        FileHandle.standardError.write(Data("interrupted: no partial output left behind\n".utf8))
        exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Runs `body` with interrupts held off: a signal meanwhile is handled once `body` returns.
  public func deferringInterrupts<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
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

  /// The registered temporary files, for tests.
  var registeredPaths: Set<String> {
    lock.lock()
    defer { lock.unlock() }
    return paths
  }
}
