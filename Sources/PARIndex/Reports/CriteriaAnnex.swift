/// A criteria set as the annex of the decision it comes from (`parindex criteria show`): the
/// tree with maxima and totals per field, each leaf's scoring rule in Vietnamese words, whether
/// it needs evidence and what happens when it does not apply, then the survey, the bands and the
/// caps — for a council to publish and to proofread against the decision.
public enum CriteriaAnnex {
  /// One row of the annex.
  public struct Row: Sendable, Hashable {
    /// 0 for a field.
    public var depth: Int
    /// The node's code.
    public var code: String
    /// The node's title.
    public var title: String
    /// The node's maximum, in Vietnamese notation (`1,5`).
    public var maxPoints: String
    /// How the leaf is scored, in words; empty for a field or criterion.
    public var rule: String
    /// `Bắt buộc` or `Không`; empty for a field or criterion.
    public var evidence: String
    /// What happens when the leaf does not apply; empty for a field or criterion.
    public var notApplicable: String
  }

  /// The annex's rows, depth first.
  public static func rows(_ set: CriteriaSet) -> [Row] {
    set.allNodes.map { node, depth in
      guard let rule = node.rule else {
        return Row(
          depth: depth, code: node.code, title: node.title, maxPoints: number(node.maxPoints), rule: "", evidence: "",
          notApplicable: "")
      }
      return Row(
        depth: depth, code: node.code, title: node.title, maxPoints: number(node.maxPoints),
        rule: wording(rule, node: node, set: set),
        evidence: node.evidence == .required && set.evidencePolicy == .required ? "Bắt buộc" : "Không",
        notApplicable: notApplicable(node.notApplicable))
    }
  }

  /// `1,5` — a number as a Vietnamese annex writes it (no trailing zeros).
  static func number(_ value: FixedDecimal) -> String { value.description.replacingDot }

  static func points(_ value: FixedDecimal) -> String { "\(number(value)) điểm" }

  /// The leaf's rule in words: `Từ 98% trở lên: 1 điểm; trên 90% đến dưới 98%: 0,5 điểm; dưới 90%: 0 điểm`.
  public static func wording(_ rule: Rule, node: CriteriaNode, set: CriteriaSet) -> String {
    let max = node.maxPoints
    switch rule {
    case .check:
      return "Có (đạt): \(points(max)); không: 0 điểm"
    case .choice(let options):
      return options.map { "\($0.label): \(points($0.points))" }.joined(separator: "; ")
    case .tiers(let tiers):
      let lowered = node.title.lowercased()
      let unit = lowered.contains("tỷ lệ") || lowered.contains("%") ? "%" : ""
      var parts: [String] = []
      for (position, tier) in tiers.enumerated() {
        let lower = "\(tier.isStrict ? "trên" : "từ") \(number(tier.threshold))\(unit)"
        if position == 0 {
          parts.append(
            "\(tier.isStrict ? "Trên \(number(tier.threshold))\(unit)" : "Từ \(number(tier.threshold))\(unit) trở lên"): \(points(tier.points))"
          )
        } else {
          let above = tiers[position - 1]
          let upper = "\(above.isStrict ? "đến" : "đến dưới") \(number(above.threshold))\(unit)"
          parts.append("\(lower) \(upper): \(points(tier.points))")
        }
      }
      if let last = tiers.last, !(last.threshold == .zero && !last.isStrict) {
        parts.append(
          "\(last.isStrict ? "từ \(number(last.threshold))\(unit) trở xuống" : "dưới \(number(last.threshold))\(unit)"): 0 điểm"
        )
      }
      return parts.joined(separator: "; ")
    case .proportional(let target, let zeroBelow):
      var text =
        "Đạt từ \(number(target))% trở lên: \(points(max)); thấp hơn: \(number(max)) × tỷ lệ đạt / \(number(target))%"
      if let zeroBelow { text += "; dưới \(number(zeroBelow))%: 0 điểm" }
      return text
    case .deadline(let due, let latePoints, let lateUntil):
      var text = "Đúng hạn (đến hết ngày \(due)): \(points(max)); trễ hạn: \(points(latePoints))"
      if let lateUntil { text += " nếu đến hết ngày \(lateUntil), sau đó: 0 điểm" }
      return text + "; không thực hiện: 0 điểm"
    case .deduction(let perItem, let floor):
      return "\(points(max)), mỗi trường hợp trừ \(points(perItem)), thấp nhất \(points(floor))"
    case .survey(let group):
      let title = set.survey?.group(group)?.title ?? group
      return "Theo kết quả điều tra xã hội học \"\(title)\": \(number(max)) × tỷ lệ hài lòng"
    case .manual(let step):
      return "Hội đồng thẩm định chấm, từ 0 đến \(points(max)), bước \(number(step))"
    }
  }

  static func notApplicable(_ policy: CriteriaNode.NotApplicablePolicy) -> String {
    switch policy {
    case .exclude: "Không tính vào điểm tối đa"
    case .full: "Tính đủ điểm"
    case .forbidden: "Không áp dụng (phải chấm)"
    }
  }

  /// The bands in words: `Xuất sắc: từ 90% trở lên; Tốt: từ 80% đến dưới 90%; …`.
  static func bands(_ set: CriteriaSet) -> String {
    set.classification.enumerated().map { position, band in
      let lower = band.minIndex == .zero ? "dưới" : "từ \(number(band.minIndex))%"
      if position == 0 { return "\(band.label): từ \(number(band.minIndex))% trở lên" }
      let upper = number(set.classification[position - 1].minIndex)
      return band.minIndex == .zero ? "\(band.label): \(lower) \(upper)%" : "\(band.label): \(lower) đến dưới \(upper)%"
    }.joined(separator: "; ")
  }

