import TraceModel

/// A piece of a block's request structure as a decoding thread hands it over: a resource group
/// that begins and ends within the block, serialized on that thread, or the entries around such
/// groups with their spans, which `RequestAssembler` takes on the calling thread.
///
/// Only the group a block continues and the one it ends with can reach past it: the real sample's
/// 1,699 groups fill 4 blocks, so all but a few are serialized on every core at once, where the
/// assembler on one thread copied every span into its group and left their bytes to the caller.
enum RequestStep: Sendable {
  case entries([RequestEntry], spans: [Span])
  /// `serialize` of a request of the one group.
  case serializedGroup([UInt8])

  /// Turns serialized OTLP requests (`TraceRequest` of one group, or of none) into bytes.
  typealias Serialize = @Sendable (TraceRequest) throws -> [UInt8]

  /// The steps of one block, whose `spans` are moved into them (`spans` is left empty).
  ///
  /// A group is complete when another group or a request begins after it in the block. One whose
  /// spans come before any scope group stays entries, so the assembler throws its error in order.
  static func steps(
    of spans: inout [Span], _ entries: [RequestEntry], serialize: Serialize
  ) throws -> [RequestStep] {
    let complete = completeGroups(entries)
    // Reversed, so each span is moved out from the end in input order; the buffer's `reverse`
    // moves them, the array's copied every span it swapped.
    spans.withUnsafeMutableBufferPointer { $0.reverse() }
    var steps: [RequestStep] = []
    var pendingEntries: [RequestEntry] = [], pendingSpans: [Span] = []
    var index = entries.startIndex
    var nextComplete = complete.startIndex
    while index < entries.endIndex {
      if nextComplete < complete.endIndex, complete[nextComplete].lowerBound == index {
        if !pendingEntries.isEmpty {
          steps.append(.entries(pendingEntries, spans: pendingSpans))
          (pendingEntries, pendingSpans) = ([], [])
        }
        let range = complete[nextComplete]
        nextComplete += 1
        let group = Self.group(entries[range], from: &spans)
        steps.append(.serializedGroup(try serialize(TraceRequest(resourceSpans: [group]))))
        index = range.upperBound
        continue
      }
      if case .spans(let count) = entries[index] {
        for _ in 0..<count { pendingSpans.append(spans.removeLast()) }
      }
      pendingEntries.append(entries[index])
      index += 1
    }
    if !pendingEntries.isEmpty { steps.append(.entries(pendingEntries, spans: pendingSpans)) }
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

  /// The group of `entries` (a resource group entry, then its scope groups and spans), its spans
  /// moved from the end of `reversedSpans`.
  private static func group(_ entries: ArraySlice<RequestEntry>, from reversedSpans: inout [Span]) -> ResourceSpans {
    var group = ResourceSpans(resource: nil)
    // The open scope group's spans gather in `spans` and go into it whole: appended through
    // `group`, every span was copied.
    var scopeGroup: ScopeSpans?
    var spans: [Span] = []
    func closeScopeGroup() {
      guard var finished = scopeGroup else { return }
      finished.spans = spans
      spans = []
      group.scopeSpans.append(finished)
    }
    for entry in entries {
      switch entry {
      case .resourceGroup(let resource, let schemaURL):
        group = ResourceSpans(resource: resource, schemaURL: schemaURL)
      case .scopeGroup(let scope, let schemaURL):
        closeScopeGroup()
        scopeGroup = ScopeSpans(scope: scope, schemaURL: schemaURL)
      case .spans(let count):
        let first = spans.count
        for _ in 0..<count { spans.append(reversedSpans.removeLast()) }
        // Cleared in place: cleared on the way in, every span was copied.
        for index in first..<spans.count {
          spans[index].resource = nil
          spans[index].scope = nil
        }
      case .request:
        preconditionFailure("a request entry inside a resource group")
      }
    }
    closeScopeGroup()
    return group
  }
}
