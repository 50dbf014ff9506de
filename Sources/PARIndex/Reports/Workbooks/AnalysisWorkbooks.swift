/// The sensitivity study as a workbook (`sensitivity --format xlsx`): the method, then one
/// table of every unit with its nominal and median rank, P5–P95 interval and share of runs that
/// changed its class.
public enum SensitivityWorkbook {
  /// The workbook of `study`; `criteria` names the set in the title and footer.
  public static func make(_ study: Sensitivity, criteria: CriteriaSet) -> Spreadsheet {
    var table = SheetLayout(name: "Độ vững xếp hạng", footer: RankingWorkbook.footer(criteria))
    let headers = [
      "Khối", "Mã đơn vị", "Tên đơn vị", "Hạng công bố", "Hạng trung vị", "Hạng P5", "Hạng P95",
      "Tỷ lệ lần đổi xếp loại",
    ]
    table.title(
      ["Độ vững của xếp hạng năm \(criteria.year) · \(criteria.title)", SensitivityReport.method(study.settings)],
      width: headers.count)
    table.header(headers)
    for group in study.groups {
      for unit in group.units {
        table.row([
          .text(group.name), .text(unit.unit.id), .text(unit.unit.name), .integer(unit.nominalRank),
          .integer(unit.medianRank), .integer(unit.p05Rank), .integer(unit.p95Rank),
          Spreadsheet.Cell(.number(unit.classChangedShare), Spreadsheet.Style(format: .percent(2))),
        ])
      }
    }
    table.widths([12, 11, SheetLayout.nameWidth(study.groups.flatMap(\.units).map(\.unit.name)), 10, 10, 9, 9, 12])
    table.tallTitle(row: 1, lines: 4)
    return Spreadsheet(sheets: [table.sheet])
  }
}

/// The year-over-year comparison as a workbook (`compare --format xlsx`): one row per unit with
/// its index, rank and class in the earlier year A and the later year B.
public enum ComparisonWorkbook {
  /// The workbook of `comparison`.
  public static func make(_ comparison: Comparison) -> Spreadsheet {
    let (a, b) = (comparison.a.criteria, comparison.b.criteria)
    let places = b.indexPlaces
    var table = SheetLayout(name: "So sánh", footer: "A: \(a.id) · B: \(b.id)")
    let headers = [
      "Mã đơn vị", "Tên đơn vị", "Khối", "Chỉ số A (%)", "Chỉ số B (%)", "Thay đổi", "Hạng A", "Hạng B", "Xếp loại A",
      "Xếp loại B", "Đổi xếp loại",
    ]
    var lines = ["So sánh: A = \(a.id) (năm \(a.year)), B = \(b.id) (năm \(b.year))"]
    lines += comparison.warnings.map { "Lưu ý: " + $0.text(.vietnamese) }
    table.title(lines, width: headers.count)
    table.header(headers)
    for row in comparison.rows {
      let index = { (unit: Ranked<UnitScore>?) -> Spreadsheet.Cell in
        unit.map { .number($0.index, places: places) } ?? .text("—")
      }
      let change: Spreadsheet.Cell =
        row.indexChange.map { .number($0, places: places) } ?? .text(row.a == nil ? "mới" : "không còn")
      table.row([
        .text(row.unitID), .text(row.name), .text(row.group), index(row.a), index(row.b), change,
        row.a.map { .integer($0.rank) } ?? .text("—"), row.b.map { .integer($0.rank) } ?? .text("—"),
        .text(row.a?.classLabel ?? "—"), .text(row.b?.classLabel ?? "—"), .text(row.movedClass ? "có" : ""),
      ])
    }
    table.widths([11, SheetLayout.nameWidth(comparison.rows.map(\.name)), 12, 10, 10, 10, 8, 8, 12, 12, 9])
    return Spreadsheet(sheets: [table.sheet])
  }
}
