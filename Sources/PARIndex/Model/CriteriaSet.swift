/// A criteria set (bộ chỉ số, bộ tiêu chí): the tree of fields, criteria and leaves with their
/// rules, the classification bands, caps and survey definition, for one level and year.
///
/// Everything that varies by province and year is here, as data. A value of this type is
/// valid by construction — read by ``CriteriaSetDecoder`` or built with the throwing
/// initialiser, which run the same checks: maxima add up, codes are unique, rules are sound,
/// the bands descend to 0. Its state is read-only.
public struct CriteriaSet: Sendable {
  /// The level of the units a set assesses.
  public enum Level: String, Sendable {
    /// UBND cấp xã — the people's committees of communes and wards.
    case commune
    /// Sở, ban, ngành — the province's departments and agencies.
    case department
  }
  /// `official`: a faithful transcription of the decision in `source`; `modelled`: built for
  /// demonstration, `source` says on what.
  public enum Status: String, Sendable {
    /// A faithful transcription of the decision named in `source`.
    case official
    /// Built for demonstration (mô phỏng); `source` says on what.
    case modelled
  }
  /// Whether leaves marked `evidence: required` score 0 without evidence.
  public enum EvidencePolicy: String, Sendable {
    /// The default: a leaf that requires evidence scores 0 without it.
    case required
    /// Evidence is not checked.
    case none
  }

  /// The set's identifier (`xa-2025`), shown in messages and reports.
  public let id: String
  /// The set's title (`Bộ Chỉ số CCHC của UBND cấp xã năm 2025`).
  public let title: String
  /// Whether the set assesses communes or departments.
  public let level: Level
  /// The year assessed.
  public let year: Int
  /// Whether the set transcribes a decision or is modelled.
  public let status: Status
  /// The decision (number and date) the set transcribes, or what it is modelled on.
  public let source: String
  /// The sum the top-level items reach (100 unless the file says otherwise).
  public let scale: FixedDecimal
  /// Decimals of leaf points (`rounding.points`).
  public let pointsPlaces: Int
  /// Decimals of the index % (`rounding.index`).
  public let indexPlaces: Int
  /// Whether evidence is checked (`evidencePolicy`; `required` unless the file says otherwise).
  public let evidencePolicy: EvidencePolicy
  /// Bands by `minIndex`, highest first, the last at 0.
  public let classification: [ClassificationBand]
  /// The caps on bonus and penalty totals (`adjustments`); `nil` when the set has none, and then a
  /// year with adjustment rows is refused.
  public let adjustmentCaps: AdjustmentCaps?
  /// The survey block (`survey`); `nil` when the set has none, and then a year with survey answers
  /// is refused.
  public let survey: SurveyDefinition?
  /// The fields (top-level items).
  public let items: [CriteriaNode]

  /// Every leaf, in document order.
  public let leaves: [CriteriaNode]
  let leafIndexByCode: [String: Int]

  /// A set built in code, checked as a criteria file is (docs/FORMATS.md §1); every problem
  /// is thrown at once, at a path like a file's (`CriteriaSet:items[0].children[1].maxPoints`).
  public init(
    id: String, title: String, level: Level, year: Int, status: Status, source: String, scale: FixedDecimal = .hundred,
    pointsPlaces: Int = 2, indexPlaces: Int = 2, evidencePolicy: EvidencePolicy = .required,
    classification: [ClassificationBand], adjustmentCaps: AdjustmentCaps? = nil, survey: SurveyDefinition? = nil,
    items: [CriteriaNode]
  ) throws(Diagnostics) {
    var problems = CriteriaChecks.header(
      id: id, title: title, year: year, source: source, scale: scale, pointsPlaces: pointsPlaces,
      indexPlaces: indexPlaces, caps: adjustmentCaps)
    problems += CriteriaChecks.bands(classification)
    if let survey { problems += CriteriaChecks.survey(survey) }
    problems += CriteriaChecks.tree(items, scale: scale, places: min(max(pointsPlaces, 0), 4), survey: survey)
    guard problems.isEmpty else { throw CriteriaChecks.diagnostics(problems, file: "CriteriaSet") }
    self.init(
      trusted: id, title: title, level: level, year: year, status: status, source: source, scale: scale,
      pointsPlaces: pointsPlaces, indexPlaces: indexPlaces, evidencePolicy: evidencePolicy,
      classification: classification,
      adjustmentCaps: adjustmentCaps, survey: survey, items: items)
  }

  /// A set whose values the caller has checked (the decoder, with the same checks).
  init(
    trusted id: String, title: String, level: Level, year: Int, status: Status, source: String, scale: FixedDecimal,
    pointsPlaces: Int, indexPlaces: Int, evidencePolicy: EvidencePolicy, classification: [ClassificationBand],
    adjustmentCaps: AdjustmentCaps?, survey: SurveyDefinition?, items: [CriteriaNode]
  ) {
    (self.id, self.title, self.level, self.year, self.status, self.source) = (id, title, level, year, status, source)
    (self.scale, self.pointsPlaces, self.indexPlaces, self.evidencePolicy) = (
      scale, pointsPlaces, indexPlaces, evidencePolicy
    )
    (self.classification, self.adjustmentCaps, self.survey, self.items) = (
      classification, adjustmentCaps, survey, items
    )
    leaves = items.flatMap(\.leaves)
    allNodes = Self.nodesDepthFirst(items)
    var index: [String: Int] = [:]
    for (position, leaf) in leaves.enumerated() { index[leaf.code] = position }
    leafIndexByCode = index
  }

