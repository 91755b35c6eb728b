import Foundation

/// A file written under a temporary name in its final directory and renamed into place on
/// `commit()`, so an interrupted run never leaves a half-written file under the real name.
///
/// Temporary files are registered with `InterruptCleanup`, which removes them on SIGINT/SIGTERM.
public final class AtomicFile {
  let url: URL
  let temporaryURL: URL
  private let handle: FileHandle
  private var committed = false

  public init(_ url: URL) throws {
    self.url = url
    let directory = url.deletingLastPathComponent()
    temporaryURL = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil) else {
      throw OutputError(path: directory.path, problem: "cannot create a file in this directory")
    }
    handle = try FileHandle(forWritingTo: temporaryURL)
    InterruptCleanup.shared.register(temporaryURL.path)
  }

  deinit {
    if !committed { abandon() }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    try handle.write(contentsOf: bytes)
  }

  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  /// Closes the file and renames it over `url`.
  public func commit() throws {
    try handle.close()
    guard rename(temporaryURL.path, url.path) == 0 else {
      throw OutputError(path: url.path, problem: String(cString: strerror(errno)))
    }
    committed = true
    InterruptCleanup.shared.unregister(temporaryURL.path)
  }

  /// Closes and removes the temporary file.
  func abandon() {
    try? handle.close()
    unlink(temporaryURL.path)
    InterruptCleanup.shared.unregister(temporaryURL.path)
  }

  /// Writes `bytes` to `url` atomically.
  static func write(_ bytes: [UInt8], to url: URL) throws {
    let file = try AtomicFile(url)
    try file.write(bytes)
    try file.commit()
  }

  public static func write(_ text: String, to url: URL) throws {
    try write(Array(text.utf8), to: url)
  }
}

/// An output location that cannot be used, found before any work is done.
public struct OutputError: Error, CustomStringConvertible, Equatable {
  var path: String
  var problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { "\(path): \(problem)" }

  /// Makes sure `directory` exists (creating it) and accepts new files, or says why not.
  public static func checkWritableDirectory(_ directory: URL) throws {
    var isDirectory: ObjCBool = false
    let path = directory.path
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw OutputError(path: path, problem: "is a file, not a directory")
      }
    } else {
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      } catch {
        throw OutputError(path: path, problem: "cannot be created")
      }
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw OutputError(path: path, problem: "is not writable")
    }
  }
}
