import Foundation

/// A file written under a temporary name in its final directory and renamed into place on
/// `commit()`, so an interrupted run never leaves a half-written file under the real name.
///
/// Temporary files are registered with `InterruptCleanup`, which removes them on SIGINT, SIGTERM
/// and SIGHUP; a run killed harder leaves `.NAME.tmp-PID`, which `StaleFiles` removes later. Files
/// that must land together go through `OutputSet` rather than one `commit()` each.
public final class AtomicFile {
  let url: URL
  let temporaryURL: URL
  private let handle: FileHandle
  private var committed = false
  /// Bytes written so far: the offset the next `write` starts at.
  public private(set) var byteCount = 0

  public init(_ url: URL) throws {
    self.url = url
    temporaryURL = StaleFiles.temporaryURL(for: url)
    let descriptor = open(temporaryURL.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      // The temporary's name means nothing to the user, and ENOENT's "No such file or directory"
      // for a file being created is about its folder.
      if errno == ENOENT {
        let folder = url.deletingLastPathComponent().path
        throw OutputError(path: url.path, problem: "cannot create: the directory \(folder) does not exist")
      }
      throw OutputError.failedWithErrno("cannot create", path: url.path)
    }
    handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    InterruptCleanup.shared.register(temporaryURL.path)
  }

  deinit {
    if !committed { abandon() }
  }

  /// Appends `bytes`; a failure (disk full, quota, I/O error) names the file, not the temporary.
  func write(_ bytes: UnsafeRawBufferPointer) throws {
    try Self.write(bytes, to: handle, path: url.path)
    byteCount += bytes.count
  }

  /// Writes `bytes` over ones already written at `offset`, such as a length prefix that is known
  /// only once what follows it is written; the next `write` still appends.
  public func overwrite(_ bytes: [UInt8], at offset: Int) throws {
    precondition(offset >= 0 && offset + bytes.count <= byteCount, "overwrite past what was written")
    let written = bytes.withUnsafeBytes { pwrite(handle.fileDescriptor, $0.baseAddress, $0.count, off_t(offset)) }
    guard written == bytes.count else { throw OutputError.failedWithErrno("cannot write", path: url.path) }
  }

  static func write(_ bytes: UnsafeRawBufferPointer, to handle: FileHandle, path: String) throws {
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      throw OutputError.failed("cannot write", path: path, error)
    }
  }

  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  /// Closes the file and renames it over `url`.
  public func commit() throws {
    try close()
    try InterruptCleanup.shared.deferringInterrupts {
      guard rename(temporaryURL.path, url.path) == 0 else {
        throw OutputError.failedWithErrno("cannot rename \(temporaryURL.lastPathComponent) to it", path: url.path)
      }
      markCommitted()
    }
  }

  /// Closes the file. No fsync: the guarantee is against interrupts (every write has reached the
  /// kernel before the rename makes the file visible, so no process sees it half-written), as for
  /// `zstd > file`; waiting for the disk made writing a 126 MB dataset slower than `zstd -3` writes it.
  func close() throws {
    do {
      try handle.close()
    } catch {
      throw OutputError.failed("cannot write", path: url.path, error)
    }
  }

  /// Records that `temporaryURL` is now `url`, so neither `deinit` nor an interrupt removes it.
  func markCommitted() {
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
