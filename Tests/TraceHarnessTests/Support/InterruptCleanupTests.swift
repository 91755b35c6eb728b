import Foundation
import Testing
@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

@Suite struct InterruptCleanupTests {
  /// The `harness` executable SwiftPM built beside the test bundle (`.build/debug/harness` under
  /// `swift test`), or in the package's debug build directory.
  private static var harness: URL? {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent(),
      Bundle.main.executableURL?.deletingLastPathComponent(),
      TestData.packageRoot.appendingPathComponent(".build/debug"),
    ]
    return candidates.compactMap { $0?.appendingPathComponent("harness") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  @Test func anInterruptedLargeRunLeavesNoPartialFile() throws {
    let harness = try #require(Self.harness, "no harness executable next to the test bundle")
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = harness
    process.currentDirectoryURL = TestData.packageRoot
    process.arguments = [
      "phase0", "--traces", "200000", "--output", directory.path,
      "--report", directory.appendingPathComponent("r.md").path, "--quiet",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    // The dataset's temporary file, once it holds its first chunk: by then the run is well under
    // way and the file registered for clean-up.
    let temporaryName = ".traces_200000-traces.jsonl.tmp-\(process.processIdentifier)"
    let temporaryPath = directory.appendingPathComponent(temporaryName).path
    let deadline = Date().addingTimeInterval(120)
    var written = false
    while !written, process.isRunning, Date() < deadline {
      let size = (try? FileManager.default.attributesOfItem(atPath: temporaryPath))?[.size] as? Int
      written = (size ?? 0) > 0
      if !written { Thread.sleep(forTimeInterval: 0.02) }
    }
    try #require(written, "\(temporaryName) never received data")

    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 128 + SIGINT)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
  }
}
