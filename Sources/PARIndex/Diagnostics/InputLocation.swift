/// Where in an input a problem is: a file, and in it a line (CSV), a cell or row of a
/// worksheet (Excel workbook), or a JSON path (criteria set).
///
/// Rendered the way the users of each kind of file locate things: `assessment.csv:14`,
/// `assessment.xlsx:Sheet1!C14` (Excel's own cell reference), `set.json:items[0].maxPoints`.
public struct InputLocation: Sendable, Hashable, CustomStringConvertible {
  /// The place inside the file.
  public enum Place: Sendable, Hashable {
    /// The file as a whole.
    case file
    /// A physical line of a text file (the header is line 1).
    case line(Int)
    /// A cell of a worksheet: `column` counts from 1 (A), `row` from 1.
    case cell(sheet: String, column: Int, row: Int)
    /// A whole row of a worksheet (`Sheet1!14:14`).
    case row(sheet: String, row: Int)
    /// A path into a JSON document (`items[0].children[1].maxPoints`).
    case jsonPath(String)
  }

  /// The file's path as given (or a name chosen by the caller for data from memory).
  public var file: String
  /// Where in the file: the whole file, a line, a cell, a row or a JSON path.
  public var place: Place

  /// A location in `file`, the whole file unless `place` says where.
  public init(file: String, place: Place = .file) { (self.file, self.place) = (file, place) }

  /// The line (text files) or row (worksheets), when there is one.
  public var line: Int? {
    switch place {
    case .line(let line): line
    case .cell(_, _, let row), .row(_, let row): row
    case .file, .jsonPath: nil
    }
  }

  /// `FILE`, `FILE:14`, `FILE:Sheet1!C14`, `FILE:Sheet1!14:14` or `FILE:items[0].code`.
  public var description: String {
    switch place {
    case .file: file
    case .line(let line): "\(file):\(line)"
    case .cell(let sheet, let column, let row): "\(file):\(Self.sheetReference(sheet))!\(Self.columnName(column))\(row)"
    case .row(let sheet, let row): "\(file):\(Self.sheetReference(sheet))!\(row):\(row)"
    case .jsonPath(let path): path.isEmpty ? file : "\(file):\(path)"
    }
  }

  /// Excel's column letters: 1 → `A`, 27 → `AA`.
  public static func columnName(_ column: Int) -> String {
    var number = max(column, 1)
    var letters: [Character] = []
    while number > 0 {
      let remainder = (number - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
      number = (number - 1) / 26
    }
    return String(letters.reversed())
  }

  /// A sheet name as Excel writes it in a reference: quoted when it holds spaces or
  /// punctuation (`'Tự chấm 2025'!C14`), with a quote inside doubled.
  static func sheetReference(_ sheet: String) -> String {
    let plain = sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    if plain && !sheet.isEmpty { return sheet }
    return "'" + sheet.replacingAll("'", with: "''") + "'"
  }
}

extension String {
  /// Every occurrence of `target` replaced (scalar-wise; no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    result.reserveCapacity(utf8.count)
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
