import Foundation

/// The files one analysis reads as one dataset: files, directories and `-` (standard input) as the
/// user listed them, resolved to regular files in a stable order.
///
/// A directory stands for the regular files under it, at any depth, sorted by path byte by byte
/// (not by the host's locale), hidden files and folders left out, so `analyze DIR` gives the same
/// dataset and the same report on every machine. Standard input is copied to a temporary file
/// first: format detection reads a file's start and then reads it again from the beginning,
/// which a pipe cannot do, and spooling keeps memory bounded whatever is piped in. The same file
/// named twice (by another path, a symlink or a hard link) is refused: its spans would count
/// twice.
public final class TraceInputs {
  /// The files to read, in reading order.
  public let files: [URL]
  /// The copy of standard input, removed with this value.
  public let standardInputCopy: URL?

  /// Resolves `arguments`; throws a `FormatError` naming the argument that is missing, not a
  /// file or directory, or a repeat, and for a directory with no files.
  public init(_ arguments: [String], temporaryDirectory: URL = FileManager.default.temporaryDirectory)
    throws
  {
    var files: [URL] = []
    var copy: URL?
    var seen: [String: String] = [:]
    for argument in arguments {
      if argument == "-" {
        guard copy == nil else { throw FormatError(file: "-", problem: "standard input is given twice") }
        copy = try Self.spoolStandardInput(into: temporaryDirectory)
        files.append(copy!)
        continue
      }
      for file in try Self.expand(argument) {
        let identity = Self.identity(file.path)
        if let earlier = seen[identity] {
          throw FormatError(file: file.path, problem: "is the same file as \(earlier), given twice")
        }
        seen[identity] = file.path
        files.append(file)
      }
    }
    guard !files.isEmpty else { throw FormatError(file: "(no input)", problem: "no trace file given") }
    self.files = files
    standardInputCopy = copy
  }

  deinit {
    if let standardInputCopy {
      try? FileManager.default.removeItem(at: standardInputCopy.deletingLastPathComponent())
    }
  }

  /// `argument` itself if it is a file, the files under it if it is a directory.
  static func expand(_ argument: String) throws -> [URL] {
    var info = stat()
    guard stat(argument, &info) == 0 else {
      throw FormatError(file: argument, problem: "cannot be read: \(String(cString: strerror(errno)))")
    }
    if (info.st_mode & S_IFMT) != S_IFDIR { return [URL(fileURLWithPath: argument)] }
    let root = URL(fileURLWithPath: argument, isDirectory: true)
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { throw FormatError(file: argument, problem: "directory cannot be listed") }
    var files: [URL] = []
    for case let url as URL in walker
    where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
      files.append(url)
    }
    guard !files.isEmpty else { throw FormatError(file: argument, problem: "directory holds no files") }
    return files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
  }

  /// Device and inode when the file exists, so links to one file compare equal.
  private static func identity(_ path: String) -> String {
    var info = stat()
    return stat(path, &info) == 0 ? "\(info.st_dev):\(info.st_ino)" : path
  }

  /// Copies standard input to `stdin` in a new folder, so errors name it "stdin line 3".
  private static func spoolStandardInput(into directory: URL) throws -> URL {
    let folder = directory.appendingPathComponent("harness-stdin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    let url = folder.appendingPathComponent("stdin")
    guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
      FileManager.default.createFile(atPath: url.path, contents: nil),
      let output = FileHandle(forWritingAtPath: url.path)
    else { throw FormatError(file: url.path, problem: "cannot create the copy of standard input") }
    defer { try? output.close() }
    do {
      while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
        try output.write(contentsOf: chunk)
      }
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw FormatError(file: "-", problem: "cannot copy standard input to \(url.path): \(error.localizedDescription)")
    }
    return url
  }
}
