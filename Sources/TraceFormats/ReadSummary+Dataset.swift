/// Summaries of several files read as one dataset, and the counts a report's JSON carries.
extension ReadSummary {
  /// The summaries of `files`, read in this order as one dataset: counts summed, findings and
  /// normalizations merged; the format and units are the first file's (the report lists each
  /// file's format when they differ).
  public static func dataset(_ files: [ReadSummary]) -> ReadSummary {
    guard var combined = files.first else {
      return ReadSummary(format: .jsonl, sourceTimestampUnit: .nanoseconds)
    }
    for file in files.dropFirst() { combined.add(file) }
    return combined
  }

  /// Adds the counts, findings and normalizations of `part`, read after what this summary holds
  /// (a later file, or a later chunk of the same file).
  mutating func add(_ part: ReadSummary) {
    spanCount += part.spanCount
    lineCount += part.lineCount
    documentCount += part.documentCount
    spansWithUnknownTiming += part.spansWithUnknownTiming
    findings.merge(part.findings)
    tracesReopened += part.tracesReopened
    for (kind, count) in part.normalizations { note(kind, count: count) }
  }

  /// How many times each normalization was applied, keyed by its name (`zipkinSharedOrDebugDropped`),
  /// for the analyze JSON; absent means never.
  public var normalizationCounts: [String: Int] {
    Dictionary(uniqueKeysWithValues: normalizations.map { ($0.key.rawValue, $0.value) })
  }
}
