/// Vietnamese labels used by the reports for people.
enum Labels {
  static func status(_ leaf: LeafScore) -> String {
    switch leaf.status {
    case .scored: ""
    case .notApplicable: leaf.isApplicable ? "không phát sinh (tính đủ điểm)" : "không phát sinh (không tính)"
    case .missing: "THIẾU số liệu"
    case .noEvidence: "THIẾU tài liệu kiểm chứng"
    }
  }

  static func source(_ source: ScoreSource?) -> String { source?.label(.vietnamese) ?? "" }

  static func points(_ value: FixedDecimal, _ places: Int) -> String {
    value.formatted(places: places, decimalSeparator: ",")
  }
}
