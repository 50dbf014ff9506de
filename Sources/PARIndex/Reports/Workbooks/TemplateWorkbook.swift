/// The self-assessment form as a workbook (`template --format xlsx`): a unit fills it in, and the
/// council reads it back as `assessment.xlsx` and `evidence.xlsx` (the same file under both names,
/// or in the per-unit folders `assessment/` and `evidence/`): each sheet is found by its name.
///
/// - `Tự chấm điểm`: one row per self-assessed leaf, with its title, maximum and what it expects
///   in locked `x_` columns (the loader ignores them); the value cell typed for its rule — a
///   drop-down of option keys (`choice`) or of yes/no words (`check`), a date (`deadline`), a
///   percentage (`tiers`, `proportional`), a whole number (`deduction`), points (`manual`).
/// - `Tài liệu kiểm chứng`: the evidence documents, with a date cell for the issue date.
/// - `Hướng dẫn`: how to fill it in, in Vietnamese.
///
/// The sheet is protected without a password: it stops slips (typing over a code), not people.
public enum TemplateWorkbook {
  /// Rows left for evidence documents.
  public static let evidenceRows = 40
  /// The name of the assessment sheet, which the loader reads for `assessment`.
  public static let assessmentSheet = "Tự chấm điểm"
  /// The name of the evidence sheet, which the loader reads for `evidence`.
  public static let evidenceSheet = "Tài liệu kiểm chứng"

  /// The form for `criteria`, its unit id filled with `unitID` when given.
  public static func make(_ criteria: CriteriaSet, unitID: String = "") -> Spreadsheet {
    var lists = Spreadsheet.Sheet(name: "Danh mục", isHidden: true)
    let assessment = assessmentSheet(criteria, unitID: unitID, lists: &lists)
    var sheets = [assessment, evidenceSheet(criteria, unitID: unitID), instructions(criteria)]
    if !lists.rows.isEmpty { sheets.append(lists) }
    return Spreadsheet(sheets: sheets)
  }

  /// Column positions of the assessment sheet.
  enum Column: Int, CaseIterable {
    case unit, code, title, maximum, expects, value, points, evidence, note, evidenceRequired

    var header: String {
      switch self {
      case .unit: "Mã đơn vị"
      case .code: "Mã tiêu chí"
      case .title: "x_Nội dung tiêu chí"
      case .maximum: "x_Điểm tối đa"
      case .expects: "x_Cách ghi giá trị"
      case .value: "Giá trị"
      case .points: "Điểm tự chấm"
      case .evidence: "Tài liệu kiểm chứng"
      case .note: "Ghi chú"
      case .evidenceRequired: "x_Tài liệu bắt buộc"
      }
    }

    var width: Int {
      switch self {
      case .unit: 11
      case .code: 10
      case .title: 50
      case .maximum: 9
      case .expects: 45
      case .value: 14
      case .points: 10
      case .evidence: 18
      case .note: 24
      case .evidenceRequired: 11
      }
    }
  }

  static let input = Spreadsheet.Style(role: .input, isLocked: false)

  private static func assessmentSheet(
    _ criteria: CriteriaSet, unitID: String, lists: inout Spreadsheet.Sheet
  ) -> Spreadsheet.Sheet {
    let places = criteria.pointsPlaces
    let explanation = Explanation(criteria: criteria)
    var table = SheetLayout(name: assessmentSheet, footer: RankingWorkbook.footer(criteria))
    table.title(
      [
        "Phiếu tự chấm điểm Chỉ số cải cách hành chính năm \(criteria.year)",
        "\(criteria.title) · bộ tiêu chí \(criteria.id) (\(Labels.status(criteria)))"
          + (unitID.isEmpty ? "" : " · đơn vị \(unitID)"),
        "Ghi vào các ô màu vàng; các cột có tên bắt đầu bằng x_ chỉ để đọc. Cách ghi: trang “Hướng dẫn”.",
      ], width: Column.allCases.count)
    table.header(Column.allCases.map(\.header))
    var validations: [Spreadsheet.Validation] = []
    for leaf in criteria.leaves {
      if case .survey? = leaf.rule { continue }
      let row = table.sheet.rows.count
      let reference = { (column: Column) in Spreadsheet.reference(row: row, column: column.rawValue) }
      var expects = AssessmentTemplate.expectation(leaf, explanation)
      let allowsNotApplicable = leaf.notApplicable != .forbidden
      if allowsNotApplicable { expects += "; ghi KPS nếu không phát sinh" }
      let required = criteria.evidencePolicy == .required && leaf.evidence == .required
      let (valueFormat, valueValidation) = valueCell(
        leaf, criteria, at: reference(.value), allowsNotApplicable: allowsNotApplicable, lists: &lists)
      if let valueValidation { validations.append(valueValidation) }
      validations.append(
        Spreadsheet.Validation(
          range: reference(.points), kind: .decimal(min: .zero, max: leaf.maxPoints), isStrict: false,
          prompt: "Không bắt buộc: điểm đơn vị tự chấm, từ 0 đến \(Labels.points(leaf.maxPoints, places)).",
          error: "Điểm tự chấm từ 0 đến \(Labels.points(leaf.maxPoints, places))."))
      var valueStyle = input
      valueStyle.format = valueFormat
      var pointsStyle = input
      pointsStyle.format = .decimals(places)
      var textInput = input
      textInput.format = .text
      table.row([
        unitID.isEmpty ? .empty(textInput) : .text(unitID, Spreadsheet.Style(format: .text)),
        .text(leaf.code, Spreadsheet.Style(format: .text)), .text(leaf.title, .wrapped),
        .number(leaf.maxPoints, places: places), .text(expects, .wrapped), .empty(valueStyle), .empty(pointsStyle),
        .empty(textInput), .empty(Spreadsheet.Style(role: .input, wraps: true, isLocked: false)),
        .text(required ? "bắt buộc" : "không"),
      ])
    }
    validations.append(
      Spreadsheet.Validation(
        range:
          "\(Spreadsheet.reference(row: 4, column: Column.evidence.rawValue)):\(Spreadsheet.reference(row: max(4, table.sheet.rows.count - 1), column: Column.evidence.rawValue))",
        kind: .textLength(max: 255), isStrict: false,
        prompt: "Mã các tài liệu ở trang “\(evidenceSheet)”, cách nhau bằng dấu ; (ví dụ: TL01; TL02)."))
    table.widths(Column.allCases.map(\.width))
    var sheet = table.sheet
    sheet.validations = validations
    sheet.isProtected = true
    return sheet
  }

