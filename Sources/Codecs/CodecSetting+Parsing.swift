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
}
