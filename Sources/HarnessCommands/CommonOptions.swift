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

extension DatasetSize: ExpressibleByArgument {}
extension SpanOrder: ExpressibleByArgument {}
extension DatasetFormat: ExpressibleByArgument {}

/// Options shared by every command that generates a dataset.
struct CommonOptions: ParsableArguments {
  @Option(help: "Dataset size: 100, 1,000 or 10,000 traces, as the seed defines them.")
  var size: DatasetSize = .small

  @Option(help: "Number of traces, overriding --size (names the files <N>-traces).")
  var traces: Int?

  @Option(help: "Seed of the generator; the same seed gives the same bytes on every machine.")
  var seed: UInt64 = Phase0Configuration.defaultSeed

  @Option(help: "Span order in the dataset: arrival (by end time, as exporters send) or trace.")
  var order: SpanOrder = .arrival

  @Option(
    help: "Encoding of the dataset file: jsonl (the seed's model), otlp (OTLP/JSON requests) or otlp-proto (length-prefixed OTLP protobuf).")
  var format: DatasetFormat = .jsonl

  @Option(help: "Directory for the dataset and its metadata.")
  var output: String = "output"

  @Option(help: "Worker threads for generation; the output is identical for any count.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Topology file describing the services, calls and routes.")
  var topology: String = "experiments/phase0/topology.json"

  @Option(help: "File of the figures the seed states, for the conformance table.")
  var statedFigures: String = "experiments/phase0/seed-figures.json"

  @Flag(help: "No progress line on stderr (it is shown only on a terminal, never under CI).")
  var quiet = false

  func validate() throws {
    if let traces, traces <= 0 {
      throw ValidationError("--traces must be a positive number of traces, not \(traces).")
    }
    if threads <= 0 { throw ValidationError("--threads must be at least 1, not \(threads).") }
  }

  /// `small`, `medium`, `big`, or `<N>-traces` when --traces is given.
  var label: String { traces.map { "\($0)-traces" } ?? size.rawValue }
  var traceCount: Int { traces ?? size.traceCount }

  func configuration(
    codecs: [CodecSetting], otlpCodecs: [CodecSetting], analyze: Bool, analysisZstdLevel: Int? = nil
  ) -> Phase0Configuration {
    Phase0Configuration(
      topologyURL: URL(fileURLWithPath: topology),
      statedFiguresURL: URL(fileURLWithPath: statedFigures), seed: seed, traceCount: traceCount,
      label: label, order: order, threads: threads, codecs: codecs, otlpCodecs: otlpCodecs,
      datasetFormat: format, analyze: analyze, analysisZstdLevel: analysisZstdLevel,
      outputDirectory: URL(fileURLWithPath: output))
  }

  var progress: ProgressReporter { ProgressReporter(totalTraces: traceCount, quiet: quiet) }
}
