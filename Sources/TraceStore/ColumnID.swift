/// The columns of a block, by the number that names them in the block's directory.
///
/// Numbers are part of the format (docs/format.md): a column keeps its number forever, and a
/// decoder refuses a number it does not know rather than skip data it cannot place.
public enum ColumnID: UInt8, Sendable, CaseIterable, Comparable {
  /// For each span in input order, which trace it belongs to (see `TraceOrder`).
  case traceOrder = 1
  /// How each ID is stored: UUID, hex or text (see `IDForm`).
  case idForms = 2
  case traceIDs = 3
  case spanIDs = 4
  /// Per span, the parent as a position delta within its trace, or a reference to `parentIDs`.
  case parents = 5
  /// Parent IDs of spans whose parent is not in the same trace of the block.
  case parentIDs = 6
  case serviceDictionary = 7
  case services = 8
  case operationDictionary = 9
  case operations = 10
  /// Per trace, its earliest start as a delta from the previous trace's.
  case traceStarts = 11
  /// Per span, its start as an offset from the trace's earliest start.
  case startOffsets = 12
  case durations = 13
  case statusCodes = 14
  case tagSlots = 15
  case tagShapeDictionary = 16
  case tagShapes = 17
  case tagStringDictionary = 18
  case tagStrings = 19
  case tagInts = 20
  case tagDoubles = 21
  case tagBools = 22
  case logCounts = 23
  /// Per log event, its timestamp as an offset from its span's start.
  case logTimes = 24
  case logEventDictionary = 25
  case logEvents = 26
  case logSlots = 27
  case logShapeDictionary = 28
  case logShapes = 29
  case logStringDictionary = 30
  case logStrings = 31
  case logInts = 32
  case logDoubles = 33
  case logBools = 34

  /// The name the column breakdown and error messages use.
  public var name: String {
    switch self {
    case .traceOrder: "trace order"
    case .idForms: "id forms"
    case .traceIDs: "trace ids"
    case .spanIDs: "span ids"
    case .parents: "parents"
    case .parentIDs: "parent ids (outside the trace)"
    case .serviceDictionary: "service dictionary"
    case .services: "services"
    case .operationDictionary: "operation dictionary"
    case .operations: "operations"
    case .traceStarts: "trace starts"
    case .startOffsets: "start offsets"
    case .durations: "durations"
    case .statusCodes: "status codes"
    case .tagSlots: "tag keys"
    case .tagShapeDictionary: "tag shape dictionary"
    case .tagShapes: "tag shapes"
    case .tagStringDictionary: "tag string dictionaries"
    case .tagStrings: "tag strings"
    case .tagInts: "tag ints"
    case .tagDoubles: "tag doubles"
    case .tagBools: "tag bools"
    case .logCounts: "log counts"
    case .logTimes: "log times"
    case .logEventDictionary: "log event dictionary"
    case .logEvents: "log events"
    case .logSlots: "log field keys"
    case .logShapeDictionary: "log field shape dictionary"
    case .logShapes: "log field shapes"
    case .logStringDictionary: "log string dictionaries"
    case .logStrings: "log strings"
    case .logInts: "log ints"
    case .logDoubles: "log doubles"
    case .logBools: "log bools"
    }
  }

  public static func < (lhs: ColumnID, rhs: ColumnID) -> Bool { lhs.rawValue < rhs.rawValue }
}
