/// What if (giả định): a unit's total, index, class and rank had some leaves had other values —
/// and the fewest leaf improvements that would reach a class.
public enum WhatIf {
  /// One leaf set to a value, as a unit would write it (`97%`, `có`, `31/01/2025`, `KPS`).
  public struct Setting: Sendable, Hashable {
    /// The leaf's code.
    public var code: String
    /// The value, scored by the leaf's rule as an appraisal row's value would be.
    public var value: String
    /// The leaf with `code` set to `value`.
    public init(code: String, value: String) { (self.code, self.value) = (code, value) }
  }

  /// The unit before and after.
  public struct Outcome: Sendable {
    /// The unit as the year's data scores it.
    public var before: Ranked<UnitScore>
    /// The unit with the settings applied, ranked in the re-scored year (the other units unchanged).
    public var after: Ranked<UnitScore>
    /// The whole year re-scored with the settings.
    public var results: YearResults
  }

  /// Re-scores the year with the unit's leaves set to the given values. Each setting stands in
  /// for the leaf's deciding row (as an appraisal row would), so the evidence policy does not
  /// apply to it. - Throws: ``Diagnostics`` for an unknown unit or code or a value the rule
  /// rejects.
  public static func apply(
    _ settings: [Setting], unit unitID: String, criteria: CriteriaSet, data: YearData
  ) throws(Diagnostics) -> Outcome {
    let before = try Assessment.run(criteria: criteria, data: data)
    guard let old = before.unit(unitID) else {
      throw Diagnostics([Diagnostic(.noSuchUnit, at: InputLocation(file: "units"), field: "unit_id", value: unitID)])
    }
    var overrides: [String: LeafEntry] = [:]
    for setting in settings {
      guard criteria.leafIndex(of: setting.code) != nil else {
        throw Diagnostics([
          Diagnostic(
            .noSuchLeaf(criteria: criteria.id), at: InputLocation(file: criteria.id), field: "code", value: setting.code
          )
        ])
      }
      overrides[setting.code] = LeafEntry(
        unitID: unitID, code: setting.code, claim: .value(setting.value), pointsText: nil, evidenceIDs: [],
        remark: "giả định (what-if)", origin: RowOrigin(file: "--set", line: 0))
    }
    // A last round of its own: what-if values win as an appraisal would, after every real round.
    let after = try Assessment.run(criteria: criteria, data: data.overriding([unitID: overrides]))
    return Outcome(before: old, after: after.unit(unitID)!, results: after)
  }

  /// A leaf improvement of a plan to reach a class.
  public struct Step: Sendable, Hashable {
    /// The leaf's code.
    public var code: String
    /// The leaf's title.
    public var title: String
    /// The points the leaf would gain at its maximum.
    public var gain: FixedDecimal
  }

  /// The fewest leaves that, raised to their maximum, bring `unit` to class `label` — leaves
  /// taken by points gained, largest first (with additive gains this gives the fewest leaves).
  /// `nil` when even every leaf at its maximum does not reach it; `[]` when the unit is there.
  /// - Parameter label: the class (``ClassificationBand/label``) to reach.
  /// - Parameter unit: the unit as scored (``RankedYear/unit(_:)``); nothing is re-scored.
  /// - Parameter criteria: the set the unit was scored against.
  /// - Throws: ``Diagnostics`` when `label` is not a class of `criteria`.
  public static func goal(
    _ label: String, unit: Ranked<UnitScore>, criteria: CriteriaSet
  ) throws(Diagnostics) -> [Step]? {
    guard let band = criteria.classification.first(where: { $0.label == label }) else {
      throw Diagnostics([
        Diagnostic(
          .noSuchClass(criteria.classification.map(\.label)), at: InputLocation(file: criteria.id), field: "class",
          value: label)
      ])
    }
    if unit.index >= band.minIndex { return [] }
    let candidates = zip(unit.leaves, criteria.leaves)
      .filter { leaf, _ in leaf.isApplicable && leaf.points < leaf.maxPoints }
      .map { leaf, node in Step(code: node.code, title: node.title, gain: leaf.maxPoints - leaf.points) }
      .enumerated().sorted {
        $0.element.gain != $1.element.gain ? $0.element.gain > $1.element.gain : $0.offset < $1.offset
      }
      .map(\.element)
    var total = unit.leafTotal
    var plan: [Step] = []
    for step in candidates {
      total += step.gain
      plan.append(step)
      let clamped = Scorer.total(leafTotal: total, bonus: unit.bonus, penalty: unit.penalty, maximum: unit.maxPoints)
      let index = Fraction.percent(clamped, of: unit.maxPoints).rounded(places: criteria.indexPlaces)
      if index >= band.minIndex { return plan }
    }
    return nil
  }
}
