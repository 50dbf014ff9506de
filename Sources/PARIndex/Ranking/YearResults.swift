/// The results of one year: every unit scored, classified and ranked in its group.
public struct YearResults: Sendable {
  public var criteria: CriteriaSet
  /// Groups in order of first appearance in `units.csv`, units in rank order.
  public var groups: [Ranking.Group]
  /// Values that were accepted but look wrong (W-… codes), from reading and from scoring.
  public var warnings: [Diagnostic]
  /// The files the year was read from, in the order read.
  public var inputs: [InputSummary]

  public init(criteria: CriteriaSet, groups: [Ranking.Group], warnings: [Diagnostic] = [], inputs: [InputSummary] = []) {
    (self.criteria, self.groups, self.warnings, self.inputs) = (criteria, groups, warnings, inputs)
  }

  /// Every unit, group by group, in rank order.
  public var rankedUnits: [UnitScore] { groups.flatMap(\.units) }

  /// The unit with `id`, if any.
  public func unit(_ id: String) -> UnitScore? { rankedUnits.first { $0.unit.id == id } }
}

