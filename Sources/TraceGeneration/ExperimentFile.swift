import Foundation
import TraceModel

/// Reads the experiment's data files (topology, stated figures) with errors that name the file.
///
/// Through `FileHandle` rather than `Data(contentsOf:)`: the latter leaks a 4 KiB buffer for an
/// empty file in swift-foundation (found by `make fuzz`, FuzzTopology), and says "error 260"
/// where a user needs "No such file or directory". An empty file is refused as such, since
/// JSONDecoder's "not valid JSON" does not tell the user that nothing was there.
enum ExperimentFile {
  static func read(_ url: URL) throws -> Data {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw TopologyError(file: url.path, entry: "file", problem: "cannot be read: \(SystemErrorReason.of(error))")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw TopologyError(file: url.path, entry: "file", problem: "cannot be read: \(SystemErrorReason.of(error))")
    }
    guard data.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
      throw TopologyError(file: url.path, entry: "file", problem: "is empty")
    }
    return data
  }
}
