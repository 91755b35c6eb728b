import Foundation
import Testing
@testable import OutputFiles

@Suite struct OutputErrorTests {
  /// /dev/full fails every write with ENOSPC, as a full disk does.
  @Test func aFullDiskNamesTheFileAndTheOperation() throws {
    let handle = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let error = #expect(throws: OutputError.self) {
      try [UInt8](repeating: 1, count: 70_000).withUnsafeBytes {
        try AtomicFile.write($0, to: handle, path: "reports/r.md")
      }
    }
    #expect(error?.description == "reports/r.md: cannot write: No space left on device")
  }

  @Test func aDirectoryThatCannotBeWrittenIntoNamesTheFile() throws {
    let error = #expect(throws: OutputError.self) {
      _ = try AtomicFile(URL(fileURLWithPath: "/proc/no-such-dir/r.md"))
    }
    #expect(error?.path == "/proc/no-such-dir/r.md")
    #expect(error?.problem == "cannot create: the directory /proc/no-such-dir does not exist")
  }

  @Test func aParentThatIsAFileGivesTheSystemsReason() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-parent-\(getpid())")
    try Data().write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let output = file.appendingPathComponent("r.md")
    let error = #expect(throws: OutputError.self) { _ = try AtomicFile(output) }
    #expect(error?.path == output.path)
    #expect(error?.problem == "cannot create: Not a directory")
  }
}

@Suite struct OutputPathsTests {
  @Test func aReportThatIsTheInputIsRefusedThroughASymlinkAndDotDot() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("traces.jsonl")
    try Data("{}\n".utf8).write(to: input)
    let link = directory.appendingPathComponent("alias.md")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
    for path in [input.path, link.path, directory.path + "/sub/../traces.jsonl"] {
      let error = #expect(throws: OutputError.self) {
        try OutputPaths.refuseOverwriting(
          outputs: [("--report", path)], inputs: [.init("input file", input)])
      }
      #expect(error?.problem == "--report is the input file \(input.path); refusing to overwrite it")
    }
  }

  @Test func aNewReportBesideTheInputIsAccepted() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("traces.jsonl")
    try Data("{}\n".utf8).write(to: input)
    try OutputPaths.refuseOverwriting(
      outputs: [("--report", directory.appendingPathComponent("traces.md").path)],
      inputs: [.init("input file", input)])
  }

  @Test func anEmptyPathIsRefusedNamingTheOption() {
    let error = #expect(throws: OutputError.self) {
      try OutputPaths.refuseOverwriting(outputs: [("--output", "")], inputs: [])
    }
    #expect(error?.description == "--output: an empty path is not a file; give a path")
  }
}