  /// The value cell's format and validation for `leaf`'s rule.
  private static func valueCell(
    _ leaf: CriteriaNode, _ criteria: CriteriaSet, at reference: String, allowsNotApplicable: Bool,
    lists: inout Spreadsheet.Sheet
  ) -> (Spreadsheet.Style.Format, Spreadsheet.Validation?) {
    let places = criteria.pointsPlaces
    let notApplicable = allowsNotApplicable ? ["KPS"] : []
    let orNotApplicable = allowsNotApplicable ? "; KPS nếu không phát sinh" : ""
    func list(_ words: [String], prompt: String) -> Spreadsheet.Validation {
      var kind = Spreadsheet.Validation.Kind.list(words)
      if !Spreadsheet.Validation.fitsInline(words) {
        // Too long to write inline: the words go to a hidden sheet, one column per leaf.
        let column = lists.rows.first?.count ?? 0
        for (index, word) in words.enumerated() {
          while lists.rows.count <= index { lists.rows.append([]) }
          while lists.rows[index].count < column { lists.rows[index].append(.empty()) }
          lists.rows[index].append(.text(word))
        }
        let letter = Spreadsheet.column(column)
        kind = .listRange("\(Spreadsheet.quotedSheet(lists.name))!$\(letter)$1:$\(letter)$\(words.count)")
      }
      return Spreadsheet.Validation(
        range: reference, kind: kind, prompt: prompt, error: "Chọn một giá trị trong danh sách.")
    }
    switch leaf.rule {
    case .check?:
      return (.text, list(["có", "không"] + notApplicable, prompt: "Chọn có hoặc không\(orNotApplicable)."))
    case .choice(let options)?:
      let prompt = options.map { "\($0.key) = \($0.label) (\(Labels.points($0.points, places)) điểm)" }.joined(
        separator: "; ")
      return (.text, list(options.map(\.key) + notApplicable, prompt: prompt + orNotApplicable))
    case .tiers?, .proportional?:
      let atMostHundred: Bool = if case .proportional? = leaf.rule { true } else { false }
      return (
        .percent(2),
        Spreadsheet.Validation(
          range: reference, kind: .decimal(min: .zero, max: FixedDecimal(atMostHundred ? 1 : 10)), isStrict: false,
          prompt: "Tỷ lệ phần trăm, ví dụ 95% (hoặc a/b như 190/200)\(orNotApplicable).",
          error: atMostHundred ? "Tỷ lệ từ 0% đến 100%." : "Tỷ lệ từ 0% trở lên.")
      )
    case .deadline(let due, _, _)?:
      let first = CalendarDate(year: max(1901, criteria.year - 1), month: 1, day: 1)!
      let last = CalendarDate(year: min(9999, criteria.year + 1), month: 12, day: 31)!
      return (
        .date,
        Spreadsheet.Validation(
          range: reference, kind: .date(min: first, max: last), isStrict: false,
          prompt: "Ngày thực hiện dd/mm/yyyy (hạn \(due)); ghi “không” nếu chưa thực hiện\(orNotApplicable).",
          error: "Ngày từ \(first) đến \(last), hoặc “không”.")
      )
    case .deduction?:
      return (
        .decimals(0),
        Spreadsheet.Validation(
          range: reference, kind: .whole(min: 0, max: 10_000), isStrict: !allowsNotApplicable,
          prompt: "Số lần phát sinh: 0, 1, 2…\(orNotApplicable).", error: "Một số nguyên từ 0.")
      )
    case .manual?:
      return (
        .decimals(places),
        Spreadsheet.Validation(
          range: reference, kind: .decimal(min: .zero, max: leaf.maxPoints), isStrict: false,
          prompt: "Điểm từ 0 đến \(Labels.points(leaf.maxPoints, places)) (Hội đồng thẩm định chấm lại).",
          error: "Điểm từ 0 đến \(Labels.points(leaf.maxPoints, places)).")
      )
    case .survey?, nil:
      return (.general, nil)
    }
  }

