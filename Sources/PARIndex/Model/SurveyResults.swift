/// The survey aggregated per unit and group: exact weighted sums, counts of answers and of
/// respondents. Memory grows with units × groups, not with the number of answers. Read-only
/// outside this package.
public struct SurveyResults: Sendable {
  /// One unit's tally for one group.
  public struct Tally: Sendable, Hashable {
    /// Σ weight × percent, in millionths × millionths.
    public package(set) var weightedSum: Int128 = 0
    /// Σ weight, in millionths.
    public package(set) var weightSum: Int128 = 0
    /// How many answers were counted.
    public package(set) var answers = 0

    /// An empty tally, to which the survey reader adds answers.
    package init() {}

    /// Counts one answer: weight × percent and its weight.
    mutating func add(weighted: Int128, weight: Int128) {
      weightedSum += weighted
      weightSum += weight
      answers += 1
    }

    /// The weighted mean percentage, exact; `nil` without answers.
    public var percent: Fraction? {
      weightSum > 0 ? Fraction(weightedSum, weightSum * Int128(FixedDecimal.unitsPerOne)).reduced() : nil
    }
  }

  /// Tallies by unit id, then group key.
  public package(set) var tallies: [String: [String: Tally]]
  /// Distinct respondents by unit id.
  public package(set) var respondents: [String: Int]

  /// No answers. Results with answers come from reading a survey file (``SurveyAggregator``,
  /// ``YearLoader``), where every answer is checked.
  public init() { (tallies, respondents) = ([:], [:]) }

  /// Results from tallies already made, unchecked (for code of this package, such as tests).
  package init(tallies: [String: [String: Tally]], respondents: [String: Int] = [:]) {
    (self.tallies, self.respondents) = (tallies, respondents)
  }

  /// The tally of `group` for `unitID`, if it has answers.
  public func tally(unit unitID: String, group: String) -> Tally? { tallies[unitID]?[group] }
}

extension SurveyResults {
  /// Two surveys share a unit, so their respondents cannot be added up.
  public struct UnitInBothParts: Error, Sendable, Hashable {
    /// The unit both surveys hold answers for.
    public let unitID: String
  }

  /// These results and `other`'s as one, for surveys of disjoint units — say one file per
  /// province, each aggregated on its own machine or at its own time — exactly what aggregating
  /// all the answers in one file would give: the tallies are exact integer sums and a unit's
  /// respondents are all in one part.
  /// - Throws: ``UnitInBothParts`` when a unit has answers in both (its respondents might be
  ///   counted twice: aggregate its answers together instead).
  public func merging(_ other: SurveyResults) throws(UnitInBothParts) -> SurveyResults {
    var merged = self
    for unitID in other.tallies.keys.sorted() where tallies[unitID] != nil || respondents[unitID] != nil {
      throw UnitInBothParts(unitID: unitID)
    }
    for unitID in other.respondents.keys.sorted() where respondents[unitID] != nil {
      throw UnitInBothParts(unitID: unitID)
    }
    for (unitID, groups) in other.tallies { merged.tallies[unitID] = groups }
    for (unitID, count) in other.respondents { merged.respondents[unitID] = count }
    return merged
  }
}
