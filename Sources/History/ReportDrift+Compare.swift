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
    compare(
      committedMarkdown: committedMarkdown.map(CommittedFile.text) ?? .missing,
      committedJSON: committedJSON.map(CommittedFile.text) ?? .missing,
      regeneratedMarkdown: regeneratedMarkdown, regeneratedJSON: regeneratedJSON)
  }

  /// The same for files named `markdownPath` and `jsonPath` (what `--report` gave).
  public static func compare(
    markdownPath: String = markdownPath, jsonPath: String = jsonPath,
    committedMarkdown: CommittedFile, committedJSON: CommittedFile,
    regeneratedMarkdown: String, regeneratedJSON: String
  ) -> ReportDrift {
    var findings: [Finding] = []
    var figuresMoved = false
    switch committedJSON {
    case .text(let committed):
      let jsonFindings = compareJSON(committed: committed, regenerated: regeneratedJSON, path: jsonPath)
      figuresMoved = jsonFindings.contains { if case .figure = $0 { true } else { false } }
      findings += jsonFindings
    case .missing: findings.append(.missing(path: jsonPath))
    case .notUTF8: findings.append(.unreadable(path: jsonPath, reason: "not UTF-8 text"))
    }
    switch committedMarkdown {
    case .text(let committed):
      if !figuresMoved,
        let difference = LineDifference.first(committed: committed, regenerated: regeneratedMarkdown)
      {
        findings.append(.text(path: markdownPath, difference: difference))
      }
    case .missing: findings.append(.missing(path: markdownPath))
    case .notUTF8: findings.append(.unreadable(path: markdownPath, reason: "not UTF-8 text"))
    }
    return ReportDrift(findings: findings, markdownFile: markdownPath, jsonFile: jsonPath)
  }

  private static func compareJSON(committed: String, regenerated: String, path jsonPath: String) -> [Finding] {
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
