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

  /// The units shown, as the annex lays them out, with their bonus and penalty.
  static func overview(_ results: YearResults, units: [Ranked<UnitScore>]) -> Spreadsheet.Sheet {
    let rows = units.enumerated().map { position, unit in
      (
        group: unit.unit.group,
        row: RankingAnnex<UnitScore>.Row(number: position + 1, totals: unit.totals, rank: unit.rank)
      )
    }
    return RankingWorkbook.sheet(
      RankingAnnex(results), name: "Tổng hợp",
      heading: "Phiếu điểm của \(units.count) đơn vị (mỗi đơn vị một trang tính)", rows: rows, withGroup: true,
      withAdjustments: true)
  }
}
