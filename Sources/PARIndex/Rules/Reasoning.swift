/// Why a leaf got its points: which branch of which rule, on which value. Reports turn this
/// into sentences (`explain`); it is data so an embedding program can render its own.
public enum Reasoning: Sendable, Hashable {
  /// Points were given without a value and accepted as a value the rule can produce.
  case pointsGiven
  /// `check`: yes or no.
  case check(isYes: Bool)
  /// `choice`: the option chosen.
  case choice(ChoiceOption)
  /// `tiers`: the value, the tier met (or none) and the next tier up (what would earn more).
  case tiers(value: PercentageValue, met: Tier?, nextUp: Tier?)
  /// `proportional`: the value against the target.
  case proportional(
    value: PercentageValue, target: FixedDecimal, zeroBelow: FixedDecimal?, outcome: ProportionalOutcome)
  /// `deadline`: the date (nil when the task was not done) against the due date.
  case deadline(date: CalendarDate?, due: CalendarDate, lateUntil: CalendarDate?, outcome: DeadlineOutcome)
  /// `deduction`: the count of items deducted.
  case deduction(count: Int, perItem: FixedDecimal, floor: FixedDecimal, hitFloor: Bool)
  /// `survey`: the group's weighted mean from the survey.
  case survey(group: String, percent: Fraction, answers: Int, respondents: Int)
  /// `survey`: the percentage given in an appraisal row (a published result).
  case surveyGiven(group: String, value: PercentageValue)
  /// `manual`: the points given.
  case manual(step: FixedDecimal)
  /// Not applicable, with the leaf's policy.
  case notApplicable(CriteriaNode.NotApplicablePolicy)
  /// No row for the leaf (or no survey answers).
  case missing
  /// Evidence required but absent, or naming ids not in `evidence.csv`.
  case noEvidence(unknownIDs: [String])

  /// Which branch of a `proportional` rule the value took.
  public enum ProportionalOutcome: String, Sendable, Hashable {
    /// At or above the target: the maximum.
    case atTarget
    /// Below `zeroBelow`: 0 points.
    case belowZeroThreshold
    /// Between: maximum × value / target, rounded once.
    case partial
  }

  /// Which branch of a `deadline` rule the date took.
  public enum DeadlineOutcome: String, Sendable, Hashable {
    /// Đúng hạn: on or before the due date, the maximum.
    case onTime
    /// Trễ hạn: after the due date (and not after `lateUntil`), the late points.
    case late
    /// After `lateUntil`: 0 points.
    case tooLate
    /// Not done (a no word as the value): 0 points.
    case notDone
  }
}
