/// Scorecards as a workbook (`score --format xlsx`): an overview sheet (the annex of the units
/// shown) and one sheet per unit with its scorecard tree — points, maximum, who set them, the
/// notes and reasons, the evidence — and the list of what to improve.
public enum ScoreWorkbook {
  /// The workbook of `units`, units of `results`.
  public static func make(_ results: YearResults, units: [Ranked<UnitScore>]) -> Spreadsheet {
    let criteria = results.criteria
    let places = criteria.pointsPlaces
    let footer = RankingWorkbook.footer(criteria)
    var sheets: [Spreadsheet.Sheet] = [overview(results, units: units)]
    for unit in units {
      let card = Scorecard(unit, in: results)
      let name = Spreadsheet.sheetName(unit.unit.id, taken: sheets.map(\.name))
      var table = SheetLayout(name: name, footer: footer + " · \(unit.unit.id)")
      var lines = [
        "Phiếu điểm: \(unit.unit.id) · \(unit.unit.name) (khối \(unit.unit.group))", card.headline(criteria),
      ]
      if let adjustments = card.adjustmentsLine(criteria) { lines.append(adjustments) }
      if let rounds = card.roundsLine(criteria) { lines.append(rounds) }
      table.title(lines, width: 7)
      table.header(["Mã", "Nội dung", "Điểm", "Tối đa", "Nguồn", "Ghi chú, cách tính", "Tài liệu kiểm chứng"])
      for row in card.rows {
        let style: Spreadsheet.Style = row.leaf == nil ? Spreadsheet.Style(role: .total, wraps: true) : .wrapped
        var notes = row.notes
        if let explanation = row.explanation { notes.append(explanation) }
        let evidence = row.leaf?.evidence.map(Scorecard.evidenceText).joined(separator: "\n") ?? ""
        table.row([
          .text(String(repeating: "  ", count: row.depth) + row.code, style), .text(row.title, style),
          .number(row.points, places: places, style), .number(row.maxPoints, places: places, style),
          .text(row.sourceLabel, style), .text(notes.joined(separator: "\n"), style), .text(evidence, style),
        ])
      }
      if !card.improvements.isEmpty {
        table.blank()
        table.row([.text("Cần cải thiện (mất nhiều điểm nhất trước)", .total)])
        table.row(["STT", "Mã", "Nội dung", "Điểm mất", "", "Để đạt đủ điểm"].map { .text($0, .header) })
        for (position, item) in card.improvements.enumerated() {
          table.row([
            .integer(position + 1), .text(item.code), .text(item.title, .wrapped),
            .number(item.lost, places: places), .empty(), .text(item.advice, .wrapped),
          ])
        }
      }
      table.widths([9, 48, 8, 8, 11, 48, 40])
      sheets.append(table.sheet)
    }
    return Spreadsheet(sheets: sheets)
  }

  /// The units shown, as the annex lays them out, with their bonus, penalty and appraisal change.
  static func overview(_ results: YearResults, units: [Ranked<UnitScore>]) -> Spreadsheet.Sheet {
    let criteria = results.criteria
    let places = criteria.pointsPlaces
    let annex = RankingAnnex(results)
    var table = SheetLayout(name: "Tổng hợp", footer: RankingWorkbook.footer(criteria))
    let headers =
      ["STT", "Mã đơn vị", "Tên đơn vị", "Khối"] + annex.fieldHeaders + [
        "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Xếp loại", "Xếp hạng trong khối",
      ]
    table.title(
      [annex.title, annex.subtitle, "Phiếu điểm của \(units.count) đơn vị (mỗi đơn vị một trang tính)"],
      width: headers.count)
    table.header(headers)
    for (position, unit) in units.enumerated() {
      table.row(
        [.integer(position + 1), .text(unit.unit.id), .text(unit.unit.name), .text(unit.unit.group)]
          + unit.fieldPoints.map { .number($0, places: places) } + [
            .number(unit.bonus, places: places), .number(unit.penalty, places: places),
            .number(unit.total, places: places, .total), .number(unit.maxPoints, places: places),
            .number(unit.index, places: criteria.indexPlaces, .total), .text(unit.classLabel), .integer(unit.rank),
          ])
    }
    let nameWidth = min(45, max(14, units.map { $0.unit.name.count + 2 }.max() ?? 14))
    let classWidth = max(10, criteria.classification.map { $0.label.count + 3 }.max() ?? 10)
    table.widths([5, 11, nameWidth, 12] + annex.fieldHeaders.map { _ in 13 } + [9, 9, 10, 10, 10, classWidth, 9])
    return table.sheet
  }
}
