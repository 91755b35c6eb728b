import Foundation
import Testing
@testable import TraceFormats
@testable import HarnessCommands

/// `encode` takes its inputs as `analyze` does: a directory stands for its files, sorted.
@Suite struct EncodeInputsTests {
  @Test func aDirectoryEncodesAsItsFilesInOrder() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let folder = directory.appendingPathComponent("export")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let fixture = try Data(contentsOf: FormatFixtures.url("zipkin-traces.json"))
    let first = folder.appendingPathComponent("a.json"), second = folder.appendingPathComponent("b.json")
    try fixture.write(to: second)
    try fixture.write(to: first)
    let fromFiles = directory.appendingPathComponent("files.tstore")
    let fromFolder = directory.appendingPathComponent("folder.tstore")
    var files = try Harness.parseAsRoot(["encode", first.path, second.path, "-o", fromFiles.path])
    try files.run()
    var whole = try Harness.parseAsRoot(["encode", folder.path, "-o", fromFolder.path])
    try whole.run()
    #expect(try Data(contentsOf: fromFolder) == Data(contentsOf: fromFiles))
    var one = try Harness.parseAsRoot(["encode", first.path, "-o", directory.appendingPathComponent("1").path])
    try one.run()
    #expect(try Data(contentsOf: directory.appendingPathComponent("1")).count < Data(contentsOf: fromFiles).count)
  }
}
