import Foundation
import Testing
@testable import TraceFormats

@Suite struct TraceInputsTests {
  @Test func aDirectoryIsItsFilesInByteOrderWithoutHiddenOnes() throws {
    let first = try Fixture.write("{}", named: "b.jsonl")
    let folder = first.deletingLastPathComponent()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    for name in ["a.jsonl", "B.jsonl", ".hidden.jsonl", "sub/c.jsonl"] {
      try Data("{}".utf8).write(to: folder.appendingPathComponent(name))
    }
    let inputs = try TraceInputs([folder.path])
    #expect(inputs.files.map { String($0.path.dropFirst(folder.path.count + 1)) } == ["B.jsonl", "a.jsonl", "b.jsonl", "sub/c.jsonl"])
  }

  @Test func theSameFileGivenTwiceIsRefused() throws {
    let file = try Fixture.write("{}", named: "t.jsonl")
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let error = #expect(throws: FormatError.self) {
      try TraceInputs([file.path, file.deletingLastPathComponent().path + "/./t.jsonl"])
    }
    #expect(error?.problem == "is the same file as \(file.path), given twice")
  }

  @Test func aMissingInputIsNamedWithTheReason() {
    let error = #expect(throws: FormatError.self) { try TraceInputs(["/nonexistent/t.jsonl"]) }
    #expect(error?.description == "/nonexistent/t.jsonl: cannot be read: No such file or directory")
  }

  @Test func severalFilesReadAsOneDatasetInTheirOrder() throws {
    let inputs = try TraceInputs([
      Fixture.url("zipkin-partial-spans.json").path, Fixture.url("seed-generator-traces.json").path,
    ])
    var operations: [String] = []
    let summaries = try TraceFileReader.read(inputs: inputs) { operations.append($0.operationName) }
    #expect(summaries.map(\.format) == [.zipkin, .seed])
    #expect(operations == ["get /orders", "query", "late", "bare", "GET /cart", "SELECT cart", "GET /health"])
  }
}
