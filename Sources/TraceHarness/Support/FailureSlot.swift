import Foundation

/// Collects the first error thrown by concurrent workers, to rethrow on the calling thread.
final class FailureSlot: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?

  func record(_ error: any Error) {
    lock.lock()
    if self.error == nil { self.error = error }
    lock.unlock()
  }

  func rethrow() throws {
    if let error { throw error }
  }
}
