import Codecs
import Measurement

/// The OTLP protobuf row set and the trace-store file's column breakdown: the figures a storage
/// engineer compares with.
enum ProtobufSection {
  /// `idNote`: what the protobuf's IDs lose of the input's, when they lose anything.
  static func markdown(_ protobuf: ProtobufBaseline, idNote: String? = nil) -> String {
    let whole = protobuf.whole
    let raw = Double(whole.rawBytes)
    let spans = Double(max(whole.spans, 1))
    var table = MarkdownTable(
      ["Encoding", "Bytes", "Bytes per span", "Ratio (protobuf ÷ bytes)"],
      rightAligned: [false, true, true, true])
    table.add(["raw OTLP protobuf", NumberText.grouped(whole.rawBytes), NumberText.fixed(raw / spans, 1), "1.00x"])
    for row in whole.rows {
      table.add([
        "whole stream, \(row.setting)", NumberText.grouped(row.compressedBytes),
        NumberText.fixed(Double(row.compressedBytes) / spans, 1), NumberText.ratio(row.ratio(rawBytes: whole.rawBytes)),
      ])
    }
    for row in protobuf.perRequest {
      let estimate = row.isEstimate ? " (estimate, 1 request in \(row.sampling))" : ""
      table.add([
        "per request of \(NumberText.grouped(row.spansPerRequest)) spans, \(row.setting)\(estimate)",
        NumberText.grouped(row.bytes),
        NumberText.fixed(Double(row.bytes) / Double(max(row.spans, 1)), 1),
        NumberText.ratio(raw / Double(max(row.bytes, 1))),
      ])
    }
    return """
      ### The same traces as OTLP protobuf

      What SDKs and Collectors send and most back-ends ingest: the spans as length-prefixed \
      `TracesData` records (the Collector's file exporter layout) of 512 spans, through the sweep's \
      settings as one stream; and as exporters send them, each request compressed on its own \
      (gzip at zlib's default level, as OTLP exporters do, and zstd-3), in requests of 512 spans \
      (the SDK's batch) and 8,192 (the Collector's batch processor). Every size verified by \
      decompressing.\(sample(protobuf.perRequest))\(idNote.map { " " + $0 } ?? "")

      \(table.text)

      """
  }

  /// How the estimated per-request rows were made; empty when every request was compressed.
  private static func sample(_ rows: [PerRequestResult]) -> String {
    let estimated = rows.filter(\.isEstimate)
    guard let first = estimated.first else { return "" }
    // One row per request size: its codecs compressed the same requests.
    var sizes = Set<Int>()
    let counts = estimated.filter { sizes.insert($0.spansPerRequest).inserted }.map {
      "\(NumberText.grouped($0.sampledRequests)) of \(NumberText.grouped($0.requests)) requests of "
        + "\(NumberText.grouped($0.spansPerRequest)) spans"
    }
    return " The per-request sizes are estimates: 1 request in \(first.sampling) was compressed "
      + "(\(counts.joined(separator: ", "))), and the sizes scaled by their share of the protobuf bytes."
  }

  /// The row set, or why it could not be measured.
  static func markdown(_ rows: ProtobufRows) -> String {
    switch rows {
    case .measured(let protobuf): markdown(protobuf)
    case .unmappableID(let id, let kind, let reason):
      "### The same traces as OTLP protobuf\n\nNot measured: the \(kind) id \"\(id)\" cannot be an OTLP "
        + "\(kind) id (\(reason)), so these spans have no OTLP form.\n\n"
    }
  }

  /// Where the trace-store file's bytes go, biggest column first.
  static func columns(_ store: TraceStoreResult) -> String {
    var table = MarkdownTable(["Column", "Bytes", "Share of the file"], rightAligned: [false, true, true])
    let file = Double(max(store.fileBytes, 1))
    for column in store.columns.filter({ $0.bytes > 0 }).sorted(by: { ($0.bytes, $1.name) > ($1.bytes, $0.name) }) {
      table.add([column.name, NumberText.grouped(column.bytes), NumberText.percent(Double(column.bytes) / file)])
    }
    table.add(["framing (header, record frames, directories, index)", NumberText.grouped(store.framingBytes),
               NumberText.percent(Double(store.framingBytes) / file)])
    let check = [
      store.decodedSpansEqual ? "every span decoded equal field by field" : "**decoded spans differ from the input**",
      store.decodedJSONLIdentical ? "and, written as JSONL, byte for byte" : "**the JSONL written from them differs**",
    ].joined(separator: " ")
    return """
      ### The trace-store file

      The potentials as one real file (`harness encode`, specified in `docs/format.md`): \
      \(NumberText.grouped(store.fileBytes)) bytes in \(NumberText.grouped(store.blocks)) \
      block\(store.blocks == 1 ? "" : "s")\(store.files > 1 ? " of \(NumberText.grouped(store.files)) files, one per input," : ""), columns at zstd-\(store.zstdLevel), written in the same pass \
      and read back at its end: \(check).

      \(table.text)

      """
  }
}

extension ProtobufSection {
  /// Phase 0's UUIDs against OTLP's 8-byte span IDs.
  static let uuidNote =
    "OTLP's 8-byte span IDs keep 60 of the UUIDs' 122 random bits (see `OTLPIDMapping`), so these "
    + "sizes are below what a lossless encoding of this dataset can reach."
}