  /// Names what a year's rows were checked against while reading (``YearData/problems(against:)``):
  /// id, year, whether adjustments are capped, the survey groups, and every leaf's code and rule
  /// type (survey leaves with their group). Two sets with this equal accept the same rows.
  package var fingerprint: String {
    let leafPart = leaves.map { leaf in
      if case .survey(let group)? = leaf.rule { return leaf.code + "=survey:" + group }
      return leaf.code + "=" + (leaf.rule?.typeName ?? "")
    }
    let groups = survey?.groups.map(\.key).joined(separator: ",") ?? "-"
    return "\(id)/\(year)/caps:\(adjustmentCaps != nil)/survey:\(groups)/" + leafPart.joined(separator: ",")
  }

  /// The position of the leaf with `code` in ``leaves``, or `nil`.
  public func leafIndex(of code: String) -> Int? { leafIndexByCode[code] }

  /// The band for a rounded index: the first whose `minIndex` ≤ it (the last band, at 0,
  /// for anything below).
  public func classify(roundedIndex: FixedDecimal) -> ClassificationBand {
    classification.first { $0.minIndex <= roundedIndex } ?? classification[classification.count - 1]
  }

  /// Every node, depth first, with its depth (0 for fields). Made once with the set: every
  /// unit's scorecard and JSON walks it.
  public let allNodes: [(node: CriteriaNode, depth: Int)]

  private static func nodesDepthFirst(_ items: [CriteriaNode]) -> [(node: CriteriaNode, depth: Int)] {
    func walk(_ node: CriteriaNode, _ depth: Int) -> [(node: CriteriaNode, depth: Int)] {
      [(node, depth)] + node.children.flatMap { walk($0, depth + 1) }
    }
    return items.flatMap { walk($0, 0) }
  }
}

/// A classification band (mức xếp loại): units whose rounded index is at least `minIndex`.
public struct ClassificationBand: Sendable, Hashable {
  /// The class's name (`Xuất sắc`, `Tốt`, `Khá` …).
  public let label: String
  /// The lowest rounded index in the band, from 0 to 100.
  public let minIndex: FixedDecimal

  /// A band as written; the ``CriteriaSet`` that holds it checks the bands together.
  public init(label: String, minIndex: FixedDecimal) { (self.label, self.minIndex) = (label, minIndex) }
}

/// Caps on the bonus (điểm thưởng) and penalty (điểm trừ) totals of one unit.
public struct AdjustmentCaps: Sendable, Hashable {
  /// A unit's bonus rows (điểm thưởng) are summed and capped at this.
  public let bonusCap: FixedDecimal
  /// A unit's penalty rows (điểm trừ) are summed and capped at this.
  public let penaltyCap: FixedDecimal

  /// Caps as written; the set that holds them checks them.
  public init(bonusCap: FixedDecimal, penaltyCap: FixedDecimal) {
    (self.bonusCap, self.penaltyCap) = (bonusCap, penaltyCap)
  }
}

/// The sociological survey (điều tra xã hội học) and satisfaction (SIPAS) definition.
public struct SurveyDefinition: Sendable, Hashable {
  /// A group of questions whose weighted mean is one percentage per unit.
  public struct Group: Sendable, Hashable {
    /// The group's key (`sipas`), which a survey leaf's rule names.
    public let key: String
    /// The group's title (`Mức độ hài lòng của người dân`).
    public let title: String
    /// The question codes of the survey file that count for this group.
    public let questions: [String]

    /// A group as written; the set that holds it checks it.
    public init(key: String, title: String, questions: [String]) {
      (self.key, self.title, self.questions) = (key, title, questions)
    }
  }

  /// Answer code → percentage, in file order.
  public let scale: [(answer: String, percent: FixedDecimal)]
  /// Groups in file order.
  public let groups: [Group]
  /// Units with fewer respondents are flagged.
  public let minResponses: Int?

  /// A survey definition as written; the set that holds it checks it.
  public init(scale: [(answer: String, percent: FixedDecimal)], groups: [Group], minResponses: Int?) {
    (self.scale, self.groups, self.minResponses) = (scale, groups, minResponses)
  }

  /// Equal scales (answers and percentages in order), groups and minimum.
  public static func == (lhs: SurveyDefinition, rhs: SurveyDefinition) -> Bool {
    lhs.groups == rhs.groups && lhs.minResponses == rhs.minResponses
      && lhs.scale.map(\.answer) == rhs.scale.map(\.answer) && lhs.scale.map(\.percent) == rhs.scale.map(\.percent)
  }

  /// Hashes what ``==(_:_:)`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(groups)
    for entry in scale {
      hasher.combine(entry.answer)
      hasher.combine(entry.percent)
    }
  }

  /// The group with `key`, or `nil`.
  public func group(_ key: String) -> Group? { groups.first { $0.key == key } }
}
