/// The year's report for the appraisal council (Hội đồng thẩm định): one self-contained HTML
/// file with, per group, the ranking with field columns, the distribution of classes, a
/// field-by-unit heat map of field indices, the data problems, and every unit's scorecard
/// with its improvement list. No network, no external files, no timestamps.
public enum CouncilReport {
  /// The report as one HTML document.
  ///
  /// - Parameter results: the year, ranked with every leaf's score.
  /// - Parameter extraSections: further sections (title, HTML), e.g. sensitivity or comparison.
  /// - Parameter manifest: the files the year was read from, with their SHA-256, listed in the
  ///   data section and embedded for `parindex verify`.
  /// - Parameter scorecards: how much of each unit's scorecard to show: only the leaves that lost
  ///   points (the default, about a page per unit printed), the whole tree, or none.
  public static func render(
    _ results: YearResults, extraSections: [(title: String, html: String)] = [], manifest: Manifest? = nil,
    scorecards: ScorecardHTML.Detail = .losses
  ) -> String {
    let criteria = results.criteria
    var body = "<h1>Báo cáo kết quả Chỉ số cải cách hành chính năm \(criteria.year)</h1>\n"
    body += "<p class=\"meta\">\(HTML.escape(criteria.title)) · bộ tiêu chí <code>\(HTML.escape(criteria.id))</code> · "
    body += "\(results.rankedUnits.count) đơn vị trong \(results.groups.count) khối</p>\n"
    if criteria.status == .modelled {
      body +=
        "<p class=\"modelled\"><strong>Bộ tiêu chí mô phỏng</strong> — \(HTML.escape(criteria.source))</p>\n"
    } else {
      body += "<p class=\"meta\">Căn cứ: \(HTML.escape(criteria.source))</p>\n"
    }
    body +=
      "<h2>1. Xếp hạng theo khối</h2>\n" + fieldLegend(criteria) + results.groups.map { ranking($0, criteria) }.joined()
    body += "<h2>2. Phân bố xếp loại</h2>\n" + distribution(results)
    body += "<h2>3. Chỉ số thành phần theo lĩnh vực</h2>\n" + heatMap(results)
    body += "<h2>4. Vấn đề về số liệu</h2>\n" + dataProblems(results) + RoundsHTML.section(results)
    body += warnings(results) + inputs(results) + (manifest.map { ManifestReport.html($0) } ?? "")
    for (number, section) in extraSections.enumerated() {
      body += "<h2>\(5 + number). \(HTML.escape(section.title))</h2>\n" + section.html
    }
    if scorecards != .none {
      let what = scorecards == .losses ? " (các tiêu chí bị mất điểm)" : ""
      body += "<h2 class=\"part\">\(5 + extraSections.count). Phiếu điểm từng đơn vị\(what)</h2>\n"
      // On every core: a country's scorecards are most of the report's work.
      let units = results.rankedUnits
      body += Parallel.map(units.count) {
        ScorecardHTML.section(
          Scorecard(units[$0], in: results, explaining: scorecards == .full), criteria, detail: scorecards)
      }.joined(separator: "\n")
    }
    return HTML.page(title: "Chỉ số CCHC \(criteria.year) — \(criteria.title)", body: body)
  }

  /// A standalone page of sections, ending with the manifests of the years it came from (the
  /// first is the one `parindex verify` reads; a second is the previous year's).
  public static func page(
    title: String, sections: [(title: String, html: String)], manifests: [Manifest] = []
  ) -> String {
    let trail = manifests.enumerated().map { index, manifest in
      index == 0 ? ManifestReport.html(manifest) : ManifestReport.previousYearHTML(manifest)
    }
    return HTML.page(
      title: title,
      body: "<h1>\(HTML.escape(title))</h1>\n"
        + sections.map { "<h2>\(HTML.escape($0.title))</h2>\n" + $0.html }.joined() + trail.joined())
  }

  /// What the short field codes of the tables stand for: `LV1` Công tác chỉ đạo… (10,00 điểm).
  static func fieldLegend(_ criteria: CriteriaSet) -> String {
    let items = criteria.items.map {
      "<li><strong>LV\(HTML.escape($0.code))</strong> \(HTML.escape($0.title)) (\(Labels.points($0.maxPoints, criteria.pointsPlaces)) điểm)</li>"
    }
    return "<ul class=\"fields\">\n" + items.joined(separator: "\n") + "\n</ul>\n"
  }

