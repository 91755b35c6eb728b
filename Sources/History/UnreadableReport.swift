import Reports
import TraceJSON

/// Why a report's text cannot be used: not JSON, or a required figure missing.
///
/// A plain reason rather than the decoder's error, because it ends up in a table cell or a
/// one-line drift message.
struct UnreadableReport: Error, Equatable {
  var reason: String
}
