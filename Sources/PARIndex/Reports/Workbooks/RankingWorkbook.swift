/// The ranking as a workbook (`rank --format xlsx`): a sheet with every unit, then one per
/// group, each laid out as the decision's annex (``RankingAnnex``) with numeric cells showing
/// the set's decimals, a frozen and repeated header row, and the set's id and status in the
/// footer of every printed page.
public enum RankingWorkbook {
  /// The workbook of `results` (only `group`'s sheet, when given).
  public static func make<Score: ScoredUnit>(_ results: RankedYear<Score>, group: String? = nil) -> Spreadsheet {
    let annex = RankingAnnex(results, group: group)
    var sheets: [Spreadsheet.Sheet] = []
    if group == nil {
      let everyone = annex.groups.flatMap { group in group.rows.map { (group: group.name, row: $0) } }
      let numbered = everyone.enumerated().map { index, entry in
        var row = entry.row
        row.number = index + 1
        return (group: entry.group, row: row)
      }
      sheets.append(sheet(annex, name: "Tất cả đơn vị", heading: "Tất cả các khối", rows: numbered, withGroup: true))
    }
    for group in annex.groups {
      let name = Spreadsheet.sheetName("Khối \(group.name)", taken: sheets.map(\.name))
      sheets.append(
        sheet(
          annex, name: name, heading: "Khối \(group.name) (\(group.rows.count) đơn vị)",
          rows: group.rows.map { (group: group.name, row: $0) }, withGroup: false))
    }
    return Spreadsheet(sheets: sheets)
  }

  /// The footer of every printed page: `dept-2025 · chính thức · năm 2025`.
  static func footer(_ criteria: CriteriaSet) -> String {
    "Bộ tiêu chí \(criteria.id) · \(Labels.status(criteria)) · năm \(criteria.year)"
  }

  /// One annex sheet of `rows`; `withGroup` adds the group column (a sheet of several groups),
  /// `withAdjustments` the bonus and penalty before the total (the scorecards' overview).
  static func sheet<Score>(
    _ annex: RankingAnnex<Score>, name: String, heading: String,
    rows: [(group: String, row: RankingAnnex<Score>.Row)], withGroup: Bool, withAdjustments: Bool = false
  ) -> Spreadsheet.Sheet {
    let criteria = annex.criteria
    let places = criteria.pointsPlaces
    let headers =
      ["STT", "Mã đơn vị", "Tên đơn vị"] + (withGroup ? ["Khối"] : []) + annex.fieldHeaders
      + (withAdjustments ? ["Điểm thưởng", "Điểm trừ"] : [])
      + ["Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Xếp loại", withAdjustments ? "Xếp hạng trong khối" : "Xếp hạng"]
    var table = SheetLayout(name: name, footer: footer(criteria))
    table.title([annex.title, annex.subtitle, heading], width: headers.count)
    table.header(headers)
    for (group, row) in rows {
      let totals = row.totals
      var cells: [Spreadsheet.Cell] = [
        .integer(row.number), .text(totals.unit.id), .text(totals.unit.name),
      ]
      if withGroup { cells.append(.text(group)) }
      cells += totals.fieldPoints.map { .number($0, places: places) }
      if withAdjustments { cells += [.number(totals.bonus, places: places), .number(totals.penalty, places: places)] }
      cells += [
        .number(totals.total, places: places, .total), .number(totals.maxPoints, places: places),
        .number(totals.index, places: criteria.indexPlaces, .total), .text(totals.classLabel), .integer(row.rank),
      ]
      table.row(cells)
    }
    table.widths(
      [5, 11, SheetLayout.nameWidth(rows.map(\.row.totals.unit.name))] + (withGroup ? [12] : [])
        + annex.fieldHeaders.map { _ in 13 } + (withAdjustments ? [9, 9] : [])
        + [10, 10, 10, SheetLayout.classWidth(criteria), withAdjustments ? 9 : 8])
    return table.sheet
  }
}

/// Building a sheet as a council lays a table out: title lines, one header row (frozen and
/// printed again on every page), body rows; header row height fitted to the wrapped titles.
struct SheetLayout {
  private(set) var sheet: Spreadsheet.Sheet
  private var headerRow: Int?

  init(name: String, footer: String, landscape: Bool = true) {
    sheet = Spreadsheet.Sheet(name: name, landscape: landscape, footer: footer)
  }

  /// Title lines at the top, each merged across `width` columns.
  mutating func title(_ lines: [String], width: Int) {
    for (index, line) in lines.enumerated() {
      let row = sheet.rows.count
      sheet.rows.append([.text(line, index == 0 ? .title : Spreadsheet.Style())])
      if width > 1 {
        sheet.merges.append(
          "\(Spreadsheet.reference(row: row, column: 0)):\(Spreadsheet.reference(row: row, column: width - 1))")
      }
    }
  }

  /// The header row: frozen with everything above it, repeated on printed pages.
  mutating func header(_ titles: [String]) {
    headerRow = sheet.rows.count
    sheet.rows.append(titles.map { .text($0, .header) })
    sheet.frozenRows = sheet.rows.count
    sheet.repeatedRows = sheet.rows.count...sheet.rows.count
  }

  mutating func row(_ cells: [Spreadsheet.Cell]) { sheet.rows.append(cells) }

  mutating func blank() { sheet.rows.append([]) }

  /// Column widths, and the header row made tall enough for its wrapped titles.
  mutating func widths(_ widths: [Int]) {
    sheet.columnWidths = widths
    guard let headerRow else { return }
    let lines =
      sheet.rows[headerRow].enumerated().map { column, cell -> Int in
        guard case .text(let text) = cell.value, column < widths.count else { return 1 }
        return SheetLayout.lines(text, width: widths[column])
      }.max() ?? 1
    sheet.rowHeights[headerRow] = 15 * min(lines, 12) + 3
  }

  /// A column of unit names as wide as the longest (with a margin), from 14 to 45 characters.
  static func nameWidth(_ names: [String]) -> Int { min(45, max(14, names.map { $0.count + 2 }.max() ?? 14)) }

  /// A column of class labels wide enough that none wraps.
  static func classWidth(_ criteria: CriteriaSet) -> Int {
    max(10, criteria.classification.map { $0.label.count + 3 }.max() ?? 10)
  }

  /// A title line that wraps (a paragraph such as a method) made `lines` lines tall.
  mutating func tallTitle(row: Int, lines: Int) {
    guard row < sheet.rows.count, var cell = sheet.rows[row].first else { return }
    cell.style.wraps = true
    sheet.rows[row][0] = cell
    sheet.rowHeights[row] = 15 * lines
  }

  /// How many lines `text` takes wrapped in a column `width` characters wide (word by word).
  static func lines(_ text: String, width: Int) -> Int {
    let room = max(1, width - 1)
    var lines = 1
    var used = 0
    for word in text.split(separator: " ") {
      let length = word.count
      if used == 0 {
        used = length
      } else if used + 1 + length <= room {
        used += 1 + length
      } else {
        lines += 1
        used = length
      }
      while used > room {
        lines += 1
        used -= room
      }
    }
    return lines
  }
}
