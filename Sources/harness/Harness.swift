import ArgumentParser

@main
struct Harness: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "harness",
    abstract: "Compression experiments on distributed-tracing data.",
    subcommands: [HistoryCommand.self])
}
