import ArgumentParser
import Codecs
import History
import Measurement
import OutputFiles
import Reports
import Runner
import TraceFormats
import TraceGeneration
import TraceModel

/// The harness's root command: each experiment or tool is a subcommand.
public struct Harness: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "harness",
    abstract: "Compression experiments on distributed-tracing data.",
    discussion: """
      Phase 0 generates seeded microservice traces, measures what gzip and zstd make of them \
      (every size verified by decompressing), and writes reports/phase0.md.
      """,
    version: "0.1.0",
    subcommands: [
      Phase0Command.self, GenerateCommand.self, AnalyzeCommand.self, ConvertCommand.self,
      MergeCommand.self, HistoryCommand.self, EncodeCommand.self, DecodeCommand.self,
    ])

  public init() {}

  /// The process's entry: clean-up on interrupts installed, then the command line parsed and run.
  public static func runFromCommandLine() {
    InterruptCleanup.shared.install()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(withError: error)
    }
  }
}
