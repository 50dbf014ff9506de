/// One problem in a criteria set's values, at a path inside the set as its JSON file would
/// have it (`items[0].children[1].rule.tiers[0].points`).
struct CriteriaProblem: Sendable {
  var path: String
  var value: String?
  var message: Message
}

/// The checks a criteria set's values must pass, in one place: the JSON decoder runs them on
/// what it reads, and the validating initialisers of ``CriteriaNode`` and ``CriteriaSet`` on
/// values built in code. Syntax (keys, JSON kinds, number text) is the decoder's alone.
enum CriteriaChecks {
  /// No item is worth more than the largest scale; this also keeps every sum of maxima exact.
  static let largestMaximum = FixedDecimal(10_000)
  /// Fields → criteria → leaves, and a few levels more, but not a tree without end.
  static let deepestLevel = 8

  // MARK: Single values

  /// A node code: dotted parts (`1`, `1.2`, `TC1.a`), each of letters, digits, `_` or `-`;
  /// an invisible character is named (`U+200D ZERO WIDTH JOINER`).
  static func code(_ code: String) -> Message? {
    if let invisible = Identifier.invisibleCharacter(in: code) { return invisible }
    let parts = code.split(separator: ".", omittingEmptySubsequences: false)
    let valid = parts.allSatisfy { part in !part.isEmpty && part.unicodeScalars.allSatisfy(isCodeScalar) }
    return valid ? nil : .invalidCode
  }

  private static func isCodeScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || scalar == "-" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// A key, label or question that must be visible text: not empty, no invisible character.
  static func visibleText(_ text: String) -> Message? {
    text.allSatisfy(\.isWhitespace) ? .expectedNonEmptyText : Identifier.invisibleCharacter(in: text)
  }

  /// An item's maximum: above 0, at most ``largestMaximum``.
  static func maximum(_ maxPoints: FixedDecimal) -> Message? {
    if maxPoints <= .zero { return .maximumNotPositive }
    return maxPoints > largestMaximum ? .maximumTooLarge : nil
  }

  /// An amount of points: not negative, at most `places` decimals.
  static func amount(_ amount: FixedDecimal, places: Int) -> Message? {
    if amount < .zero { return .negativeAmount }
    return amount.hasAtMost(places: places) ? nil : .tooManyDecimals(places: places)
  }

  // MARK: Rules

