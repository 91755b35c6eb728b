import Foundation
import Testing
@testable import TraceFormats
@testable import OutputFiles
@testable import HarnessCommands

/// `analyze FILE --report FILE` replaced the user's traces with the report and exited 0; a report
/// whose `.json` twin is the input did the same to the input.
@Suite struct OutputSafetyTests {
  private func copyOfZipkinFixture(named name: String) throws -> (directory: URL, input: URL, bytes: Data) {
    let directory = try TestData.temporaryDirectory()
    let input = directory.appendingPathComponent(name)
    let bytes = try Data(contentsOf: FormatFixtures.url("zipkin-traces.json"))
    try bytes.write(to: input)
    return (directory, input, bytes)
  }

  @Test(arguments: ["traces.md", "alias.md", "sub/../traces.md"])
  func aReportThatIsTheInputIsRefusedBeforeAnyWorkAndTheInputKept(reportName: String) throws {
    let (directory, input, bytes) = try copyOfZipkinFixture(named: "traces.md")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createSymbolicLink(
      at: directory.appendingPathComponent("alias.md"), withDestinationURL: input)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
    var command = try Harness.parseAsRoot([
      "analyze", input.path, "--format", "zipkin", "--report", directory.path + "/" + reportName,
    ])
    let error = #expect(throws: OutputError.self) { try command.run() }
    #expect(error?.problem.hasPrefix("--report is the input file") == true)
    #expect(try Data(contentsOf: input) == bytes)
  }

  /// `encode`, `decode` and `convert` write where `-o` says: an existing file there is the
  /// user's, kept unless `--force` is given.
  @Test(arguments: ["encode", "decode", "convert"])
  func anExistingOutputIsKeptUnlessForced(command name: String) throws {
    let (directory, input, _) = try copyOfZipkinFixture(named: "zipkin.json")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("spans.tstore")
    var encode = try Harness.parseAsRoot(["encode", input.path, "-o", store.path])
    try encode.run()
    let output = directory.appendingPathComponent("mine.out")
    let mine = Data("the user's own file\n".utf8)
    try mine.write(to: output)
    let arguments: [String] =
      switch name {
      case "encode": ["encode", input.path, "-o", output.path]
      case "decode": ["decode", store.path, "-o", output.path]
      default: ["convert", input.path, "--to", "jsonl", "-o", output.path]
      }
    let error = #expect(throws: (any Error).self) { try Harness.parseAsRoot(arguments) }
    #expect(error.map(Harness.message) == "\(output.path): already exists; -o replaces a file only with --force")
    #expect(try Data(contentsOf: output) == mine)
    var forced = try Harness.parseAsRoot(arguments + ["--force"])
    try forced.run()
    #expect(try Data(contentsOf: output) != mine)
  }

  /// `--report notes.md` where the user keeps notes, or a `.json` beside it that is theirs, is
  /// refused and kept; an earlier report of the harness's is replaced, and `--force` replaces any.
  @Test(arguments: ["md", "json"])
  func aReportPathHoldingAUsersFileIsKeptUnlessForced(userFile: String) throws {
    let (directory, input, _) = try copyOfZipkinFixture(named: "zipkin.json")
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("notes.md")
    let mine = directory.appendingPathComponent("notes.\(userFile)")
    let notes = Data("# My notes\n".utf8)
    try notes.write(to: mine)
    let arguments = ["analyze", input.path, "--report", report.path]
    var refused = try Harness.parseAsRoot(arguments)
    let error = #expect(throws: OutputError.self) { try refused.run() }
    #expect(error?.path == mine.path)
    #expect(error?.problem.hasPrefix("already exists and is not a report the harness wrote") == true)
    #expect(try Data(contentsOf: mine) == notes)
    var forced = try Harness.parseAsRoot(arguments + ["--force"])
    try forced.run()
    #expect(try Data(contentsOf: mine) != notes)
    // Now both are the harness's own: a second run replaces them without --force.
    var again = try Harness.parseAsRoot(arguments)
    try again.run()
  }

  @Test func aReportWhoseJSONIsTheInputIsRefused() throws {
    let (directory, input, bytes) = try copyOfZipkinFixture(named: "traces.json")
    defer { try? FileManager.default.removeItem(at: directory) }
    var command = try Harness.parseAsRoot([
      "analyze", input.path, "--report", directory.appendingPathComponent("traces.md").path,
    ])
    let error = #expect(throws: OutputError.self) { try command.run() }
    #expect(error?.problem.hasPrefix("--report's .json is the input file") == true)
    #expect(try Data(contentsOf: input) == bytes)
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("traces.md").path))
  }

  @Test func aReportThatIsTheTopologyIsRefused() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let topology = directory.appendingPathComponent("topology.md")
    try Data(contentsOf: TestData.topologyURL).write(to: topology)
    var command = try Harness.parseAsRoot([
      "phase0", "--traces", "3", "--output", directory.path, "--topology", topology.path,
      "--stated-figures", TestData.statedFiguresURL.path, "--report", topology.path, "--quiet",
    ])
    let error = #expect(throws: OutputError.self) { try command.run() }
    #expect(error?.problem == "--report is the topology \(topology.path); refusing to overwrite it")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["topology.md"])
  }

  @Test func aDeadRunsTemporaryFileIsRemovedByTheNextAnalyze() throws {
    let (directory, input, _) = try copyOfZipkinFixture(named: "traces.zipkin")
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("r.md")
    let stale = StaleFiles.temporaryURL(for: report, processID: 999_999_6)
    try Data("half".utf8).write(to: stale)
    var command = try Harness.parseAsRoot([
      "analyze", input.path, "--format", "zipkin", "--report", report.path, "--levels", "zstd:1",
    ])
    try command.run()
    #expect(!FileManager.default.fileExists(atPath: stale.path))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        == ["r.json", "r.md", "traces.zipkin"])
  }
}
