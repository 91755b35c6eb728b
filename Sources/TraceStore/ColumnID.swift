/// A column of a block, by the number that names it in the block's directory.
///
/// Numbers are part of the format (docs/format.md): a column keeps its number forever, and a
/// decoder refuses a number it does not know rather than skip data it cannot place. Numbers 1–63
/// are the span columns; from 64 on, each attribute set (tags, log fields, link, resource and
/// scope attributes) has sixteen numbers, one per `AttributeRole`.
public struct ColumnID: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let rawValue: UInt8
  /// The name the column breakdown and error messages use.
  public let name: String

  private init(_ rawValue: UInt8, _ name: String) {
    self.rawValue = rawValue
    self.name = name
  }

  /// The column of `number`, or nil for a number this version does not define.
  public init?(rawValue number: UInt8) {
    guard let known = Self.all.first(where: { $0.rawValue == number }) else { return nil }
    self = known
  }

  public var description: String { name }

  public static func < (lhs: ColumnID, rhs: ColumnID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// For each span in input order, which trace it belongs to (see `BlockEncoder`).
  public static let traceOrder = ColumnID(1, "trace order")
  /// How each trace, span and parent ID is stored: UUID, hex or text (see `IDForm`).
  public static let idForms = ColumnID(2, "id forms")
  public static let traceIDs = ColumnID(3, "trace ids")
  public static let spanIDs = ColumnID(4, "span ids")
  /// Per span, the parent as a position delta within its trace, or a reference to `parentIDs`.
  public static let parents = ColumnID(5, "parents")
  /// Parent IDs of spans whose parent is not in the same trace of the block.
  public static let parentIDs = ColumnID(6, "parent ids outside the trace")
  public static let serviceDictionary = ColumnID(7, "service dictionary")
  public static let services = ColumnID(8, "services")
  public static let operationDictionary = ColumnID(9, "operation dictionary")
  public static let operations = ColumnID(10, "operations")
  /// Per trace, its earliest start as a delta from the previous trace's.
  public static let traceStarts = ColumnID(11, "trace starts")
  /// Per span, its start as an offset from its trace's earliest start.
  public static let startOffsets = ColumnID(12, "start offsets")
  public static let durations = ColumnID(13, "durations")
  public static let statusCodes = ColumnID(14, "status codes")
  public static let logCounts = ColumnID(15, "log counts")
  /// Per log event, its timestamp as an offset from its span's start.
  public static let logTimes = ColumnID(16, "log times")
  public static let logEventDictionary = ColumnID(17, "log event dictionary")
  public static let logEvents = ColumnID(18, "log events")
  /// OTLP span kind per span: 0 for none, else the kind's zigzag plus one.
  public static let kinds = ColumnID(19, "kinds")
  public static let traceStateDictionary = ColumnID(20, "trace state dictionary")
  public static let traceStates = ColumnID(21, "trace states")
  public static let flags = ColumnID(22, "flags")
  /// OTLP status per span: 0 for none, else the code's zigzag plus one.
  public static let statuses = ColumnID(23, "statuses")
  public static let statusMessageDictionary = ColumnID(24, "status message dictionary")
  public static let statusMessages = ColumnID(25, "status messages")
  /// Per span its dropped attribute, event and link counts; per log event its dropped count.
  public static let droppedCounts = ColumnID(26, "dropped counts")
  public static let linkCounts = ColumnID(27, "link counts")
  public static let linkIDForms = ColumnID(28, "link id forms")
  public static let linkIDs = ColumnID(29, "link ids")
  /// Per link its trace state (a number into `traceStateDictionary`), flags and dropped count.
  public static let linkFields = ColumnID(30, "link fields")
  /// Per span: 0 for no resource, else the number of its resource in the block plus one.
  public static let resourceRefs = ColumnID(31, "resource refs")
  /// Per distinct resource its dropped count; per distinct scope its name, version, dropped count.
  public static let resourceScopeFields = ColumnID(32, "resource and scope fields")
  public static let scopeRefs = ColumnID(33, "scope refs")
  /// Where OTLP requests and their resource and scope groups begin (see `RequestEntry`); empty
  /// for spans that did not arrive as OTLP requests. Since version 2.
  public static let requestStructure = ColumnID(34, "request structure")
  /// The schema URLs of resource and scope groups, numbered by column 34. Since version 2.
  public static let schemaURLDictionary = ColumnID(35, "schema url dictionary")
  /// Per operation, the power of ten its start offsets are divided by, then its durations'; absent
  /// when every one is 10⁰. Since version 2.
  public static let timeUnits = ColumnID(36, "time units")

  /// ID bits: random for UUIDs and OTLP IDs, so a high level spends its time finding nothing. Text
  /// IDs still compress at level 3 (measured on phase 0: the same bytes as level 19).
  var isMostlyRandom: Bool { [Self.traceIDs, .spanIDs, .parentIDs, .linkIDs].contains(self) }

  static func attribute(_ set: AttributeSet, _ role: AttributeRole) -> ColumnID {
    ColumnID(64 + set.rawValue * 16 + role.rawValue, "\(set.name) \(role.name)")
  }

  /// Every column this version defines.
  static let all: [ColumnID] =
    [
      traceOrder, idForms, traceIDs, spanIDs, parents, parentIDs, serviceDictionary, services,
      operationDictionary, operations, traceStarts, startOffsets, durations, statusCodes, logCounts,
      logTimes, logEventDictionary, logEvents, kinds, traceStateDictionary, traceStates, flags,
      statuses, statusMessageDictionary, statusMessages, droppedCounts, linkCounts, linkIDForms,
      linkIDs, linkFields, resourceRefs, resourceScopeFields, scopeRefs, requestStructure,
      schemaURLDictionary, timeUnits,
    ] + AttributeSet.allCases.flatMap { set in AttributeRole.allCases.map { attribute(set, $0) } }
}

/// The attribute lists a block stores, each in columns of its own.
enum AttributeSet: UInt8, CaseIterable {
  case tags = 0, logFields, linkAttributes, resourceAttributes, scopeAttributes

  var name: String {
    switch self {
    case .tags: "tag"
    case .logFields: "log field"
    case .linkAttributes: "link attribute"
    case .resourceAttributes: "resource attribute"
    case .scopeAttributes: "scope attribute"
    }
  }
}

/// The columns of one attribute set (see `AttributeEncoder`).
enum AttributeRole: UInt8, CaseIterable {
  case slots = 0, shapeDictionary, shapes, stringDictionary, strings, ints, doubles, bools, nested

  var name: String {
    switch self {
    case .slots: "keys"
    case .shapeDictionary: "shape dictionary"
    case .shapes: "shapes"
    case .stringDictionary: "string dictionaries"
    case .strings: "strings"
    case .ints: "ints"
    case .doubles: "doubles"
    case .bools: "bools"
    case .nested: "bytes, arrays and kvlists"
    }
  }
}
