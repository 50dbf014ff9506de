/// A criteria set written as its two tables (``CriteriaTable``): the tree, one row per node in
/// annex order, and the header. ``CriteriaTable/read(nodes:info:encoding:)`` reads them back as
/// an equal set (`parindex criteria export`, then `import`).
public enum CriteriaTableWriter {
  /// The tree table and the header table, in `dialect` (`.excel`: BOM, `;`, decimal commas).
  public static func render(_ set: CriteriaSet, dialect: CSVWriter.Dialect = .plain) -> (nodes: String, info: String) {
    let number = { (value: FixedDecimal) in
      dialect.decimalSeparator == "." ? value.description : value.description.replacingDot
    }
    // Each node's parent; the `parent` column is written only when a code does not say it.
    var parents: [String: String] = [:]
    func note(_ node: CriteriaNode, parent: String) {
      parents[node.code] = parent
      for child in node.children { note(child, parent: node.code) }
    }
    for item in set.items { note(item, parent: "") }
    let derivable = parents.allSatisfy { code, parent in
      let parts = code.split(separator: ".", omittingEmptySubsequences: false)
      return parent == (parts.count > 1 ? parts.dropLast().joined(separator: ".") : "")
    }
    let columns = CriteriaTable.NodeColumn.allCases.filter { $0 != .parent || !derivable }
    var nodes = CSVWriter(dialect: dialect)
    nodes.row(columns.map(\.rawValue))
    for (node, _) in set.allNodes {
      var cells: [CriteriaTable.NodeColumn: String] = [
        .code: node.code, .parent: parents[node.code] ?? "", .title: node.title, .maxPoints: number(node.maxPoints),
        .source: node.source ?? "",
      ]
      if let rule = node.rule {
        cells[.rule] = rule.typeName
        cells[.evidence] = node.evidence.rawValue
        cells[.notApplicable] = node.notApplicable.rawValue
        switch rule {
        case .check: break
        case .choice(let options):
          cells[.options] = options.map { "\($0.key) = \($0.label): \(number($0.points))" }.joined(separator: "\n")
        case .tiers(let tiers):
          cells[.tiers] = tiers.map { "\($0.isStrict ? ">" : "≥") \(number($0.threshold)): \(number($0.points))" }
            .joined(separator: "; ")
        case .proportional(let target, let zeroBelow):
          cells[.target] = number(target)
          cells[.zeroBelow] = zeroBelow.map(number) ?? ""
        case .deadline(let due, let latePoints, let lateUntil):
          cells[.due] = due.description
          cells[.latePoints] = number(latePoints)
          cells[.lateUntil] = lateUntil?.description ?? ""
        case .deduction(let perItem, let floor):
          cells[.perItem] = number(perItem)
          cells[.floor] = number(floor)
        case .survey(let group): cells[.surveyGroup] = group
        case .manual(let step): cells[.step] = number(step)
        }
      }
      nodes.row(columns.map { cells[$0] ?? "" })
    }
    var info = CSVWriter(dialect: dialect)
    info.row(["key", "value", "name", "questions"])
    func row(_ key: CriteriaTable.InfoKey, _ value: String, name: String = "", questions: String = "") {
      info.row([key.rawValue, value, name, questions])
    }
    row(.id, set.id)
    row(.title, set.title)
    row(.level, set.level.rawValue)
    row(.year, String(set.year))
    row(.status, set.status.rawValue)
    row(.source, set.source)
    row(.scale, number(set.scale))
    row(.roundingPoints, String(set.pointsPlaces))
    row(.roundingIndex, String(set.indexPlaces))
    row(.evidencePolicy, set.evidencePolicy.rawValue)
    for band in set.classification { row(.band, number(band.minIndex), name: band.label) }
    if let caps = set.adjustmentCaps {
      row(.bonusCap, number(caps.bonusCap))
      row(.penaltyCap, number(caps.penaltyCap))
    }
    if let survey = set.survey {
      for entry in survey.scale { row(.surveyAnswer, number(entry.percent), name: entry.answer) }
      for group in survey.groups {
        row(.surveyGroup, group.title, name: group.key, questions: group.questions.joined(separator: "; "))
      }
      if let minimum = survey.minResponses { row(.minResponses, String(minimum)) }
    }
    return (nodes.output, info.output)
  }
}
