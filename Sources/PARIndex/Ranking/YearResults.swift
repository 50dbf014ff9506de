/// A year ranked: every unit scored, classified and ranked in its group, with the warnings
/// about values that look wrong and the files the year was read from.
///
/// ``YearResults`` holds every leaf's score (scorecards, explanations, reports, analyses);
/// ``YearTotals`` holds the totals only (a ranking table for a whole country).
public struct RankedYear<Score: ScoredUnit>: Sendable {
  /// The criteria set the year was scored against.
  public let criteria: CriteriaSet
  /// Groups in order of first appearance in the units file, units in rank order.
  public let groups: [Ranking.Group<Score>]
  /// Values that were accepted but look wrong (W-… codes), from reading and from scoring.
  public let warnings: [Diagnostic]
  /// The files the year was read from, in the order read.
  public let inputs: [InputSummary]
  /// The appraisal rounds the year was scored with (0: self-assessment alone; 1 for one
  /// `appraisal.csv`).
  public let appraisalRounds: Int

  /// A year from groups already scored and ranked against `criteria`, unchecked: what
  /// ``Assessment`` builds.
  package init(
    criteria: CriteriaSet, groups: [Ranking.Group<Score>], warnings: [Diagnostic] = [], inputs: [InputSummary] = [],
    appraisalRounds: Int = 0
  ) {
    (self.criteria, self.groups, self.warnings, self.inputs) = (criteria, groups, warnings, inputs)
    self.appraisalRounds = appraisalRounds
  }

  /// Every unit, group by group, in rank order.
  public var rankedUnits: [Ranked<Score>] { groups.flatMap(\.units) }

  /// The unit with `id`, if any.
  public func unit(_ id: String) -> Ranked<Score>? { rankedUnits.first { $0.score.totals.unit.id == id } }

  /// The number of units in `group`.
  public func size(of group: String) -> Int { groups.first { $0.name == group }?.units.count ?? 0 }
}

/// A year with every leaf's score.
public typealias YearResults = RankedYear<UnitScore>
/// A year with each unit's totals only.
public typealias YearTotals = RankedYear<UnitTotals>
