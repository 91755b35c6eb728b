import ArgumentParser
import Foundation
import OutputFiles
import Reports
import Runner

/// `harness merge A.json B.json …`: the report of several shards together, from the JSON files
/// `harness analyze` wrote for each, byte for byte the report `harness analyze` of all their
/// inputs in one run writes. Which machines measured the shards, and how they were scheduled, is
/// the user's batch system's business; this only adds up the results.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the .json results of `harness analyze` on shards of a dataset into one report.",
    discussion: """
      Gives the report and .json that `harness analyze` of all the shards' inputs, in this order, \
      writes. The shards must have been analysed with the same --levels, --analysis-level, --format \
      and --time-unit; state --levels and --analysis-level when analysing shards, since without them \
      each shard's size picks its own defaults.
      """)

  @Argument(help: "The .json files `harness analyze` wrote, one per shard, in the order of their inputs.")
  var results: [String]

  @Option(help: "Report path (default reports/merge-of-<first .json's name>.md); the .json goes beside it.")
  var report: String?

  @Flag(help: "Replace --report and its .json even when they are not reports the harness wrote.")
  var force = false

  func validate() throws {
    if report == "" { throw ValidationError("--report must name a file, not \"\".") }
  }

  func run() throws {
    let inputs = results.map { URL(fileURLWithPath: $0) }
    let firstName = inputs[0].deletingPathExtension().lastPathComponent
    let reportURL = URL(fileURLWithPath: report ?? "reports/merge-of-\(firstName).md")
    let jsonURL = reportURL.deletingPathExtension().appendingPathExtension("json")
    try OutputPaths.refuseOverwriting(
      outputs: [("--report", reportURL.path), ("--report's .json", jsonURL.path)],
      inputs: inputs.map { .init("input file", $0) })
    try ReportFiles.refuseReplacingOther(report: reportURL.path, json: jsonURL.path, force: force)
    try OutputError.checkWritableDirectory(reportURL.deletingLastPathComponent())
    try StaleFiles.removeAbandoned(in: reportURL.deletingLastPathComponent())
    var shards: [(name: String, result: AnalyzeResult)] = []
    var seen: [String: String] = [:]
    for (argument, url) in zip(results, inputs) {
      // The same shard twice would count its spans twice, as `analyze` refuses the same file twice.
      if let earlier = seen.updateValue(argument, forKey: Self.identity(url.path)) {
        throw MergeError(file: argument, problem: "is the same file as \(earlier), given twice")
      }
      let data: Data
      do {
        data = try Data(contentsOf: url)
      } catch {
        throw MergeError(file: argument, problem: "cannot be read")
      }
      shards.append((argument, try AnalyzeJSON.mergeableResult(data, name: argument)))
    }
    let result = try AnalyzeResult.merged(shards)
    let outputs = OutputSet()
    try outputs.add(AnalyzeReport.markdown(result), at: reportURL)
    try outputs.add(AnalyzeJSON.text(result), at: jsonURL)
    try outputs.commit()
    print("report    \(reportURL.path)")
    print("figures   \(jsonURL.path)")
    print(
      "\(NumberText.grouped(shards.count)) shards, \(NumberText.grouped(result.fileNames.count)) files: "
        + "\(NumberText.grouped(result.analysis.spans)) spans, \(NumberText.grouped(result.baseline.rawBytes)) bytes")
  }

  /// A file by its device and inode, so another path, a symlink or a hard link to it is the same.
  private static func identity(_ path: String) -> String {
    var info = stat()
    return stat(path, &info) == 0 ? "\(info.st_dev):\(info.st_ino)" : path
  }
}
