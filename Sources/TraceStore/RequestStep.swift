/// A piece of a block's request structure as a decoding thread hands it over: a resource group
/// that begins and ends within the block, serialized on that thread, or the entries around such
/// groups with their spans' bytes, which a `RequestAssembler` takes on the calling thread.
///
/// Only the group a block continues and the one it ends with can reach past it: the real sample's
/// 1,699 groups fill 4 blocks, so all but a few are serialized on every core at once, where the
/// assembler on one thread copied every span into its group and left their bytes to the caller.
enum RequestStep: Sendable {
  case entries([RequestEntry], spans: SpanMessages)
  /// `SerializedGroup.messageBytes` of the one group.
  case serializedGroup([UInt8])

  /// The steps of one block whose spans, in input order, are `messages`.
  ///
  /// A group is complete when another group or a request begins after it in the block. One whose
  /// spans come before any scope group stays entries, so the assembler throws its error in order.
  static func steps(of messages: SpanMessages, _ entries: [RequestEntry]) throws -> [RequestStep] {
    let complete = completeGroups(entries)
    var steps: [RequestStep] = []
    var pendingEntries: [RequestEntry] = []
    var pendingSpans = 0..<0
    var index = entries.startIndex
    var nextComplete = complete.startIndex
    while index < entries.endIndex {
      if nextComplete < complete.endIndex, complete[nextComplete].lowerBound == index {
        if !pendingEntries.isEmpty {
          steps.append(.entries(pendingEntries, spans: messages[pendingSpans]))
          pendingEntries = []
        }
        let range = complete[nextComplete]
        nextComplete += 1
        var bytes: [UInt8] = []
        var group = RequestAssembler<SerializedGroup>.insideRequest()
        let emit: RequestAssembler<SerializedGroup>.Emit = { group, _ in bytes = group?.messageBytes ?? [] }
        try group.add(messages, entries[range], firstSpan: pendingSpans.upperBound, emit: emit)
        try group.finish(emit: emit)
        steps.append(.serializedGroup(bytes))
        let spanCount = entries[range].reduce(0) { if case .spans(let count) = $1 { $0 + count } else { $0 } }
        pendingSpans = (pendingSpans.upperBound + spanCount)..<(pendingSpans.upperBound + spanCount)
        index = range.upperBound
        continue
      }
      if case .spans(let count) = entries[index] {
        pendingSpans = pendingSpans.lowerBound..<(pendingSpans.upperBound + count)
      }
      pendingEntries.append(entries[index])
      index += 1
    }
    if !pendingEntries.isEmpty { steps.append(.entries(pendingEntries, spans: messages[pendingSpans])) }
    return steps
  }

  /// The entry ranges of the groups that begin and end in the block and give every span a scope
  /// group, in order.
  private static func completeGroups(_ entries: [RequestEntry]) -> [Range<Int>] {
    var complete: [Range<Int>] = []
    var start: Int?
    var hasScopeGroup = false, spansOutsideScopes = false
    for (index, entry) in zip(entries.indices, entries) {
      switch entry {
      case .request, .resourceGroup:
        if let start, !spansOutsideScopes { complete.append(start..<index) }
        if case .resourceGroup = entry { start = index } else { start = nil }
        hasScopeGroup = false
        spansOutsideScopes = false
      case .scopeGroup: hasScopeGroup = true
      case .spans: if !hasScopeGroup { spansOutsideScopes = true }
      }
    }
    return complete
  }
}
