/// The one rule for a run's default levels: the seed's full sweep at level 19 for small inputs,
/// the quick one above `largeRunTraces` traces (phase 0) or `largeFileBytes` (analyze), since
/// zstd-19 and 22 run at about 1 MB/s and would make `--size big` take half a minute and a million
/// traces many minutes. `--help` is built from it, so the numbers are written once.
public struct QuickDefaults: Sendable, Equatable {
  /// Whether the input is above the threshold.
  var isQuick: Bool

  /// Runs above this many traces (`--size big` and up) get the quick defaults.
  public static let largeRunTraces = 1_000
  /// Files above 4 MiB get `analyze`'s quick defaults.
  public static let largeFileBytes = 4 << 20

  public init(traces: Int) { isQuick = traces > Self.largeRunTraces }
  public init(fileBytes: Int) { isQuick = fileBytes > Self.largeFileBytes }

  /// The sweep when `--levels` is not given: without zstd-19 and 22 when quick.
  public var codecs: [CodecSetting] {
    isQuick ? CodecSetting.phase0Defaults.filter { $0.family == .gzip || $0.level <= 9 } : CodecSetting.phase0Defaults
  }

  /// The zstd level of the analysis columns, the grouped stream and the per-span frames.
  public var analysisLevel: Int { isQuick ? 3 : 19 }

  /// One span in this many gets per-span frames: all of them for small inputs, one in 16 when
  /// quick. A frame of one span costs zstd its entropy tables from scratch (about 10 µs at level
  /// 3 for a 450-byte line, 4 µs with a dictionary), so framing every span of a 126 MB file took
  /// 6.7 s of CPU, more than zstd -9 on the whole file; one in 16 still frames over 17,000 of its
  /// 280,000 spans, and the report gives the figure as the estimate it then is.
  public var perSpanSampling: Int { isQuick ? 16 : 1 }

  /// One request in this many gets compressed on its own for the per-request OTLP protobuf rows:
  /// all of them for small inputs, one in 16 when quick. Compressing each request on its own, at
  /// gzip-6 and zstd-3 and in requests of 512 and 8,192 spans, took 2.9 s of analyze's 23 s of CPU
  /// on 126 MB of JSONL; the report gives the figures as the estimates they then are.
  public var perRequestSampling: Int { isQuick ? 16 : 1 }

  /// The OTLP/JSON row set: gzip-9, zstd-3, and zstd-19 unless quick.
  public var otlpCodecs: [CodecSetting] {
    [CodecSetting(.gzip, level: 9), CodecSetting(.zstd, level: 3)] + (isQuick ? [] : [CodecSetting(.zstd, level: 19)])
  }

  /// The whole-stream settings of `analyze`'s OTLP protobuf rows without `--levels`: the sweep for
  /// a small file; for a large one zstd-3 alone. The file itself gets the sweep: its rows are what
  /// a user stores today, the protobuf rows a comparison, and their gzip figures are the
  /// per-request rows, gzip-6 per export request, as a collector sends them. The other settings
  /// took 6.3 s of CPU on 126 MB of JSONL (gzip-9 alone 2.6 s), and zstd-9 tens of MB of memory.
  public var protobufCodecs: [CodecSetting] { isQuick ? [CodecSetting(.zstd, level: 3)] : codecs }

  /// The rule in words, for `--help`.
  public static var rule: String {
    "up to \(largeRunTraces.formatted) traces (phase0 small, medium) or a \(largeFileBytes >> 20) MiB file (analyze)"
  }

  /// `levels` as `--levels` takes them: `gzip:1,6,9 zstd:1,3,9`.
  public static func text(_ levels: [CodecSetting]) -> String {
    CodecSetting.Family.allCases.map { family in
      "\(family.rawValue):" + levels.filter { $0.family == family }.map { "\($0.level)" }.joined(separator: ",")
    }.joined(separator: " ")
  }
}

extension Int {
  /// 1,000: the grouping the help text uses.
  fileprivate var formatted: String {
    let digits = Array(String(self))
    return String(digits.enumerated().flatMap { index, digit in
      index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
    })
  }
}
