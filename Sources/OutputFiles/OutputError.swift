import Foundation
import TraceModel

/// An output location that cannot be used, or an operation on it that failed, naming the path.
///
/// Foundation's errors print as an `NSError` dump without the path; every write, rename and
/// create in this module is wrapped so the user reads "reports/r.md: cannot write: No space left
/// on device".
public struct OutputError: Error, CustomStringConvertible, Equatable {
  var path: String
  var problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { "\(path): \(problem)" }

  /// `operation` ("cannot write", "cannot rename to …") on `path` failed with `error`.
  public static func failed(_ operation: String, path: String, _ error: any Error) -> OutputError {
    OutputError(path: path, problem: "\(operation): \(SystemErrorReason.of(error))")
  }

  /// `operation` on `path` failed with the C library's `errno`.
  static func failedWithErrno(_ operation: String, path: String) -> OutputError {
    OutputError(path: path, problem: "\(operation): \(String(cString: strerror(errno)))")
  }

  /// `mkdir -p`, with the C library's reason on failure ("Not a directory" when a parent is a
  /// file), which Foundation's `createDirectory` reduces to "error 512".
  private static func createDirectories(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      guard mkdir(prefix, 0o755) == 0 || errno == EEXIST else {
        throw failedWithErrno("cannot create the directory", path: path)
      }
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      errno = ENOTDIR
      throw failedWithErrno("cannot create the directory", path: path)
    }
  }

  /// Makes sure `directory` exists (creating it) and accepts new files, or says why not.
  public static func checkWritableDirectory(_ directory: URL) throws {
    var isDirectory: ObjCBool = false
    let path = directory.path
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw OutputError(path: path, problem: "is a file, not a directory")
      }
    } else {
      try createDirectories(path)
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw OutputError(path: path, problem: "is not writable")
    }
  }
}
