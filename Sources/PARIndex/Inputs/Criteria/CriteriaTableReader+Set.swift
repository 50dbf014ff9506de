extension CriteriaTableReader {
  typealias Row = (line: Int, fields: [String])

  /// The header table's values, with the row each came from.
  struct Header {
    var values: [CriteriaTable.InfoKey: (text: String, line: Int)] = [:]
    var bands: [(band: ClassificationBand, line: Int)] = []
    var answers: [(answer: String, percent: FixedDecimal, line: Int)] = []
    var groups: [(group: SurveyDefinition.Group, line: Int)] = []
  }

  /// The set the two tables describe, checked; every problem at its row.
  mutating func set(tree: Table, header table: Table) throws(Diagnostics) -> (set: CriteriaSet, warnings: [Diagnostic])
  {
    let header = readHeader(table)
    func value(_ key: CriteriaTable.InfoKey) -> String { header.values[key]?.text ?? "" }
    func location(_ key: CriteriaTable.InfoKey) -> InputLocation {
      header.values[key].map { table.location($0.line) } ?? InputLocation(file: table.file)
    }
    for key in [CriteriaTable.InfoKey.id, .title, .level, .year, .status, .source] where header.values[key] == nil {
      log.add(.requiredKey(key.rawValue), at: InputLocation(file: table.file), field: "key")
    }
    let level = word(
      value(.level),
      [
        (CriteriaSet.Level.commune, ["commune", "xã", "cấp xã"]),
        (.department, ["department", "sở", "sở, ban, ngành"]),
      ],
      at: location(.level), field: "value")
    let status = word(
      value(.status),
      [(CriteriaSet.Status.official, ["official", "chính thức"]), (.modelled, ["modelled", "mô phỏng"])],
      at: location(.status), field: "value")
    let year = header.values[.year].flatMap {
      integer($0.text, at: location(.year), field: "value", range: 2000...2100)
    }
    let scale = header.values[.scale].flatMap { number($0.text, at: location(.scale), field: "value") } ?? .hundred
    let places = [CriteriaTable.InfoKey.roundingPoints, .roundingIndex].map { key in
      header.values[key].flatMap { integer($0.text, at: location(key), field: "value", range: 0...4) } ?? 2
    }
    let policy =
      word(
        value(.evidencePolicy),
        [(CriteriaSet.EvidencePolicy.required, ["required", "bắt buộc"]), (.none, ["none", "không"])],
        at: location(.evidencePolicy), field: "value") ?? .required
    var caps: AdjustmentCaps?
    let bonus = header.values[.bonusCap].flatMap { number($0.text, at: location(.bonusCap), field: "value") }
    let penalty = header.values[.penaltyCap].flatMap { number($0.text, at: location(.penaltyCap), field: "value") }
    if let bonus, let penalty {
      caps = AdjustmentCaps(bonusCap: bonus, penaltyCap: penalty)
    } else if (header.values[.bonusCap] == nil) != (header.values[.penaltyCap] == nil) {
      let missing = header.values[.bonusCap] == nil ? CriteriaTable.InfoKey.bonusCap : .penaltyCap
      log.add(.requiredKey(missing.rawValue), at: InputLocation(file: table.file), field: "key")
    }
    var survey: SurveyDefinition?
    if !header.answers.isEmpty || !header.groups.isEmpty || header.values[.minResponses] != nil {
      let minimum = header.values[.minResponses].flatMap {
        integer($0.text, at: location(.minResponses), field: "value", range: 1...1_000_000)
      }
      survey = SurveyDefinition(
        scale: header.answers.map { ($0.answer, $0.percent) }, groups: header.groups.map(\.group), minResponses: minimum
      )
    }
    var paths: [String: Int] = [:]
    var failed: Set<String> = []
    let items = readTree(tree, pointsPlaces: places[0], paths: &paths, failed: &failed)
    warnMixedDecimals()
    // The set's checks run even after problems in cells, so that every mistake is named at once;
    // a row whose rule could not be read is checked for its place in the tree, not its rule again.
    var problems = CriteriaChecks.header(
      id: value(.id), title: value(.title), year: year ?? 2000, source: value(.source), scale: scale,
      pointsPlaces: places[0], indexPlaces: places[1], caps: caps)
    problems += CriteriaChecks.bands(header.bands.map(\.band))
    if let survey { problems += CriteriaChecks.survey(survey) }
    problems += CriteriaChecks.tree(items, scale: scale, places: places[0], survey: survey)
    for problem in problems where !failed.contains(where: { problem.path.hasPrefix($0 + ".rule") }) {
      place(problem, tree: tree, header: header, headerTable: table, paths: paths)
    }
    guard log.errors.isEmpty, let level, let status, let year else {
      // Row by row, as a secretary corrects a table; the warnings after.
      let ordered = log.errors.enumerated().sorted {
        ($0.element.file, $0.element.line ?? 0, $0.offset) < ($1.element.file, $1.element.line ?? 0, $1.offset)
      }
      throw Diagnostics(ordered.map(\.element) + log.warnings)
    }
    let set = CriteriaSet(
      trusted: value(.id), title: value(.title), level: level, year: year, status: status, source: value(.source),
      scale: scale, pointsPlaces: places[0], indexPlaces: places[1], evidencePolicy: policy,
      classification: header.bands.map(\.band), adjustmentCaps: caps, survey: survey, items: items)
    return (set, log.warnings)
  }

  // MARK: The header table

  mutating func readHeader(_ table: Table) -> Header {
    var header = Header()
    for row in table.rows {
      let keyText = table.text(row.fields, "key")
      let location = table.location(row.line)
      guard
        let key = word(
          keyText, CriteriaTable.InfoKey.allCases.map { ($0, [$0.rawValue] + $0.aliases) }, at: location,
          field: table.name("key"))
      else {
        if keyText.isEmpty { log.add(.emptyField(column: table.name("key")), at: location, field: table.name("key")) }
        continue
      }
      let value = table.text(row.fields, "value")
      let name = table.text(row.fields, "name")
      // `name` belongs to bands and the survey, `questions` to survey groups: never a cell quietly dropped.
      let uses = [("name", [CriteriaTable.InfoKey.band, .surveyAnswer, .surveyGroup]), ("questions", [.surveyGroup])]
      for (column, keys) in uses where !keys.contains(key) && !table.text(row.fields, column).isEmpty {
        log.add(
          .columnNotForKey(keys: keys.map(\.rawValue)), at: location, field: table.name(column),
          value: table.text(row.fields, column))
      }
      switch key {
      case .band:
        guard let minimum = number(value, at: location, field: table.name("value")) else { continue }
        header.bands.append((ClassificationBand(label: name, minIndex: minimum), row.line))
      case .surveyAnswer:
        guard let percent = number(value, at: location, field: table.name("value")) else { continue }
        header.answers.append((name, percent, row.line))
      case .surveyGroup:
        let questions = table.text(row.fields, "questions").split(separator: ";").map { String($0.trimmingSpaces) }
          .filter { !$0.isEmpty }
        header.groups.append((SurveyDefinition.Group(key: name, title: value, questions: questions), row.line))
      default:
        if let first = header.values[key] {
          log.add(.infoKeyRepeated(firstLine: first.line), at: location, field: table.name("key"), value: keyText)
        } else if value.isEmpty {
          log.add(.emptyField(column: table.name("value")), at: location, field: table.name("value"))
        } else {
          header.values[key] = (value, row.line)
        }
      }
    }
    return header
  }

  // MARK: The tree table

  /// One row of the tree, read; its node is built once its children are.
  private struct Entry {
    var row: Row
    var code: String
    var title: String
    var maxPoints: FixedDecimal
    var rule: Rule?
    var evidence: CriteriaNode.EvidenceRequirement
    var notApplicable: CriteriaNode.NotApplicablePolicy
    var source: String?
    var children: [Int] = []
    /// A cell of the row was not valid (logged): the row keeps its place in the tree.
    var failed = false
  }

  /// The items of the tree table, in annex order; `paths` gets each node's path (as a JSON set
  /// would have it: `items[0].children[2]`) and row, for placing the checks' problems.
  mutating func readTree(
    _ table: Table, pointsPlaces: Int, paths: inout [String: Int], failed: inout Set<String>
  ) -> [CriteriaNode] {
    var entries: [Entry] = []
    var depths: [Int] = []
    var byCode: [String: Int] = [:]
    var roots: [Int] = []
    let explicitParents = table.columns["parent"] != nil
    for row in table.rows {
      guard let entry = readNode(table, row, pointsPlaces: pointsPlaces) else { continue }
      let location = table.location(row.line)
      let parts = entry.code.split(separator: ".", omittingEmptySubsequences: false)
      let parentCode =
        explicitParents
        ? table.text(row.fields, "parent") : parts.count > 1 ? parts.dropLast().joined(separator: ".") : ""
      let depth = parentCode.isEmpty ? 0 : byCode[parentCode].map { depths[$0] + 1 } ?? 0
      if depth > CriteriaChecks.deepestLevel {
        log.add(
          .nestedTooDeep(levels: CriteriaChecks.deepestLevel), at: location, field: table.name("code"),
          value: entry.code)
        continue
      }
      if byCode[entry.code] != nil {
        // The checks name it with both places once the tree is built; keep the first.
        log.add(
          .duplicateCode(elsewhere: "\(table.file):\(entries[byCode[entry.code]!].row.line)"), at: location,
          field: table.name("code"), value: entry.code)
        continue
      }
      let position = entries.count
      if parentCode.isEmpty {
        roots.append(position)
      } else {
        let parent = parentCode
        guard let parentPosition = byCode[parent] else {
          log.add(.parentMissing(parent: parent), at: location, field: table.name("code"), value: entry.code)
          continue
        }
        guard entries[parentPosition].rule == nil else {
          log.add(.parentIsALeaf(parent: parent), at: location, field: table.name("code"), value: entry.code)
          continue
        }
        entries[parentPosition].children.append(position)
      }
      byCode[entry.code] = position
      entries.append(entry)
      depths.append(depth)
    }
    func build(_ position: Int, _ path: String) -> CriteriaNode {
      let entry = entries[position]
      paths[path] = entry.row.line
      if entry.failed { failed.insert(path) }
      if let rule = entry.rule {
        return CriteriaNode(
          trusted: entry.code, title: entry.title, maxPoints: entry.maxPoints, rule: rule, evidence: entry.evidence,
          notApplicable: entry.notApplicable, source: entry.source)
      }
      let children = entry.children.enumerated().map { build($0.element, "\(path).children[\($0.offset)]") }
      return CriteriaNode(
        trusted: entry.code, title: entry.title, maxPoints: entry.maxPoints, children: children, source: entry.source)
    }
    return roots.enumerated().map { build($0.element, "items[\($0.offset)]") }
  }

  /// One row of the tree table, every cell checked; `nil` after a problem (logged).
  private mutating func readNode(_ table: Table, _ row: Row, pointsPlaces: Int) -> Entry? {
    let location = table.location(row.line)
    let errorsBefore = log.errors.count
    func cell(_ column: CriteriaTable.NodeColumn) -> String { table.text(row.fields, column.rawValue) }
    for column in [CriteriaTable.NodeColumn.code, .title, .maxPoints] where cell(column).isEmpty {
      log.add(.emptyField(column: table.name(column.rawValue)), at: location, field: table.name(column.rawValue))
    }
    let maxPoints = number(table, row, CriteriaTable.NodeColumn.maxPoints.rawValue)
    let ruleName = cell(.rule)
    let typeName = word(
      ruleName, Rule.typeNames.map { ($0, [$0] + (Rule.vietnameseNames[$0] ?? [])) }, at: location,
      field: table.name("rule"))
    // A parameter filled for another rule is a mistake to name, never a value quietly dropped.
    for column in CriteriaTable.NodeColumn.allCases where !cell(column).isEmpty {
      guard let rules = column.rules else { continue }
      let field = table.name(column.rawValue)
      if ruleName.isEmpty {
        log.add(.leafOnlyKey(field), at: location, field: field, value: cell(column))
      } else if let typeName, !rules.contains(typeName) {
        log.add(.parameterForOtherRule(rules: rules), at: location, field: field, value: cell(column))
      }
    }
    var rule: Rule?
    if let typeName, let maxPoints { rule = readRule(typeName, table, row, maxPoints: maxPoints, places: pointsPlaces) }
    let evidence =
      word(
        cell(.evidence),
        [(CriteriaNode.EvidenceRequirement.required, ["required", "bắt buộc", "có"]), (.none, ["none", "không"])],
        at: location, field: table.name("evidence")) ?? .none
    let notApplicable =
      word(
        cell(.notApplicable),
        [
          (CriteriaNode.NotApplicablePolicy.exclude, ["exclude", "không tính"]),
          (.full, ["full", "tính đủ điểm", "đủ điểm"]), (.forbidden, ["forbidden", "không được"]),
        ], at: location, field: table.name("not_applicable")) ?? .forbidden
    // Without a code or a maximum the row has no place in the tree; with them, it keeps it.
    guard !cell(.code).isEmpty, let maxPoints else { return nil }
    let source = cell(.source)
    let failed = log.errors.count != errorsBefore
    return Entry(
      row: row, code: cell(.code), title: cell(.title), maxPoints: maxPoints,
      rule: ruleName.isEmpty ? nil : rule ?? .check, evidence: evidence, notApplicable: notApplicable,
      source: source.isEmpty ? nil : source, failed: failed)
  }

  /// The rule `type` with its parameters from the row; a missing one is named.
  private mutating func readRule(
    _ type: String, _ table: Table, _ row: Row, maxPoints: FixedDecimal, places: Int
  ) -> Rule? {
    let location = table.location(row.line)
    func required(_ column: CriteriaTable.NodeColumn) -> Bool {
      if !table.text(row.fields, column.rawValue).isEmpty { return true }
      log.add(.missingRuleParameter(rule: type), at: location, field: table.name(column.rawValue))
      return false
    }
    func amount(_ column: CriteriaTable.NodeColumn) -> FixedDecimal? { number(table, row, column.rawValue) }
    switch type {
    case "check":
      return .check
    case "choice":
      guard required(.options) else { return nil }
      return options(table.text(row.fields, "options"), at: location, field: table.name("options")).map(Rule.choice)
    case "tiers":
      guard required(.tiers) else { return nil }
      return tiers(table.text(row.fields, "tiers"), at: location, field: table.name("tiers")).map(Rule.tiers)
    case "proportional":
      guard required(.target), let target = amount(.target) else { return nil }
      return .proportional(target: target, zeroBelow: amount(.zeroBelow))
    case "deadline":
      guard required(.due), let due = date(table, row, "due") else { return nil }
      return .deadline(due: due, latePoints: amount(.latePoints) ?? .zero, lateUntil: date(table, row, "late_until"))
    case "deduction":
      guard required(.perItem), let perItem = amount(.perItem) else { return nil }
      return .deduction(perItem: perItem, floor: amount(.floor) ?? .zero)
    case "survey":
      guard required(.surveyGroup) else { return nil }
      return .survey(group: table.text(row.fields, "survey_group"))
    default:
      return .manual(step: amount(.step) ?? FixedDecimal.step(places: places))
    }
  }

  /// `≥ 98: 1; > 90: 0,5; ≥ 80: 0,25` (also `>=`; entries separated by `;` or a line break).
  private mutating func tiers(_ text: String, at location: InputLocation, field: String) -> [Tier]? {
    var tiers: [Tier] = []
    for entry in text.split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" }) {
      var rest = entry.trimmingSpaces
      guard !rest.isEmpty else { continue }
      let isStrict: Bool
      if rest.hasPrefix("≥") || rest.hasPrefix(">=") {
        (isStrict, rest) = (false, rest.dropFirst(rest.hasPrefix("≥") ? 1 : 2).trimmingSpaces)
      } else if rest.hasPrefix(">") {
        (isStrict, rest) = (true, rest.dropFirst().trimmingSpaces)
      } else {
        log.add(.tierSyntax, at: location, field: field, value: String(entry))
        return nil
      }
      guard let colon = rest.lastIndex(of: ":") else {
        log.add(.tierSyntax, at: location, field: field, value: String(entry))
        return nil
      }
      guard let threshold = number(String(rest[..<colon]).trimmedNFC, at: location, field: field),
        let points = number(String(rest[rest.index(after: colon)...]).trimmedNFC, at: location, field: field)
      else { return nil }
      tiers.append(Tier(threshold: threshold, isStrict: isStrict, points: points))
    }
    return tiers
  }

  /// One `key = label: points` per line.
  private mutating func options(_ text: String, at location: InputLocation, field: String) -> [ChoiceOption]? {
    var options: [ChoiceOption] = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where !line.trimmingSpaces.isEmpty {
      // Two `=` on a line are two options written on one (`a = Có: 1; b = Không: 0`).
      guard let equals = line.firstIndex(of: "="), let colon = line.lastIndex(of: ":"), equals < colon,
        line.filter({ $0 == "=" }).count == 1
      else {
        log.add(.optionSyntax, at: location, field: field, value: String(line))
        return nil
      }
      let key = String(line[..<equals]).trimmedNFC
      let label = String(line[line.index(after: equals)..<colon]).trimmedNFC
      guard let points = number(String(line[line.index(after: colon)...]).trimmedNFC, at: location, field: field) else {
        return nil
      }
      options.append(ChoiceOption(key: key, label: label, points: points))
    }
    return options
  }

  // MARK: Placing the checks' problems

  /// Logs a problem of ``CriteriaChecks`` at the row and column it is about.
  mutating func place(
    _ problem: CriteriaProblem, tree: Table, header: Header, headerTable: Table, paths: [String: Int]
  ) {
    let path = problem.path
    if path.hasPrefix("items[") {
      // The longest node path the problem's path starts with.
      var nodePath = path
      while paths[nodePath] == nil, let cut = nodePath.lastIndex(where: { $0 == "." }) {
        nodePath = String(nodePath[..<cut])
      }
      let line = paths[nodePath] ?? 0
      let rest = path.dropFirst(nodePath.count).drop { $0 == "." }
      let column = Self.treeColumn(for: String(rest))
      let row = tree.rows.first { $0.line == line }
      let written = row.map { tree.text($0.fields, column) } ?? ""
      log.add(
        problem.message, at: line > 0 ? tree.location(line) : InputLocation(file: tree.file),
        field: tree.name(column), value: written.isEmpty ? problem.value : written)
      return
    }
    var line: Int?
    var field = "value"
    func index(_ prefix: String) -> Int? {
      guard path.hasPrefix(prefix + "[") else { return nil }
      return Int(path.dropFirst(prefix.count + 1).prefix { $0.isNumber })
    }
    if let band = index("classification"), band < header.bands.count {
      line = header.bands[band].line
      if path.hasSuffix(".label") { field = "name" }
    } else if path.hasPrefix("survey.scale.") {
      let answer = String(path.dropFirst("survey.scale.".count))
      line = header.answers.first { $0.answer == answer }?.line
    } else if path.hasPrefix("survey.groups.") {
      let rest = path.dropFirst("survey.groups.".count)
      line = header.groups.first { rest == $0.group.key || rest.hasPrefix($0.group.key + ".") }?.line
      field = rest.contains(".questions") ? "questions" : rest.hasSuffix(".title") ? "value" : "name"
    } else {
      let keys: [String: CriteriaTable.InfoKey] = [
        "id": .id, "title": .title, "year": .year, "source": .source, "scale": .scale, "items": .scale,
        "rounding.points": .roundingPoints, "rounding.index": .roundingIndex, "adjustments.bonusCap": .bonusCap,
        "adjustments.penaltyCap": .penaltyCap, "survey.minResponses": .minResponses,
      ]
      line = keys[path].flatMap { header.values[$0]?.line }
    }
    log.add(
      problem.message, at: line.map(headerTable.location) ?? InputLocation(file: headerTable.file),
      field: headerTable.name(field), value: problem.value)
  }

  /// The tree column a problem's path inside a node is about (`rule.tiers[1].points` → `tiers`).
  static func treeColumn(for rest: String) -> String {
    let first = rest.split(separator: ".").first.map(String.init) ?? ""
    switch first {
    case "maxPoints": return "max_points"
    case "title": return "title"
    case "rule":
      let key = rest.split(separator: ".").dropFirst().first.map { String($0.prefix { $0 != "[" }) } ?? "rule"
      let columns = [
        "options": "options", "tiers": "tiers", "due": "due", "latePoints": "late_points", "lateUntil": "late_until",
        "target": "target", "zeroBelow": "zero_below", "perItem": "per_item", "floor": "floor",
        "group": "survey_group", "step": "step",
      ]
      return columns[key] ?? "rule"
    default: return "code"
    }
  }
}

