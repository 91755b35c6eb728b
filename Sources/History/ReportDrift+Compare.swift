import Reports
import TraceJSON

extension ReportDrift {
  /// Compares the committed reports (nil when the file does not exist) with freshly regenerated
  /// ones.
  ///
  /// Figures are compared first, key path by key path, because a moved number is what matters.
  /// Only when no figure moved is the text compared line by line: a changed figure changes the
  /// markdown too, and its first differing line would only repeat the figure finding less
  /// clearly. Pure: no file or process access, so `phase0 --check` and the tests share it.
  public static func compare(
    committedMarkdown: String?, committedJSON: String?,
    regeneratedMarkdown: String, regeneratedJSON: String
  ) -> ReportDrift {
    var findings: [Finding] = []
    var figuresMoved = false
    if let committedJSON {
      let jsonFindings = compareJSON(committed: committedJSON, regenerated: regeneratedJSON)
      figuresMoved = jsonFindings.contains { if case .figure = $0 { true } else { false } }
      findings += jsonFindings
    } else {
      findings.append(.missing(path: jsonPath))
    }
    if let committedMarkdown {
      if !figuresMoved,
        let difference = LineDifference.first(
          committed: committedMarkdown, regenerated: regeneratedMarkdown)
      {
        findings.append(.text(path: markdownPath, difference: difference))
      }
    } else {
      findings.append(.missing(path: markdownPath))
    }
    return ReportDrift(findings: findings)
  }

  private static func compareJSON(committed: String, regenerated: String) -> [Finding] {
    let committedFigures: ReportFigures
    let regeneratedFigures: ReportFigures
    do {
      committedFigures = try ReportFigures(parsing: committed)
    } catch {
      return [.unreadable(path: jsonPath, reason: error.reason)]
    }
    do {
      regeneratedFigures = try ReportFigures(parsing: regenerated)
    } catch {
      return [.unreadable(path: "the regenerated \(jsonPath)", reason: error.reason)]
    }
    let changes = FigureChange.changes(from: committedFigures, to: regeneratedFigures)
    if !changes.isEmpty { return changes.map(Finding.figure) }
    // Same figures, different text: hand-edited whitespace, or a writer change in formatting.
    if let difference = LineDifference.first(committed: committed, regenerated: regenerated) {
      return [.text(path: jsonPath, difference: difference)]
    }
    return []
  }
}
