/// How a leaf's points came about (docs/FORMATS.md §3 `status`).
public enum LeafStatus: String, Sendable, Hashable {
  /// The rule scored a value, or accepted points given alone.
  case scored
  /// Không phát sinh: excluded from the maximum or given full points, as the leaf's policy says.
  case notApplicable = "not_applicable"
  /// No row for the leaf: 0 points, and its maximum still counts.
  case missing
  /// Evidence required but absent or unknown: 0 points.
  case noEvidence = "no_evidence"

  /// What a report says: `đã chấm` / `scored`, `THIẾU số liệu` / `missing` …
  public func label(_ language: Language = .vietnamese) -> String {
    switch self {
    case .scored: language.pick(vi: "đã chấm", en: "scored")
    case .notApplicable: language.pick(vi: "không phát sinh", en: "not applicable")
    case .missing: language.pick(vi: "THIẾU số liệu", en: "missing")
    case .noEvidence: language.pick(vi: "THIẾU tài liệu kiểm chứng", en: "no evidence")
    }
  }
}

/// Who set a leaf's value (docs/FORMATS.md §3 `source`).
public enum ScoreSource: String, Sendable, Hashable {
  /// Thẩm định: a row of the council's appraisal decided.
  case appraisal
  /// Tự chấm: the unit's own assessment row decided.
  case selfAssessment = "self"
  /// Điều tra xã hội học: the survey answers gave the value.
  case survey

  /// `tự chấm` / `self-assessment`, `thẩm định` / `appraisal`, `điều tra XHH` / `survey`.
  public func label(_ language: Language = .vietnamese) -> String {
    switch self {
    case .selfAssessment: language.pick(vi: "tự chấm", en: "self-assessment")
    case .appraisal: language.pick(vi: "thẩm định", en: "appraisal")
    case .survey: language.pick(vi: "điều tra XHH", en: "survey")
    }
  }
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

  /// The flag for a reader, with its numbers: `tự chấm 1,50 điểm, khác điểm tính` …
  public func label(_ language: Language = .vietnamese, places: Int = 2) -> String {
    switch self {
    case .mismatch(let claimed):
      let vi = "tự ghi \(claimed.formatted(places: places, decimalSeparator: ",")) điểm, khác điểm tính theo giá trị"
      return language.pick(vi: vi, en: "claimed \(claimed.formatted(places: places)) points, not what the value gives")
    case .fewResponses(let respondents, let minimum):
      return language.pick(
        vi: "điều tra chỉ có \(respondents) phiếu (tối thiểu \(minimum))",
        en: "only \(respondents) respondents (minimum \(minimum))")
    }
  }
}

/// The score of one leaf (tiêu chí thành phần) for one unit, with everything that explains it.
public struct LeafScore: Sendable, Hashable {
  /// The leaf's code.
  public internal(set) var code: String
  /// Rounded points earned.
  public internal(set) var points: FixedDecimal
  /// The leaf's maximum (maxPoints), whether or not it applies.
  public internal(set) var maxPoints: FixedDecimal
  /// False when the leaf is not applicable and excluded: its maximum leaves the unit's.
  public internal(set) var isApplicable: Bool
  /// Scored, not applicable, missing or without evidence.
  public internal(set) var status: LeafStatus
  /// Who set the value; `nil` when the leaf is missing.
  public internal(set) var source: ScoreSource?
  /// Why the leaf got its points: the rule's branch and the value it decided on.
  public internal(set) var reasoning: Reasoning
  /// What a reader should notice (claimed points that differ, too few survey respondents).
  public internal(set) var flags: [LeafFlag]
  /// The row that decided (appraisal or self-assessment).
  public internal(set) var decidingEntry: LeafEntry?
  /// The unit's own row, also when an appraisal overrode it.
  public internal(set) var selfEntry: LeafEntry?
  /// The evidence documents the self-assessment cited and `evidence.csv` holds.
  public internal(set) var evidence: [EvidenceDocument]
  /// What the unit's own row scores, evidence policy included (điểm tự chấm); `nil` without
  /// a usable self row. Equals ``points`` unless an appraisal decided.
  public internal(set) var selfPoints: FixedDecimal?
  /// How the points came about, step by step, for a leaf that was appraised or explained:
  /// the self-assessment (or survey), each round's appraisal, each explanation after the round it
  /// answers. Empty for a leaf the unit's own row (or the survey) alone decided.
  public internal(set) var history: [LeafHistoryStep] = []

  /// The maximum that counts towards the unit's maximum (0 when excluded).
  public var applicableMax: FixedDecimal { isApplicable ? maxPoints : .zero }

  /// The points the unit did not earn on an applicable leaf (0 when excluded).
  public var lostPoints: FixedDecimal { applicableMax - min(points, applicableMax) }

  /// Points claimed in the deciding row that differ from the computed ones, if any.
  public var claimedMismatch: FixedDecimal? {
    for case .mismatch(let claimed) in flags { return claimed }
    return nil
  }

  /// The council's reason when an appraisal row decided.
  public var appraisalReason: String? { source == .appraisal ? decidingEntry?.remark : nil }
}
