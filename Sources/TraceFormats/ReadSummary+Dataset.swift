/// Summaries of several files read as one dataset, and the counts a report's JSON carries.
extension ReadSummary {
  /// The summaries of `files`, read in this order as one dataset: counts summed, findings and
  /// normalizations merged; the format and units are the first file's (the report lists each
  /// file's format when they differ).
  public static func dataset(_ files: [ReadSummary]) -> ReadSummary {
    guard var combined = files.first else {
      return ReadSummary(format: .jsonl, sourceTimestampUnit: .nanoseconds)
    }
    for file in files.dropFirst() {
      combined.spanCount += file.spanCount
      combined.lineCount += file.lineCount
      combined.documentCount += file.documentCount
      combined.spansWithUnknownTiming += file.spansWithUnknownTiming
      combined.findings.merge(file.findings)
      combined.tracesReopened += file.tracesReopened
      for (kind, count) in file.normalizations { combined.note(kind, count: count) }
    }
    return combined
  }

  /// How many times each normalization was applied, keyed by its name (`zipkinSharedOrDebugDropped`),
  /// for the analyze JSON; absent means never.
  public var normalizationCounts: [String: Int] {
    Dictionary(uniqueKeysWithValues: normalizations.map { ($0.key.rawValue, $0.value) })
  }
}
