/// How a leaf turns a unit's value into points (docs/FORMATS.md §1, rules).
public enum Rule: Sendable, Hashable {
  /// Yes → the maximum, no → 0.
  case check
  /// The chosen option's points.
  case choice([ChoiceOption])
  /// The points of the first tier met, highest threshold first; none met → 0.
  case tiers([Tier])
  /// p ≥ target → maximum; below `zeroBelow` → 0; else maximum × p / target.
  case proportional(target: FixedDecimal, zeroBelow: FixedDecimal?)
  /// On or before `due` → maximum; later → `latePoints`; after `lateUntil` (when set) → 0.
  case deadline(due: CalendarDate, latePoints: FixedDecimal, lateUntil: CalendarDate?)
  /// Maximum − n × `perItem`, not below `floor`.
  case deduction(perItem: FixedDecimal, floor: FixedDecimal)
  /// Maximum × p / 100, p from the named survey group.
  case survey(group: String)
  /// Points as given, within [0, maximum], a multiple of `step`.
  case manual(step: FixedDecimal)

  /// The rule's name as written in criteria files.
  public var typeName: String {
    switch self {
    case .check: "check"
    case .choice: "choice"
    case .tiers: "tiers"
    case .proportional: "proportional"
    case .deadline: "deadline"
    case .deduction: "deduction"
    case .survey: "survey"
    case .manual: "manual"
    }
  }
}

/// One option of a `choice` rule (mức độ).
public struct ChoiceOption: Sendable, Hashable {
  /// What the unit writes as its value, matched exactly after NFC normalisation.
  public var key: String
  /// What the option means, in words, for explanations and the assessment template.
  public var label: String
  /// The points a unit that chose the option gets.
  public var points: FixedDecimal

  /// An option as written; the leaf that holds it checks it against its maximum.
  public init(key: String, label: String, points: FixedDecimal) {
    (self.key, self.label, self.points) = (key, label, points)
  }
}

/// One tier (bậc) of a `tiers` rule.
public struct Tier: Sendable, Hashable {
  /// The bound the value is compared with (`atLeast` or `above`), in percent as the value is read.
  public var threshold: FixedDecimal
  /// `above` (strictly greater) rather than `atLeast`.
  public var isStrict: Bool
  /// The points of a unit whose value meets this tier, the first it meets from the top.
  public var points: FixedDecimal

  /// A tier as written; the leaf that holds it checks the tiers together.
  public init(threshold: FixedDecimal, isStrict: Bool, points: FixedDecimal) {
    (self.threshold, self.isStrict, self.points) = (threshold, isStrict, points)
  }

  /// Whether `value` meets this tier, compared exactly.
  public func isMet(by value: Fraction) -> Bool {
    isStrict ? value > threshold.fraction : value >= threshold.fraction
  }

  /// `≥ 98` or `> 90`, for explanations.
  public var boundText: String { (isStrict ? "> " : "≥ ") + threshold.description }
}
