/// An `assessment.csv` to fill in (`parindex template`): one row per self-assessed leaf, with
/// the leaf's title, maximum, what value it expects and whether evidence is required in `x_`
/// columns, which the loader ignores. Survey leaves are not listed: they are not self-scored.
public enum AssessmentTemplate {
  /// The template for `criteria`, its `unit_id` column filled with `unitID` (empty by default),
  /// written in `dialect`.
  public static func render(_ criteria: CriteriaSet, unitID: String = "", dialect: CSVWriter.Dialect = .plain) -> String
  {
    var writer = CSVWriter(dialect: dialect)
    writer.row([
      "unit_id", "code", "value", "points", "evidence", "note", "x_tieu_chi", "x_diem_toi_da", "x_gia_tri_can_ghi",
      "x_tai_lieu_kiem_chung",
    ])
    let explanation = Explanation(criteria: criteria)
    for leaf in criteria.leaves {
      if case .survey? = leaf.rule { continue }
      var expects = expectation(leaf, explanation)
      if leaf.notApplicable != .forbidden {
        expects +=
          leaf.notApplicable == .exclude
          ? "; ghi KPS nếu không phát sinh (không tính vào điểm tối đa)"
          : "; ghi KPS nếu không phát sinh (được tính đủ điểm)"
      }
      let evidence = criteria.evidencePolicy == .required && leaf.evidence == .required ? "bắt buộc" : "không bắt buộc"
      writer.row([
        unitID, leaf.code, "", "", "", "", leaf.title, writer.number(leaf.maxPoints, places: criteria.pointsPlaces),
        expects, evidence,
      ])
    }
    return writer.output
  }

  /// What value the leaf expects, in Vietnamese.
  static func expectation(_ leaf: CriteriaNode, _ explanation: Explanation) -> String {
    let points = explanation.points
    let number = explanation.number
    switch leaf.rule {
    case .check?: return "có / không"
    case .choice(let options)?:
      return "một trong: "
        + options.map { "\($0.key) = \($0.label) (\(points($0.points)) điểm)" }.joined(separator: "; ")
    case .tiers(let tiers)?:
      return "số, tỷ lệ % (95%) hoặc a/b (190/200); bậc: "
        + tiers.map { "\(explanation.bound($0)) → \(points($0.points))" }.joined(separator: "; ") + "; thấp hơn → 0"
    case .proportional(let target, let zeroBelow)?:
      var text = "tỷ lệ % từ 0 đến 100 hoặc a/b; đạt \(number(target)) % trở lên: tối đa"
      if let zeroBelow { text += "; dưới \(number(zeroBelow)) %: 0 điểm" }
      return text
    case .deadline(let due, let late, let lateUntil)?:
      var text =
        "ngày thực hiện dd/mm/yyyy (hạn \(due)), hoặc “không” nếu chưa thực hiện; trễ hạn: \(points(late)) điểm"
      if let lateUntil { text += " đến \(lateUntil)" }
      return text
    case .deduction(let perItem, let floor)?:
      return "số lần phát sinh (0, 1, 2…); trừ \(points(perItem)) điểm mỗi lần, thấp nhất \(points(floor))"
    case .manual(let step)?:
      return "điểm từ 0 đến \(points(leaf.maxPoints)), bước \(number(step)) (Hội đồng thẩm định chấm)"
    case .survey?, nil:
      return ""
    }
  }
}
