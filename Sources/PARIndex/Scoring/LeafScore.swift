/// How a leaf's points came about (docs/FORMATS.md §3 `status`).
public enum LeafStatus: String, Sendable, Hashable {
  case scored
  case notApplicable = "not_applicable"
  /// No row for the leaf: 0 points, and its maximum still counts.
  case missing
  /// Evidence required but absent or unknown: 0 points.
  case noEvidence = "no_evidence"
}

/// Who set a leaf's value (docs/FORMATS.md §3 `source`).
public enum ScoreSource: String, Sendable, Hashable {
  case appraisal
  case selfAssessment = "self"
  case survey
}

/// Something worth a reader's attention that does not change the rules applied.
public enum LeafFlag: Sendable, Hashable {
  /// The row claimed other points than its value gives; the computed points count.
  case mismatch(claimed: FixedDecimal)
  /// The survey had fewer respondents for the unit than the set's `minResponses`.
  case fewResponses(respondents: Int, minimum: Int)

  /// The flag's name in JSON output.
  public var name: String {
    switch self {
    case .mismatch: "mismatch"
    case .fewResponses: "few_responses"
    }
  }
}

/// The score of one leaf (tiêu chí thành phần) for one unit, with everything that explains it.
public struct LeafScore: Sendable, Hashable {
  /// The leaf's code.
  public var code: String
  /// Rounded points earned.
  public var points: FixedDecimal
  /// The leaf's maximum (maxPoints), whether or not it applies.
  public var maxPoints: FixedDecimal
  /// False when the leaf is not applicable and excluded: its maximum leaves the unit's.
  public var isApplicable: Bool
  public var status: LeafStatus
  /// Who set the value; `nil` when the leaf is missing.
  public var source: ScoreSource?
  public var reasoning: Reasoning
  public var flags: [LeafFlag]
  /// The row that decided (appraisal or self-assessment).
  public var decidingEntry: LeafEntry?
  /// The unit's own row, also when an appraisal overrode it.
  public var selfEntry: LeafEntry?
  /// The evidence documents the self-assessment cited and `evidence.csv` holds.
  public var evidence: [EvidenceDocument]
  /// What the unit's own row scores, evidence policy included (điểm tự chấm); `nil` without
  /// a usable self row. Equals ``points`` unless an appraisal decided.
  public var selfPoints: FixedDecimal?

  /// The maximum that counts towards the unit's maximum (0 when excluded).
  public var applicableMax: FixedDecimal { isApplicable ? maxPoints : .zero }

  /// Points claimed in the deciding row that differ from the computed ones, if any.
  public var claimedMismatch: FixedDecimal? {
    for case .mismatch(let claimed) in flags { return claimed }
    return nil
  }

  /// The council's reason when an appraisal row decided.
  public var appraisalReason: String? { source == .appraisal ? decidingEntry?.remark : nil }
}
