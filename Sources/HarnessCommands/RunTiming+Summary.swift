import Reports
import Runner

extension RunTiming {
  /// One line for the terminal: `9.0 s wall, 11.9 s CPU: zstd-19 9.10, per-span 0.50, …`.
  public var summary: String {
    "\(NumberText.fixed(wallSeconds, 1)) s wall, \(NumberText.fixed(cpuSeconds, 1)) s CPU: "
      + shares.map { "\($0.name) \(NumberText.fixed($0.cpuSeconds, 2))" }.joined(separator: ", ")
  }
}
