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

/// `harness generate`: writes the dataset and its metadata, nothing else.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate the seeded trace dataset (JSONL) and its metadata only.")

  @OptionGroup var options: CommonOptions

  func run() throws {
    let configuration = options.configuration(codecs: [], otlpCodecs: [], analyze: false)
    try OutputPaths.refuseOverwriting(
      outputs: [("the dataset", configuration.datasetURL.path), ("the metadata", configuration.metadataURL.path)],
      inputs: options.inputs)
    try StaleFiles.removeAbandoned(in: configuration.outputDirectory)
    let outputs = OutputSet()
    let result = try Phase0Pipeline.run(configuration, outputs: outputs, progress: options.progress)
    try outputs.commit()
    print("dataset   \(configuration.datasetURL.path)")
    print("metadata  \(configuration.metadataURL.path)")
    print(
      "\(NumberText.grouped(result.metadata.traces)) traces, \(NumberText.grouped(result.metadata.spans)) spans, "
        + "\(NumberText.grouped(result.metadata.rawBytes)) bytes")
    print("time      \(result.timing.summary)")
  }
}