  private static func evidenceSheet(_ criteria: CriteriaSet, unitID: String) -> Spreadsheet.Sheet {
    var table = SheetLayout(name: evidenceSheet, footer: RankingWorkbook.footer(criteria))
    let headers = [
      "Mã tài liệu", "Mã đơn vị", "Tên tài liệu", "Số ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Vị trí",
    ]
    table.title(
      [
        "Tài liệu kiểm chứng năm \(criteria.year)" + (unitID.isEmpty ? "" : " · đơn vị \(unitID)"),
        "Mỗi dòng một tài liệu; ghi mã tài liệu (ví dụ TL01) vào cột “Tài liệu kiểm chứng” của trang “\(assessmentSheet)”.",
      ], width: headers.count)
    table.header(headers)
    var text = input
    text.format = .text
    var date = input
    date.format = .date
    for _ in 0..<evidenceRows {
      table.row([
        // The unit id is typed, not filled in: a row holding only it would not be blank.
        .empty(text), .empty(text),
        .empty(Spreadsheet.Style(role: .input, format: .text, wraps: true, isLocked: false)), .empty(text),
        .empty(date), .empty(text), .empty(text),
      ])
    }
    table.widths([12, 11, 50, 16, 13, 28, 30])
    var sheet = table.sheet
    let firstRow = 4
    let lastRow = firstRow + evidenceRows - 1
    sheet.validations = [
      Spreadsheet.Validation(
        range: "E\(firstRow):E\(lastRow)",
        kind: .date(
          min: CalendarDate(year: 1990, month: 1, day: 1)!, max: CalendarDate(year: 9999, month: 12, day: 31)!),
        prompt: "Ngày ban hành dd/mm/yyyy.", error: "Một ngày dd/mm/yyyy."),
      Spreadsheet.Validation(
        range: "B\(firstRow):B\(lastRow)", kind: unitID.isEmpty ? .textLength(max: 64) : .list([unitID]),
        isStrict: !unitID.isEmpty,
        prompt: unitID.isEmpty ? "Mã đơn vị, như ở trang “\(assessmentSheet)”." : "Mã đơn vị: \(unitID).",
        error: "Mã đơn vị của phiếu: \(unitID)."),
    ]
    sheet.isProtected = true
    return sheet
  }

  private static func instructions(_ criteria: CriteriaSet) -> Spreadsheet.Sheet {
    let lines = [
      "Hướng dẫn điền phiếu tự chấm điểm Chỉ số CCHC năm \(criteria.year)",
      "",
      "1. Trang “\(assessmentSheet)”: mỗi dòng là một tiêu chí thành phần đơn vị tự chấm. Tiêu chí chấm bằng điều tra xã hội học không có trong phiếu.",
      "2. Ghi vào các ô màu vàng. Các cột có tên bắt đầu bằng x_ (nội dung, điểm tối đa, cách ghi) chỉ để đọc và bị khóa; trang không đặt mật khẩu.",
      "3. Cột “Giá trị”: chọn trong danh sách (có/không, các phương án), ghi ngày dd/mm/yyyy, tỷ lệ phần trăm (95%) hoặc số lần, như cột “x_Cách ghi giá trị” nói. Ghi KPS khi tiêu chí không phát sinh ở đơn vị (nếu tiêu chí cho phép).",
      "4. Cột “Điểm tự chấm” không bắt buộc: nếu ghi, phần mềm so với điểm tính từ giá trị và báo chỗ lệch.",
      "5. Cột “Tài liệu kiểm chứng”: mã các tài liệu ở trang “\(evidenceSheet)”, cách nhau bằng dấu ; (ví dụ: TL01; TL02). Tiêu chí ghi “bắt buộc” ở cột “x_Tài liệu bắt buộc” không có tài liệu thì không được tính điểm.",
      "6. Trang “\(evidenceSheet)”: mỗi dòng một tài liệu (mã, tên, số ký hiệu, ngày ban hành, cơ quan ban hành, nơi lưu).",
      "7. Không đổi tên các trang và các cột, không chèn thêm cột. Lưu dạng Excel Workbook (.xlsx).",
      "8. Gửi tệp cho Sở Nội vụ. Tệp được đọc trực tiếp làm assessment.xlsx và evidence.xlsx của đơn vị.",
      "",
      "Bộ tiêu chí: \(criteria.id) (\(Labels.status(criteria))) · \(criteria.title)",
    ]
    var sheet = Spreadsheet.Sheet(
      name: "Hướng dẫn", rows: lines.enumerated().map { [.text($1, $0 == 0 ? .title : .wrapped)] }, columnWidths: [110],
      landscape: false, footer: RankingWorkbook.footer(criteria))
    sheet.isProtected = true
    return sheet
  }
}
