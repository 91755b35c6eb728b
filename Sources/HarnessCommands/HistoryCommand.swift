import ArgumentParser
import Codecs
import Foundation
import History
import Measurement
import OutputFiles
import Reports
import Runner
import TraceFormats
import TraceGeneration
import TraceModel

/// `harness history`: the baseline figures of every commit that changed the report.
///
/// Reads git, never the working tree, so it shows what was committed, not what is being edited.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show raw, gzip-9 and zstd-19 bytes of the committed report, commit by commit.")

  @Option(
    help: ArgumentHelp("The git repository (or a directory inside it) to read.", valueName: "dir"))
  var repository: String = "."

  @Option(
    help: ArgumentHelp("The report JSON to follow, relative to --repository.", valueName: "path"))
  var file: String = ReportDrift.jsonPath

  @Flag(help: "Also write the table and a chart beside the report (reports/phase0-history.md).")
  var write = false

  func run() throws {
    let repositoryURL = URL(fileURLWithPath: repository, isDirectory: true).standardizedFileURL
    do {
      let rows = try GitHistory(repository: repositoryURL, file: file).rows()
      print(HistoryReport.table(rows), terminator: "")
      if write {
        let output = repositoryURL.appendingPathComponent(historyPath)
        try OutputError.checkWritableDirectory(output.deletingLastPathComponent())
        try AtomicFile.write(HistoryReport.document(rows, file: file), to: output)
        FileHandle.standardError.write(Data("wrote \(historyPath)\n".utf8))
      }
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }

  /// `reports/phase0.json` → `reports/phase0-history.md`, beside the report it follows.
  private var historyPath: String {
    let stem = file.hasSuffix(".json") ? String(file.dropLast(".json".count)) : file
    return stem + "-history.md"
  }
}
