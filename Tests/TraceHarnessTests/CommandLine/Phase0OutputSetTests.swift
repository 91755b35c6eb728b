import Foundation
import Testing
@testable import OutputFiles
@testable import HarnessCommands

private struct InjectedFailure: Error {}

/// phase0 committed the dataset and metadata one by one inside the pipeline and the report after
/// it, so a failure between them left a new dataset beside the previous run's report.
@Suite struct Phase0OutputSetTests {
  private func command(_ directory: URL, seed: Int) throws -> Phase0Command {
    try Phase0Command.parse([
      "--traces", "20", "--seed", "\(seed)", "--output", directory.appendingPathComponent("output").path,
      "--topology", TestData.topologyURL.path, "--stated-figures", TestData.statedFiguresURL.path,
      "--report", directory.appendingPathComponent("reports/phase0.md").path, "--levels", "zstd:1",
      "--analysis-level", "1", "--no-otlp-baseline", "--quiet",
    ])
  }

  /// Every file of a run: dataset, metadata, timing, report and `.json`.
  private func files(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for folder in ["output", "reports"] {
      let url = directory.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
        files["\(folder)/\(name)"] = try Data(contentsOf: url.appendingPathComponent(name))
      }
    }
    return files
  }

  @Test(arguments: [0, 2, 4])
  func aFailureBeforeARenameLeavesThePreviousSetOfEveryFile(failingBefore index: Int) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("reports"), withIntermediateDirectories: true)
    var first = try command(directory, seed: 1)
    try first.run()
    let previous = try files(directory)
    #expect(previous.keys.sorted().count == 5)

    let second = try command(directory, seed: 2)
    let configuration = try second.configuration()
    let outputs = OutputSet()
    outputs.beforeRename = { if $0 == index { throw InjectedFailure() } }
    let reportURL = directory.appendingPathComponent("reports/phase0.md")
    _ = try second.write(
      configuration, reportURL: reportURL,
      jsonURL: reportURL.deletingPathExtension().appendingPathExtension("json"), into: outputs)
    #expect(throws: InjectedFailure.self) { try outputs.commit() }

    #expect(try files(directory) == previous)
  }
}
