/// The baseline-side results of several shards as one: each shard was compressed on its own, so
/// the sizes are sums, as a user holding the shards has them on disk.
extension BaselineResult {
  /// Adds `other`, measured with the same settings in the same order.
  public mutating func merge(_ other: BaselineResult) {
    rawBytes += other.rawBytes
    spans += other.spans
    for index in rows.indices { rows[index].compressedBytes += other.rows[index].compressedBytes }
  }
}

extension PerSpanResult {
  /// Adds `other`: frames summed, and each shard's own dictionary counted in full. The row with a
  /// dictionary is measured only if every shard with spans trained one; otherwise the first
  /// shard whose training failed says why. A shard without spans changes nothing. Both were
  /// sampled alike (`AnalyzeOptions.perSpanSampling`), so the sums scale as one sample.
  public mutating func merge(_ other: PerSpanResult) {
    guard other.trainedOnSpans > 0 || other.failedTrainingSpans != nil else { return }
    guard trainedOnSpans > 0 || failedTrainingSpans != nil else { return self = other }
    framesBytes += other.framesBytes
    shards += other.shards
    spans += other.spans
    lineBytes += other.lineBytes
    sampledSpans += other.sampledSpans
    sampledLineBytes += other.sampledLineBytes
    if let frames = framesWithDictionaryBytes, let otherFrames = other.framesWithDictionaryBytes {
      framesWithDictionaryBytes = frames + otherFrames
      dictionaryBytes += other.dictionaryBytes
      trainedOnSpans += other.trainedOnSpans
    } else {
      framesWithDictionaryBytes = nil
      failedTrainingSpans = failedTrainingSpans ?? other.failedTrainingSpans
    }
  }
}

extension ProtobufRows {
  /// Adds `other`: rows summed, or the first ID OTLP cannot carry.
  public mutating func merge(_ other: ProtobufRows) {
    guard case .measured(var mine) = self else { return }
    guard case .measured(let theirs) = other else { return self = other }
    mine.whole.merge(theirs.whole)
    // Both were sampled alike (`AnalyzeOptions.perRequestSampling`), so the sums scale as one sample.
    for index in mine.perRequest.indices {
      let other = theirs.perRequest[index]
      mine.perRequest[index].requests += other.requests
      mine.perRequest[index].spans += other.spans
      mine.perRequest[index].compressedBytes += other.compressedBytes
      mine.perRequest[index].messageBytes += other.messageBytes
      mine.perRequest[index].sampledRequests += other.sampledRequests
      mine.perRequest[index].sampledMessageBytes += other.sampledMessageBytes
    }
    self = .measured(mine)
  }
}

extension TraceStoreResult {
  /// Adds `other`'s file: a shard's trace-store file is a file of its own (trace-store files
  /// concatenate), so sizes, blocks and columns add up and both must have decoded back.
  public mutating func merge(_ other: TraceStoreResult) {
    fileBytes += other.fileBytes
    spans += other.spans
    blocks += other.blocks
    framingBytes += other.framingBytes
    files += other.files
    decodedSpansEqual = decodedSpansEqual && other.decodedSpansEqual
    decodedJSONLIdentical = decodedJSONLIdentical && other.decodedJSONLIdentical
    for column in other.columns {
      if let index = columns.firstIndex(where: { $0.name == column.name }) {
        columns[index].bytes += column.bytes
      } else {
        columns.append(column)
      }
    }
  }
}

/// Written with the columns as objects, in column order.
extension TraceStoreResult: Codable {
  private struct Column: Codable {
    var name: String
    var bytes: Int
  }

  private enum CodingKeys: String, CodingKey {
    case fileBytes, spans, blocks, zstdLevel, columns, framingBytes, decodedSpansEqual, decodedJSONLIdentical, files
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      fileBytes: try container.decode(Int.self, forKey: .fileBytes), spans: try container.decode(Int.self, forKey: .spans),
      blocks: try container.decode(Int.self, forKey: .blocks), zstdLevel: try container.decode(Int.self, forKey: .zstdLevel),
      columns: try container.decode([Column].self, forKey: .columns).map { ($0.name, $0.bytes) },
      framingBytes: try container.decode(Int.self, forKey: .framingBytes),
      decodedSpansEqual: try container.decode(Bool.self, forKey: .decodedSpansEqual),
      decodedJSONLIdentical: try container.decode(Bool.self, forKey: .decodedJSONLIdentical),
      files: try container.decode(Int.self, forKey: .files))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(fileBytes, forKey: .fileBytes)
    try container.encode(spans, forKey: .spans)
    try container.encode(blocks, forKey: .blocks)
    try container.encode(zstdLevel, forKey: .zstdLevel)
    try container.encode(columns.map { Column(name: $0.name, bytes: $0.bytes) }, forKey: .columns)
    try container.encode(framingBytes, forKey: .framingBytes)
    try container.encode(decodedSpansEqual, forKey: .decodedSpansEqual)
    try container.encode(decodedJSONLIdentical, forKey: .decodedJSONLIdentical)
    try container.encode(files, forKey: .files)
  }
}
