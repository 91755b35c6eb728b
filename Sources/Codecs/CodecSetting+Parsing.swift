/// The `--levels` syntax: groups such as `gzip:1,6,9` and `zstd:1,3,19`.
extension CodecSetting {
  /// A level group that cannot be used, saying what is valid.
  public struct ParseError: Error, CustomStringConvertible, Equatable {
    public var description: String
  }

  /// Parses the groups of one `--levels` option, in order, each setting once.
  public static func parse(groups: [String]) throws -> [CodecSetting] {
    var settings: [CodecSetting] = []
    for group in groups {
      for setting in try parseGroup(group) where !settings.contains(setting) {
        settings.append(setting)
      }
    }
    return settings
  }

  /// Parses one group, `family:level,level,…`.
  public static func parseGroup(_ text: String) throws -> [CodecSetting] {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    let families = Family.allCases.map(\.rawValue).joined(separator: ", ")
    guard parts.count == 2, let family = Family(rawValue: parts[0].lowercased()) else {
      throw ParseError(
        description: "'\(text)' is not a level group: write family:levels, e.g. zstd:1,3,19 (families: \(families))")
    }
    var settings: [CodecSetting] = []
    for levelText in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      let range = family == .gzip ? "1–9" : "1–22"
      guard let level = Int(levelText), CodecSetting(family, level: level).isValid else {
        throw ParseError(description: "\(family.rawValue) level '\(levelText)' is not valid: use \(range)")
      }
      settings.append(CodecSetting(family, level: level))
    }
    return settings
  }

  /// The levels measured when `--levels` is not given: the seed's full sweep up to 1,000 traces
  /// (small and medium); above, the sweep stops at zstd-9, since zstd-19 and 22 run at about
  /// 1 MB/s and would make `--size big` take half a minute and a million traces many minutes.
  public static func defaults(forTraces traces: Int) -> [CodecSetting] {
    defaults(quick: traces > largeRunTraces)
  }

  /// The same for `harness analyze`, which knows its input by size: files above `largeFileBytes`
  /// get the lighter sweep.
  public static func defaults(forFileBytes bytes: Int) -> [CodecSetting] {
    defaults(quick: bytes > largeFileBytes)
  }

  private static func defaults(quick: Bool) -> [CodecSetting] {
    quick ? phase0Defaults.filter { $0.family == .gzip || $0.level <= 9 } : phase0Defaults
  }

  /// Runs above this many traces (`--size big` and up) get the quick defaults: the lighter sweep,
  /// analysis columns at zstd-3 and no OTLP zstd-19.
  public static let largeRunTraces = 1_000

  /// Files above 4 MiB get `analyze`'s quick defaults: at about 1 MB/s, zstd-19 and 22 and the
  /// level-19 analysis would each take several seconds per such file, and minutes on a gigabyte.
  public static let largeFileBytes = 4 << 20
}