extension Rule {
  /// The Vietnamese names a criteria table may give a rule.
  static let vietnameseNames: [String: [String]] = [
    "check": ["có/không", "đạt/không đạt"], "choice": ["lựa chọn"], "tiers": ["theo mức"],
    "proportional": ["tỷ lệ", "theo tỷ lệ"], "deadline": ["thời hạn", "đúng hạn"], "deduction": ["trừ điểm"],
    "survey": ["điều tra"], "manual": ["hội đồng chấm"],
  ]
}

extension CriteriaTable.InfoKey {
  /// The Vietnamese names a header table may give the key.
  var aliases: [String] {
    switch self {
    case .id: ["Mã bộ tiêu chí"]
    case .title: ["Tên bộ tiêu chí"]
    case .level: ["Cấp"]
    case .year: ["Năm"]
    case .status: ["Tình trạng"]
    case .source: ["Căn cứ"]
    case .scale: ["Thang điểm"]
    case .roundingPoints: ["Số chữ số thập phân của điểm"]
    case .roundingIndex: ["Số chữ số thập phân của chỉ số"]
    case .evidencePolicy: ["Tài liệu kiểm chứng"]
    case .band: ["Xếp loại"]
    case .bonusCap: ["Điểm thưởng tối đa"]
    case .penaltyCap: ["Điểm trừ tối đa"]
    case .surveyAnswer: ["Thang trả lời"]
    case .surveyGroup: ["Nhóm điều tra"]
    case .minResponses: ["Số phiếu tối thiểu"]
    }
  }
}