  /// What a leaf's rule must satisfy given its maximum, at paths relative to the rule
  /// (`options[1].key`). Amounts' decimals and the survey group are checked with the set.
  static func rule(_ rule: Rule, maxPoints: FixedDecimal) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    func fail(_ path: String, _ value: String?, _ message: Message) {
      problems.append(CriteriaProblem(path: path, value: value, message: message))
    }
    func points(_ points: FixedDecimal, _ path: String) {
      if points < .zero {
        fail(path, points.description, .negativeAmount)
      } else if points > maxPoints {
        fail(path, points.description, .pointsAboveItemMaximum(maxPoints.description))
      }
    }
    func percent(_ value: FixedDecimal, _ path: String) {
      if value < .zero { fail(path, value.description, .negativeAmount) }
    }
    switch rule {
    case .check:
      break
    case .survey(let group):
      if let problem = visibleText(group) { fail("group", group, problem) }
    case .choice(let options):
      if options.isEmpty { fail("options", nil, .expectedNonEmptyList) }
      var keys: Set<String> = []
      for (position, option) in options.enumerated() {
        let path = "options[\(position)]"
        if let problem = visibleText(option.key) {
          fail("\(path).key", option.key, problem)
        } else if !keys.insert(option.key).inserted {
          fail("\(path).key", option.key, .duplicateOptionKey)
        } else if ValueVocabulary.isNotApplicable(option.key) {
          fail("\(path).key", option.key, .optionKeyMeansNotApplicable)
        } else if option.key.contains(where: \.isNewline) || option.key.contains("=") {
          fail("\(path).key", option.key, .separatorInName(option.key.contains("=") ? "=" : "line break"))
        }
        if option.label.allSatisfy(\.isWhitespace) {
          fail("\(path).label", option.label, .expectedNonEmptyText)
        } else if option.label.contains(where: \.isNewline) {
          fail("\(path).label", option.label, .separatorInName("line break"))
        }
        points(option.points, "\(path).points")
      }
    case .tiers(let tiers):
      if tiers.isEmpty { fail("tiers", nil, .expectedNonEmptyList) }
      for (position, tier) in tiers.enumerated() {
        let path = "tiers[\(position)]"
        percent(tier.threshold, "\(path).\(tier.isStrict ? "above" : "atLeast")")
        points(tier.points, "\(path).points")
        guard position > 0 else { continue }
        let previous = tiers[position - 1]
        let descending =
          tier.threshold < previous.threshold
          || (tier.threshold == previous.threshold && previous.isStrict && !tier.isStrict)
        if !descending { fail(path, tier.boundText, .tiersNotDescending(previous: previous.boundText)) }
      }
    case .proportional(let target, let zeroBelow):
      if target <= .zero || target > FixedDecimal(100) {
        fail("target", target.description, .targetOutOfRange)
      } else if let zeroBelow {
        if zeroBelow < .zero {
          fail("zeroBelow", zeroBelow.description, .negativeAmount)
        } else if zeroBelow > target {
          fail("zeroBelow", zeroBelow.description, .zeroBelowAboveTarget(target.description))
        }
      }
    case .deadline(let due, let latePoints, let lateUntil):
      points(latePoints, "latePoints")
      if let lateUntil, lateUntil < due { fail("lateUntil", lateUntil.isoText, .lateUntilBeforeDue(due.isoText)) }
    case .deduction(let perItem, let floor):
      if perItem <= .zero { fail("perItem", perItem.description, perItem == .zero ? .perItemZero : .negativeAmount) }
      points(floor, "floor")
    case .manual(let step):
      if step <= .zero || step > maxPoints {
        fail("step", step.description, .stepOutOfRange(maximum: maxPoints.description))
      }
    }
    return problems
  }

  /// Every amount of points a rule holds, with its path relative to the rule, for the
  /// decimals check (which depends on the set's `rounding.points`).
  static func amounts(in rule: Rule) -> [(path: String, amount: FixedDecimal)] {
    switch rule {
    case .check, .survey, .proportional: []
    case .choice(let options): options.enumerated().map { ("options[\($0.offset)].points", $0.element.points) }
    case .tiers(let tiers): tiers.enumerated().map { ("tiers[\($0.offset)].points", $0.element.points) }
    case .deadline(_, let latePoints, _): [("latePoints", latePoints)]
    case .deduction(let perItem, let floor): [("perItem", perItem), ("floor", floor)]
    case .manual(let step): [("step", step)]
    }
  }

  // MARK: Nodes

  /// A node on its own: code, maximum, rule, and for a parent its children's sum.
  static func node(_ node: CriteriaNode) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    if let problem = code(node.code) {
      problems.append(CriteriaProblem(path: "code", value: node.code, message: problem))
    }
    if node.title.allSatisfy(\.isWhitespace) {
      problems.append(CriteriaProblem(path: "title", value: node.title, message: .expectedNonEmptyText))
    }
    if let problem = maximum(node.maxPoints) {
      problems.append(CriteriaProblem(path: "maxPoints", value: node.maxPoints.description, message: problem))
      return problems
    }
    if let rule = node.rule {
      problems += self.rule(rule, maxPoints: node.maxPoints).map {
        CriteriaProblem(path: "rule." + $0.path, value: $0.value, message: $0.message)
      }
    } else if node.children.isEmpty {
      problems.append(CriteriaProblem(path: "children", value: nil, message: .expectedNonEmptyList))
    } else if let problem = childrenSum(of: node) {
      problems.append(problem)
    }
    return problems
  }

  /// A parent's maximum against the sum of its children's.
  static func childrenSum(of node: CriteriaNode) -> CriteriaProblem? {
    let sum = node.children.reduce(FixedDecimal.zero) { $0 + min(max($1.maxPoints, .zero), largestMaximum) }
    guard sum != node.maxPoints else { return nil }
    return CriteriaProblem(
      path: "maxPoints", value: node.maxPoints.description,
      message: .childrenDoNotAddUp(code: node.code, sum: sum.description, maximum: node.maxPoints.description))
  }

  // MARK: The set

  /// Classification bands: labels visible and distinct, `minIndex` strictly descending within
  /// 0…100, the last at 0, at least one band.
  static func bands(_ bands: [ClassificationBand]) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    guard !bands.isEmpty else {
      return [CriteriaProblem(path: "classification", value: nil, message: .emptyClassification)]
    }
    var labels: Set<String> = []
    for (position, band) in bands.enumerated() {
      let path = "classification[\(position)]"
      if let problem = visibleText(band.label) {
        problems.append(CriteriaProblem(path: "\(path).label", value: band.label, message: problem))
      } else if !labels.insert(band.label).inserted {
        problems.append(CriteriaProblem(path: "\(path).label", value: band.label, message: .duplicateBandLabel))
      }
      if band.minIndex > FixedDecimal(100) {
        problems.append(
          CriteriaProblem(path: "\(path).minIndex", value: band.minIndex.description, message: .bandAbove100))
      } else if band.minIndex < .zero {
        problems.append(
          CriteriaProblem(path: "\(path).minIndex", value: band.minIndex.description, message: .negativeAmount))
      }
      if position > 0, band.minIndex >= bands[position - 1].minIndex {
        let previous = bands[position - 1]
        problems.append(
          CriteriaProblem(
            path: "\(path).minIndex", value: band.minIndex.description,
            message: .bandsNotDescending(previous: previous.label, minIndex: previous.minIndex.description)))
      }
    }
    if let last = bands.last, last.minIndex != .zero {
      problems.append(
        CriteriaProblem(
          path: "classification[\(bands.count - 1)].minIndex", value: last.minIndex.description,
          message: .lastBandNotZero))
    }
    return problems
  }

  /// The survey definition: answer codes and questions visible and distinct, percentages
  /// within 0…100, every group with a question, `minResponses` positive.
  static func survey(_ survey: SurveyDefinition) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    if survey.scale.isEmpty {
      problems.append(CriteriaProblem(path: "survey.scale", value: nil, message: .noAnswerCodes))
    }
    var answers: Set<String> = []
    for entry in survey.scale {
      let path = "survey.scale.\(entry.answer)"
      if let problem = visibleText(entry.answer) {
        problems.append(
          CriteriaProblem(
            path: path, value: entry.answer, message: problem == .expectedNonEmptyText ? .emptyAnswerCode : problem))
      } else if !answers.insert(entry.answer).inserted {
        problems.append(CriteriaProblem(path: path, value: entry.answer, message: .duplicateAnswerCode))
      }
      if entry.percent < .zero || entry.percent > FixedDecimal(100) {
        problems.append(CriteriaProblem(path: path, value: entry.percent.description, message: .percentOutOfRange))
      }
    }
    if survey.groups.isEmpty {
      problems.append(CriteriaProblem(path: "survey.groups", value: nil, message: .noSurveyGroups))
    }
    var keys: Set<String> = []
    for group in survey.groups {
      let path = "survey.groups.\(group.key)"
      if let problem = visibleText(group.key) {
        problems.append(CriteriaProblem(path: path, value: group.key, message: problem))
      } else if !keys.insert(group.key).inserted {
        problems.append(CriteriaProblem(path: path, value: group.key, message: .duplicateCode(elsewhere: path)))
      }
      if group.questions.isEmpty {
        problems.append(CriteriaProblem(path: path, value: nil, message: .groupsWithoutQuestions))
      }
      if group.title.allSatisfy(\.isWhitespace) {
        problems.append(CriteriaProblem(path: "\(path).title", value: group.title, message: .expectedNonEmptyText))
      }
      var questions: Set<String> = []
      for (position, question) in group.questions.enumerated() {
        let questionPath = "\(path).questions[\(position)]"
        if let problem = visibleText(question) {
          problems.append(CriteriaProblem(path: questionPath, value: question, message: problem))
        } else if !questions.insert(question).inserted {
          problems.append(CriteriaProblem(path: questionPath, value: question, message: .duplicateQuestion))
        } else if question.contains(";") || question.contains(where: \.isNewline) {
          problems.append(CriteriaProblem(path: questionPath, value: question, message: .separatorInName(";")))
        }
      }
    }
    if let minimum = survey.minResponses, minimum < 1 {
      problems.append(
        CriteriaProblem(
          path: "survey.minResponses", value: String(minimum), message: .expectedWholeNumber(from: 1, to: 1_000_000)))
    }
    return problems
  }

  /// The tree in its set: every node's own checks, codes unique across the set, amounts
  /// within `places` decimals, survey leaves naming a group the set defines, depth bounded,
  /// and the fields adding up to `scale`.
  static func tree(
    _ items: [CriteriaNode], scale: FixedDecimal, places: Int, survey: SurveyDefinition?
  ) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    var seen: [String: String] = [:]
    func walk(_ node: CriteriaNode, _ path: String, _ depth: Int) {
      problems += self.node(node).map {
        CriteriaProblem(path: "\(path).\($0.path)", value: $0.value, message: $0.message)
      }
      if let other = seen[node.code] {
        problems.append(
          CriteriaProblem(path: "\(path).code", value: node.code, message: .duplicateCode(elsewhere: other)))
      } else {
        seen[node.code] = path
      }
      if let problem = amount(node.maxPoints, places: places), node.maxPoints > .zero {
        problems.append(CriteriaProblem(path: "\(path).maxPoints", value: node.maxPoints.description, message: problem))
      }
      if let rule = node.rule {
        for (amountPath, value) in amounts(in: rule) where value >= .zero && !value.hasAtMost(places: places) {
          problems.append(
            CriteriaProblem(
              path: "\(path).rule.\(amountPath)", value: value.description, message: .tooManyDecimals(places: places)))
        }
        if case .survey(let group) = rule {
          if let survey {
            if survey.group(group) == nil {
              problems.append(
                CriteriaProblem(
                  path: "\(path).rule.group", value: group, message: .unknownSurveyGroup(survey.groups.map(\.key))))
            }
          } else {
            problems.append(CriteriaProblem(path: "\(path).rule.group", value: group, message: .noSurveyForGroup))
          }
        }
        return
      }
      guard depth < deepestLevel else {
        problems.append(CriteriaProblem(path: path, value: node.code, message: .nestedTooDeep(levels: deepestLevel)))
        return
      }
      for (position, child) in node.children.enumerated() { walk(child, "\(path).children[\(position)]", depth + 1) }
    }
    if items.isEmpty { problems.append(CriteriaProblem(path: "items", value: nil, message: .expectedNonEmptyList)) }
    for (position, item) in items.enumerated() { walk(item, "items[\(position)]", 0) }
    let total = items.reduce(FixedDecimal.zero) { $0 + min(max($1.maxPoints, .zero), largestMaximum) }
    if !items.isEmpty, total != scale {
      problems.append(
        CriteriaProblem(
          path: "items", value: nil, message: .fieldsDoNotAddUp(total: total.description, scale: scale.description)))
    }
    return problems
  }

  /// The set's own values besides the tree, bands and survey.
  static func header(
    id: String, title: String, year: Int, source: String, scale: FixedDecimal, pointsPlaces: Int, indexPlaces: Int,
    caps: AdjustmentCaps?
  ) -> [CriteriaProblem] {
    var problems: [CriteriaProblem] = []
    for (key, text) in [("id", id), ("title", title), ("source", source)] {
      if let problem = visibleText(text), problem == .expectedNonEmptyText || key == "id" {
        problems.append(CriteriaProblem(path: key, value: text, message: problem))
      }
    }
    if !(2000...2100).contains(year) {
      problems.append(CriteriaProblem(path: "year", value: String(year), message: .yearOutOfRange))
    }
    if scale <= .zero || scale > largestMaximum {
      problems.append(CriteriaProblem(path: "scale", value: scale.description, message: .scaleOutOfRange))
    }
    for (key, places) in [("rounding.points", pointsPlaces), ("rounding.index", indexPlaces)]
    where !(0...4).contains(places) {
      problems.append(CriteriaProblem(path: key, value: String(places), message: .placesOutOfRange))
    }
    if let caps {
      for (key, cap) in [("adjustments.bonusCap", caps.bonusCap), ("adjustments.penaltyCap", caps.penaltyCap)] {
        if cap < .zero {
          problems.append(CriteriaProblem(path: key, value: cap.description, message: .negativeAmount))
        } else if cap > largestMaximum {
          problems.append(CriteriaProblem(path: key, value: cap.description, message: .maximumTooLarge))
        }
      }
    }
    return problems
  }

  /// The problems as thrown diagnostics, placed in `file` (a name for values built in code).
  static func diagnostics(_ problems: [CriteriaProblem], file: String) -> Diagnostics {
    Diagnostics(
      problems.map { Diagnostic($0.message, at: InputLocation(file: file, place: .jsonPath($0.path)), value: $0.value) }
    )
  }
}