  static func ranking(_ group: Ranking.Group<UnitScore>, _ criteria: CriteriaSet) -> String {
    let places = criteria.pointsPlaces
    var html =
      "<h3>Khối \(HTML.escape(group.name)) (\(group.units.count) đơn vị)</h3>\n<table>\n<tr><th class=\"n\">Hạng</th><th>Mã</th><th>Đơn vị</th>"
    html += criteria.items.map { "<th class=\"n\" title=\"\(HTML.escape($0.title))\">LV\(HTML.escape($0.code))</th>" }
      .joined()
    html +=
      "<th class=\"n\">Tổng</th><th class=\"n\">Tối đa</th><th class=\"n\">Chỉ số %</th><th class=\"class\">Xếp loại</th></tr>\n"
    for unit in group.units {
      html +=
        "<tr><td class=\"n\">\(unit.rank)</td><td><a href=\"#unit-\(HTML.escape(unit.unit.id))\">\(HTML.escape(unit.unit.id))</a></td><td>\(HTML.escape(unit.unit.name))</td>"
      html += unit.fieldPoints.map { "<td class=\"n\">\(Labels.points($0, places))</td>" }.joined()
      html +=
        "<td class=\"n\">\(Labels.points(unit.total, places))</td><td class=\"n\">\(Labels.points(unit.maxPoints, places))</td>"
      html +=
        "<td class=\"n\"><strong>\(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ","))</strong></td><td class=\"class\">\(HTML.escape(unit.classLabel))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// Horizontal bars per group and class, as inline SVG (integer geometry).
  static func distribution(_ results: YearResults) -> String {
    let bands = results.criteria.classification
    var html = ""
    for group in results.groups {
      let counts = bands.map { band in group.units.filter { $0.classLabel == band.label }.count }
      let largest = max(counts.max() ?? 1, 1)
      let rowHeight = 22
      let height = rowHeight * bands.count + 6
      html += "<h3>Khối \(HTML.escape(group.name))</h3>\n"
      html +=
        "<svg width=\"560\" height=\"\(height)\" viewBox=\"0 0 560 \(height)\" role=\"img\" aria-label=\"Phân bố xếp loại khối \(HTML.escape(group.name))\">\n"
      for (position, band) in bands.enumerated() {
        let y = position * rowHeight + 4
        let width = counts[position] * 300 / largest
        html +=
          "<text x=\"0\" y=\"\(y + 14)\" font-size=\"12\">\(HTML.escape(band.label)) (≥ \(band.minIndex.description.replacingDot))</text>"
        html += "<rect x=\"170\" y=\"\(y)\" width=\"\(width)\" height=\"16\" fill=\"#0b5394\"></rect>"
        html += "<text x=\"\(176 + width)\" y=\"\(y + 13)\" font-size=\"12\">\(counts[position])</text>\n"
      }
      html += "</svg>\n"
    }
    return html
  }

  /// Field index = field points / field's applicable maximum × 100, rounded to whole percent,
  /// coloured by tens.
  static func heatMap(_ results: YearResults) -> String {
    let criteria = results.criteria
    var html =
      "<p class=\"legend\"><span class=\"h9\">≥ 90</span><span class=\"h8\">80–89</span><span class=\"h7\">70–79</span><span class=\"h6\">60–69</span><span class=\"h5\">50–59</span><span class=\"h0\">&lt; 50</span><span class=\"hx\">không áp dụng</span></p>\n"
    html +=
      "<table class=\"heat\">\n<tr><th>Đơn vị</th>"
      + criteria.items.map { "<th title=\"\(HTML.escape($0.title))\">LV\(HTML.escape($0.code))</th>" }.joined()
      + "<th>Chỉ số</th></tr>\n"
    for group in results.groups {
      html += "<tr><th colspan=\"\(criteria.items.count + 2)\">Khối \(HTML.escape(group.name))</th></tr>\n"
      for unit in group.units {
        html += "<tr><td class=\"name\">\(unit.rank). \(HTML.escape(unit.unit.name))</td>"
        for item in criteria.items {
          guard let percent = unit.score.node(item.code)?.index(places: 0) else {
            html += "<td class=\"hx\">–</td>"
            continue
          }
          html += "<td class=\"\(heatClass(percent))\">\(percent.formatted(places: 0))</td>"
        }
        html +=
          "<td class=\"\(heatClass(unit.index))\"><strong>\(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ","))</strong></td></tr>\n"
      }
    }
    return html + "</table>\n"
  }

  static func heatClass(_ percent: FixedDecimal) -> String {
    switch percent {
    case FixedDecimal(90)...: "h9"
    case FixedDecimal(80)...: "h8"
    case FixedDecimal(70)...: "h7"
    case FixedDecimal(60)...: "h6"
    case FixedDecimal(50)...: "h5"
    default: "h0"
    }
  }

  /// Missing leaves, evidence gaps, self-score mismatches, few survey responses, and how much
  /// the appraisal changed each unit's leaf points.
  static func dataProblems(_ results: YearResults) -> String {
    let criteria = results.criteria
    let places = criteria.pointsPlaces
    var html =
      "<table>\n<tr><th>Đơn vị</th><th>Thiếu số liệu</th><th>Thiếu tài liệu kiểm chứng</th><th>Tự chấm lệch điểm tính</th><th>Điều tra ít phiếu</th><th class=\"n\">Thẩm định thay đổi</th></tr>\n"
    var anyProblem = false
    for unit in results.rankedUnits {
      let missing = unit.leaves.filter { $0.status == .missing }.map(\.code)
      let noEvidence = unit.leaves.filter { $0.status == .noEvidence }.map { leaf -> String in
        guard case .noEvidence(let unknown) = leaf.reasoning, !unknown.isEmpty else { return leaf.code }
        return "\(leaf.code) (\(unknown.joined(separator: ", ")) không có)"
      }
      let mismatches = unit.leaves.compactMap { leaf in
        leaf.claimedMismatch.map {
          "\(leaf.code): \(Labels.points($0, places)) → \(Labels.points(leaf.points, places))"
        }
      }
      let few = unit.leaves.flatMap { leaf in
        leaf.flags.compactMap { flag -> String? in
          guard case .fewResponses(let respondents, let minimum) = flag else { return nil }
          return "\(leaf.code): \(respondents)/\(minimum)"
        }
      }
      let changed = unit.leaves.filter { $0.source == .appraisal }.count
      guard !(missing.isEmpty && noEvidence.isEmpty && mismatches.isEmpty && few.isEmpty && changed == 0) else {
        continue
      }
      anyProblem = true
      let change = unit.appraisalChange
      let changeText = Labels.signed(change, places) + " (\(changed) tiêu chí)"
      html +=
        "<tr><td><a href=\"#unit-\(HTML.escape(unit.unit.id))\">\(HTML.escape(unit.unit.id))</a> \(HTML.escape(unit.unit.name))</td>"
      for list in [missing, noEvidence, mismatches, few] {
        html += "<td>\(HTML.escape(list.joined(separator: "; ")))</td>"
      }
      html += "<td class=\"n\">\(changed == 0 ? "" : HTML.escape(changeText))</td></tr>\n"
    }
    if !anyProblem { return "<p>Không có vấn đề về số liệu.</p>\n" }
    return html
      + "</table>\n<p class=\"note\">“Thẩm định thay đổi”: điểm các tiêu chí sau thẩm định trừ điểm theo dòng tự chấm của đơn vị (tiêu chí đơn vị không tự chấm tính 0; không gồm kết quả điều tra).</p>\n"
  }
}

extension CouncilReport {
  /// Values accepted but looking wrong, one line each as the command line prints them.
  static func warnings(_ results: YearResults) -> String {
    guard !results.warnings.isEmpty else { return "<p>Không có cảnh báo về giá trị số liệu.</p>\n" }
    let items = results.warnings.map { "<li><code>\(HTML.escape($0.description))</code></li>" }
    return
      "<h3>Cảnh báo (\(results.warnings.count))</h3>\n<p class=\"note\">Giá trị hợp lệ nhưng nhiều khả năng không đúng ý; "
      + "kết quả vẫn được tính với giá trị như đã ghi.</p>\n<ul class=\"warnings\">\n" + items.joined(separator: "\n")
      + "\n</ul>\n"
  }

  /// The files the year was read from, so that nobody wonders which a ranking came from.
  static func inputs(_ results: YearResults) -> String {
    guard !results.inputs.isEmpty else { return "" }
    var html =
      "<h3>Tệp số liệu đã đọc</h3>\n<table>\n<tr><th>Tệp</th><th>Loại</th><th>Dạng</th><th class=\"n\">Dòng tiêu đề</th><th class=\"n\">Dung lượng (byte)</th></tr>\n"
    for input in results.inputs {
      html +=
        "<tr><td><code>\(HTML.escape(input.file))</code></td><td>\(Labels.fileKind(input.kind))</td><td>\(HTML.escape(Labels.fileForm(input.form)))</td>"
      html += "<td class=\"n\">\(input.headerLine)</td><td class=\"n\">\(input.size)</td></tr>\n"
    }
    return html + "</table>\n"
  }
}

extension String {
  /// The text with every `.` a `,` (a decimal comma), byte by byte.
  var replacingDot: String { String(decoding: utf8.map { $0 == 0x2E ? 0x2C : $0 }, as: UTF8.self) }
}
