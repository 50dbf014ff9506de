/// What Excel refuses or "repairs" in a workbook, checked before one is written: a workbook this
/// library writes either opens cleanly or is not written, with the reason.
extension Spreadsheet {
  /// Excel's grid: 1,048,576 rows and 16,384 columns (`XFD`).
  static let maxRows = ExcelGrid.rows
  static let maxColumns = ExcelGrid.columns
  /// The longest inline list of a drop-down (the formula `"a,b,c"`), in UTF-16 units.
  public static let maxListLength = 255

  /// Throws the first thing Excel would not take.
  func check() throws(WriteError) {
    guard !sheets.isEmpty else { throw WriteError(description: "a workbook needs at least one sheet") }
    guard sheets.contains(where: { !$0.isHidden }) else {
      throw WriteError(description: "a workbook needs a visible sheet")
    }
    var names: [String] = []
    for sheet in sheets {
      try Self.checkName(sheet.name, taken: names)
      names.append(sheet.name)
      try Self.checkGrid(sheet)
      try Self.checkRanges(sheet)
    }
  }

  /// A sheet name: 1–31 UTF-16 units, none of `[]:*?/\`, no control or bidi character and
  /// nothing XML cannot hold (U+FFFE, U+FFFF: the tab would show another name than the one
  /// asked for), not starting or ending with `'`, not Excel's reserved `History`, unique without
  /// case.
  static func checkName(_ name: String, taken: [String]) throws(WriteError) {
    let invisible = name.unicodeScalars.contains { $0.value < 0x20 || XMLText.needsReplacing($0) }
    guard !name.isEmpty, name.utf16.count <= maxNameLength, !name.contains(where: { forbiddenInNames.contains($0) }),
      !invisible, !name.hasPrefix("'"), !name.hasSuffix("'"), name.lowercased() != "history",
      !taken.contains(where: { $0.lowercased() == name.lowercased() })
    else { throw WriteError(description: "sheet name '\(name)' is not valid in Excel or repeats another") }
  }

  /// Rows, columns, text lengths (after escaping), row heights.
  static func checkGrid(_ sheet: Sheet) throws(WriteError) {
    guard sheet.rows.count <= maxRows, sheet.rows.allSatisfy({ $0.count <= maxColumns }) else {
      throw WriteError(description: "sheet '\(sheet.name)' is larger than Excel's grid")
    }
    for (row, cells) in sheet.rows.enumerated() {
      for (column, cell) in cells.enumerated() {
        guard case .text(let text) = cell.value else { continue }
        let length = XMLText.visible(text).utf16.count
        guard length > maxCellText else { continue }
        throw WriteError(
          description:
            "sheet '\(sheet.name)' cell \(reference(row: row, column: column)) holds \(length) characters; Excel holds at most \(maxCellText)"
        )
      }
    }
  }

  /// Merges and validation ranges parse as references inside the grid; merges do not overlap,
  /// nor do two validations; an inline list fits Excel's 255 units and has no `,` or `"` in a word.
  static func checkRanges(_ sheet: Sheet) throws(WriteError) {
    func areas(_ text: String, _ what: String) throws(WriteError) -> [CellArea] {
      let parsed = text.split(separator: " ").map { CellArea(String($0)) }
      guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
        throw WriteError(description: "sheet '\(sheet.name)': \(what) '\(text)' is not a cell range")
      }
      return parsed.compactMap { $0 }
    }
    func overlapping(_ list: [CellArea]) -> (CellArea, CellArea)? {
      for (index, area) in list.enumerated() {
        if let other = list[(index + 1)...].first(where: area.overlaps) { return (area, other) }
      }
      return nil
    }
    var merged: [CellArea] = []
    for merge in sheet.merges { merged += try areas(merge, "merged range") }
    if let (a, b) = overlapping(merged) {
      throw WriteError(description: "sheet '\(sheet.name)': merged ranges \(a) and \(b) overlap")
    }
    var validated: [CellArea] = []
    for validation in sheet.validations {
      validated += try areas(validation.range, "validation range")
      guard case .list(let words) = validation.kind else { continue }
      guard Validation.fitsInline(words) else {
        throw WriteError(
          description:
            "sheet '\(sheet.name)' \(validation.range): a drop-down list written inline needs words without ',' or '\"', \(maxListLength) characters in all; use a range of a sheet (listRange)"
        )
      }
    }
    if let (a, b) = overlapping(validated) {
      throw WriteError(description: "sheet '\(sheet.name)': validations of \(a) and \(b) overlap")
    }
  }
}

extension Spreadsheet.Validation {
  /// Whether `words` can be a drop-down written inline (`"a,b,c"`): some words, none empty or
  /// holding `,` or `"`, at most ``Spreadsheet/maxListLength`` UTF-16 units in all; else they
  /// go to a range of a sheet (``Kind/listRange(_:)``).
  public static func fitsInline(_ words: [String]) -> Bool {
    !words.isEmpty && words.joined(separator: ",").utf16.count <= Spreadsheet.maxListLength
      && !words.contains { $0.isEmpty || $0.contains(",") || $0.contains("\"") }
  }
}

/// A rectangle of cells (`B2:D9`, or one cell `C5`), 0-based, inclusive.
struct CellArea: Equatable, CustomStringConvertible {
  var top: Int
  var left: Int
  var bottom: Int
  var right: Int

  /// Parses `A1` or `A1:C3` (letters then digits; `$` not allowed: ranges here are plain).
  init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let first = Self.cell(parts[0]),
      let last = parts.count == 2 ? Self.cell(parts[1]) : first, first.row <= last.row, first.column <= last.column
    else { return nil }
    (top, left, bottom, right) = (first.row, first.column, last.row, last.column)
  }

  private static func cell(_ text: Substring) -> (row: Int, column: Int)? {
    let letters = text.prefix { $0 >= "A" && $0 <= "Z" }
    let digits = text.dropFirst(letters.count)
    guard (1...3).contains(letters.count), (1...7).contains(digits.count),
      digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      digits.first != "0", let row = Int(digits), row <= Spreadsheet.maxRows
    else { return nil }
    var column = 0
    for letter in letters.unicodeScalars { column = column * 26 + Int(letter.value - 64) }
    guard column <= Spreadsheet.maxColumns else { return nil }
    return (row - 1, column - 1)
  }

  func overlaps(_ other: CellArea) -> Bool {
    top <= other.bottom && other.top <= bottom && left <= other.right && other.left <= right
  }

  var description: String {
    let start = Spreadsheet.reference(row: top, column: left)
    return top == bottom && left == right ? start : start + ":" + Spreadsheet.reference(row: bottom, column: right)
  }
}
