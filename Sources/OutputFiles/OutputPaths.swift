import Foundation

/// Checks, before any work, that no output of a run would replace one of its inputs.
///
/// Paths are compared after resolving symbolic links and `..` (`realpath`), and existing files
/// also by device and inode, so `--report data/../traces.jsonl`, a symlink to the input and a
/// hard link of it are all caught. An output that does not exist yet is resolved through its
/// directory.
public enum OutputPaths {
  /// A file a run reads, with the role it plays, for the message: ("input", traces.jsonl).
  public struct Input {
    public var role: String
    public var url: URL

    public init(_ role: String, _ url: URL) {
      self.role = role
      self.url = url
    }
  }

  /// Throws naming the output and the input it would overwrite; also refuses an empty path.
  public static func refuseOverwriting(outputs: [(option: String, path: String)], inputs: [Input])
    throws
  {
    for output in outputs {
      guard !output.path.isEmpty else {
        throw OutputError(path: output.option, problem: "an empty path is not a file; give a path")
      }
      let outputKey = Self.key(output.path)
      for input in inputs where !input.url.path.isEmpty && Self.key(input.url.path) == outputKey {
        throw OutputError(
          path: output.path,
          problem: "\(output.option) is the \(input.role) \(input.url.path); refusing to overwrite it")
      }
    }
  }

  /// Throws when a file (or a link, even a dangling one) is at `output.path` and `force` is not
  /// set: an output given by path (`-o`) replaces nothing the user did not say it may, as
  /// `zstd` and `gzip` refuse without `-f`.
  public static func refuseReplacing(_ output: (option: String, path: String), force: Bool) throws {
    var info = stat()
    guard !force, lstat(output.path, &info) == 0 else { return }
    throw OutputError(
      path: output.path, problem: "already exists; \(output.option) replaces a file only with --force")
  }

  /// Throws when a file is at `output.path` that `isOurs` does not recognize from its first 4 KiB
  /// and `force` is not set: a report replaces an earlier report of the harness's, never a
  /// file of the user's that happens to have its name.
  public static func refuseReplacingOther(
    _ output: (option: String, path: String), force: Bool, isOurs: ([UInt8]) -> Bool
  ) throws {
    var info = stat()
    guard !force, lstat(output.path, &info) == 0 else { return }
    let descriptor = open(output.path, O_RDONLY | O_CLOEXEC)
    var prefix = [UInt8](repeating: 0, count: 4096)
    let count = descriptor < 0 ? -1 : read(descriptor, &prefix, prefix.count)
    if descriptor >= 0 { close(descriptor) }
    guard count < 0 || !isOurs(Array(prefix.prefix(count))) else { return }
    throw OutputError(
      path: output.path,
      problem: "already exists and is not a report the harness wrote; \(output.option) replaces it only with --force")
  }

  /// What two paths share when they name the same file: its inode if it exists, else its
  /// resolved path.
  static func key(_ path: String) -> String {
    var info = stat()
    if stat(path, &info) == 0 { return "inode \(info.st_dev):\(info.st_ino)" }
    return "path " + resolved(path)
  }

  /// `path` with symlinks and `..` resolved as far as the file system has them.
  static func resolved(_ path: String) -> String {
    if let real = realpath(path, nil) {
      defer { free(real) }
      return String(cString: real)
    }
    let url = URL(fileURLWithPath: path)
    let parent = url.deletingLastPathComponent().path
    guard parent != path, !parent.isEmpty else { return url.standardizedFileURL.path }
    return resolved(parent) + "/" + url.lastPathComponent
  }
}
