/// A `reports/phase0.json` as the phase0 writer lays it out (sorted keys, pretty-printed), with
/// the figures the tests vary as parameters.
enum ReportFixture {
  static func json(
    rawBytes: Int = 131_204, gzip9Bytes: Int = 25_000, zstd19Bytes: Int = 15_000,
    encodedZstdBytes: Int = 120, losslessPotentialBytes: Int? = 9_000,
    topologyDigest: String = "9f86d081884c7d65"
  ) -> String {
    let summary =
      losslessPotentialBytes.map {
        """
        ,
          "summary" : {
            "idFloorBytes" : 8000,
            "losslessPotentialBytes" : \($0),
            "lossyBytes" : 6000
          }
        """
      } ?? ""
    return """
      {
        "baseline" : [
          { "bytes" : 30000, "codec" : "gzip", "level" : 1 },
          { "bytes" : \(gzip9Bytes), "codec" : "gzip", "level" : 9 },
          { "bytes" : \(zstd19Bytes), "codec" : "zstd", "level" : 19 }
        ],
        "dataset" : {
          "order" : "arrival",
          "rawBytes" : \(rawBytes),
          "seed" : 20231022,
          "topologyDigest" : "\(topologyDigest)",
          "traces" : 100
        },
        "potentials" : [
          {
            "encodedBytes" : 300,
            "encodedZstdBytes" : \(encodedZstdBytes),
            "lossless" : true,
            "name" : "service names",
            "rawBytes" : 9000
          }
        ],
        "schema" : 1\(summary)
      }

      """
  }

  static let markdown = """
    # Phase 0

    | codec | bytes |
    | --- | --: |
    | zstd-19 | 15,000 |

    """
}
