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