  /// The set's header lines: status, source, scale, rounding.
  static func headerLines(_ set: CriteriaSet) -> [String] {
    var lines = [
      "Mã bộ tiêu chí: \(set.id) · năm \(set.year) · \(set.level == .commune ? "UBND cấp xã" : "sở, ban, ngành")",
      set.status == .official
        ? "Căn cứ: \(set.source)" : "Bộ tiêu chí mô phỏng (không phải văn bản chính thức): \(set.source)",
      "Thang điểm: \(number(set.scale)) · điểm làm tròn \(set.pointsPlaces) chữ số thập phân, chỉ số \(set.indexPlaces)",
    ]
    if set.evidencePolicy == .none { lines.append("Không kiểm tra tài liệu kiểm chứng.") }
    return lines
  }

  /// The closing lines: survey, bands, caps.
  static func closingLines(_ set: CriteriaSet) -> [String] {
    var lines: [String] = []
    if let survey = set.survey {
      lines.append(
        "Điều tra xã hội học — thang trả lời: "
          + survey.scale.map { "\($0.answer) = \(number($0.percent))%" }.joined(separator: ", "))
      for group in survey.groups {
        lines.append("Nhóm \"\(group.title)\" (\(group.key)): câu hỏi \(group.questions.joined(separator: ", "))")
      }
      if let minimum = survey.minResponses { lines.append("Số phiếu tối thiểu mỗi đơn vị: \(minimum)") }
    }
    lines.append("Xếp loại: " + bands(set))
    if let caps = set.adjustmentCaps {
      lines.append("Điểm thưởng tối đa: \(points(caps.bonusCap)); điểm trừ tối đa: \(points(caps.penaltyCap))")
    }
    return lines
  }

  // MARK: Renderings

  /// The annex as plain text.
  public static func text(_ set: CriteriaSet) -> String {
    var text = set.title + "\n" + headerLines(set).joined(separator: "\n") + "\n\n"
    var table = TextTable(
      headers: ["Mã", "Nội dung", "Tối đa", "Cách chấm", "TLKC", "Không phát sinh"],
      alignments: [.left, .left, .right, .left, .left, .left])
    for row in rows(set) {
      table.rows.append([
        String(repeating: "  ", count: row.depth) + row.code, row.title, row.maxPoints, row.rule, row.evidence,
        row.notApplicable,
      ])
    }
    text += table.rendered()
    text +=
      "Tổng: \(number(set.scale)) điểm ("
      + set.items.map { "\($0.code): \(number($0.maxPoints))" }.joined(separator: ", ") + ")\n\n"
    return text + closingLines(set).joined(separator: "\n") + "\n"
  }

  /// The annex as Markdown.
  public static func markdown(_ set: CriteriaSet) -> String {
    func cell(_ text: String) -> String { MarkdownReport.cell(text) }
    var text = "# \(cell(set.title))\n\n" + headerLines(set).map { "- \(cell($0))" }.joined(separator: "\n") + "\n\n"
    text += "| Mã | Nội dung | Điểm tối đa | Cách chấm | Tài liệu kiểm chứng | Không phát sinh |\n"
    text += "|---|---|--:|---|---|---|\n"
    for row in rows(set) {
      let code = row.depth == 0 ? "**\(cell(row.code))**" : cell(row.code)
      let title = row.depth == 0 ? "**\(cell(row.title))**" : cell(row.title)
      text += "| \(code) | \(title) | \(row.maxPoints) | \(cell(row.rule)) | \(row.evidence) | \(row.notApplicable) |\n"
    }
    text += "| | **Tổng** | **\(number(set.scale))** | | | |\n\n"
    return text + closingLines(set).map { "- \(cell($0))" }.joined(separator: "\n") + "\n"
  }

  /// The annex as one self-contained HTML page.
  public static func html(_ set: CriteriaSet) -> String {
    var body = "<h1>\(HTML.escape(set.title))</h1>\n"
    body += headerLines(set).map { "<p class=\"meta\">\(HTML.escape($0))</p>\n" }.joined()
    body += "<table>\n<thead><tr><th>Mã</th><th>Nội dung</th><th class=\"n\">Điểm tối đa</th><th>Cách chấm</th>"
    body += "<th>Tài liệu kiểm chứng</th><th>Không phát sinh</th></tr></thead>\n<tbody>\n"
    for row in rows(set) {
      let rowClass = row.rule.isEmpty ? (row.depth == 0 ? " class=\"field\"" : " class=\"criterion\"") : ""
      body += "<tr\(rowClass)><td class=\"d\(min(row.depth, 3))\">\(HTML.escape(row.code))</td>"
      body += "<td>\(HTML.escape(row.title))</td><td class=\"n\">\(row.maxPoints)</td><td>\(HTML.escape(row.rule))</td>"
      body += "<td>\(row.evidence)</td><td>\(row.notApplicable)</td></tr>\n"
    }
    body +=
      "<tr class=\"field\"><td></td><td>Tổng</td><td class=\"n\">\(number(set.scale))</td><td></td><td></td><td></td></tr>\n"
    body += "</tbody>\n</table>\n"
    body += "<ul>\n" + closingLines(set).map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
    return HTML.page(title: set.title, body: body)
  }
}
