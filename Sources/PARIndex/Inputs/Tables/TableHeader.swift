/// The header row of a year file: which column is where, and how each was named.
///
/// Columns may come in any order and be named in English or by a Vietnamese alias; a column
/// whose name starts with `x_` is ignored; any other unknown column is an error, because a
/// typo in a header must not silently drop data.
struct TableHeader: Sendable {
  let kind: YearFileKind
  /// The header's line (CSV) or row (worksheet).
  let line: Int
  /// The position of each known column.
  let positions: [Column: Int]
  /// Each known column's name as written in the file, for messages.
  let names: [Column: String]
  /// The number of cells in the header row.
  let width: Int
  /// The positions with a known column or an `x_` one (read past on purpose). Data anywhere
  /// else — under a blank header cell, or past the header's end — would be lost.
  let named: Set<Int>
  /// The positions within the header whose cell is blank (usually none).
  let unnamed: [Int]
  /// The unit id's and the leaf code's positions, looked up on every row: kept apart from
  /// ``positions``, whose every lookup hashes the column.
  let unitColumn: Int?
  let codeColumn: Int?

  /// The position of `column`, or `nil` when the file does not have it.
  func position(_ column: Column) -> Int? { positions[column] }

  /// The column at `position`, if it is a known one.
  func column(at position: Int) -> Column? { positions.first { $0.value == position }?.key }

  /// Reads `cells` as the header; problems (duplicates, unknown names, missing required
  /// columns, a name and its alias both) go to `log`, located by `location(position)`.
  static func read(
    _ cells: [String], line: Int, kind: YearFileKind, log: inout DiagnosticLog, location: (Int?) -> InputLocation
  ) -> TableHeader {
    var positions: [Column: Int] = [:]
    var names: [Column: String] = [:]
    var ignored: Set<Int> = []
    let expected = (kind.required + kind.optional).map(\.rawValue)
    for (position, rawName) in cells.enumerated() {
      let name = String(rawName.trimmingSpaces).nfc
      guard !name.isEmpty else { continue }
      if let column = kind.column(named: name) {
        if let other = names[column] {
          let sameName = TextFolding.folded(other) == TextFolding.folded(name)
          log.add(
            sameName ? .duplicateColumn : .ambiguousColumn(canonical: column.rawValue, other: other),
            at: location(position), field: "header", value: rawName)
        } else {
          positions[column] = position
          names[column] = name
        }
      } else if TextFolding.folded(name).hasPrefix("x_") || name.lowercased().hasPrefix("x_") {
        ignored.insert(position)
      } else {
        log.add(.unknownColumn(expected: expected), at: location(position), field: "header", value: rawName)
      }
    }
    for column in kind.required where positions[column] == nil {
      log.add(.missingColumn, at: location(nil), field: column.rawValue)
    }
    let named = ignored.union(positions.values)
    return TableHeader(
      kind: kind, line: line, positions: positions, names: names, width: cells.count, named: named,
      unnamed: cells.indices.filter { !named.contains($0) }, unitColumn: positions[.unitID],
      codeColumn: positions[.code])
  }

  /// How many cells name a column of `kind`, and whether every required column is named:
  /// what finds the header below a form's title rows.
  static func recognition(_ cells: [String], kind: YearFileKind) -> (count: Int, hasRequired: Bool) {
    var found = Set<Column>()
    for cell in cells where cell.utf8.count <= 64 {
      if let column = kind.column(named: cell) { found.insert(column) }
    }
    return (found.count, kind.required.allSatisfy(found.contains))
  }

  /// The name to show for `column` in messages: as the header wrote it, else the English name.
  func displayName(_ column: Column) -> String { names[column] ?? column.rawValue }

  /// Whether a data row is this header again (a second sheet or a second file pasted below
  /// the first): every required column holds one of its own names. `text` gives a cell.
  func isRepeated(_ text: (Int) -> String) -> Bool {
    for column in kind.required {
      guard let position = positions[column] else { return false }
      let cell = text(position)
      guard cell.utf8.count <= 64, kind.column(named: cell) == column else { return false }
    }
    return true
  }

  /// A cheap first test for ``isRepeated(_:)`` on a row's first required cell as bytes: true
  /// when it may be a column name (ASCII letters and `_`, or any non-ASCII text).
  static func mayBeName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !bytes.isEmpty, bytes.count <= 64 else { return false }
    for byte in bytes {
      if byte >= 0x80 { return true }
      let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
      if !isLetter && byte != UInt8(ascii: "_") && byte != 0x20 { return false }
    }
    return true
  }
}

/// Where the rows of one table came from: the file, the worksheet, and the header, shared
/// by every row read from it (one reference per row), so that a problem found later — when
/// scoring — is placed as precisely as one found when reading: `assessment.xlsx:Sheet1!C14`.
public final class TableOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The file's path (or the name given to data from memory).
  public let file: String
  /// The worksheet, for a workbook.
  public let sheet: String?
  let positions: [Column: Int]
  let names: [Column: String]

  init(file: String, sheet: String?, header: TableHeader?) {
    (self.file, self.sheet) = (file, sheet)
    positions = header?.positions ?? [:]
    names = header?.names ?? [:]
  }

  /// A source with no header (values typed by a program, or a what-if setting).
  public convenience init(file: String) { self.init(file: file, sheet: nil, header: nil) }

  /// The location of `column` (or of the whole row) on `line`.
  public func location(line: Int, column: Column?) -> InputLocation {
    guard let sheet else { return InputLocation(file: file, place: line > 0 ? .line(line) : .file) }
    if let column, let position = positions[column] {
      return InputLocation(file: file, place: .cell(sheet: sheet, column: position + 1, row: line))
    }
    return InputLocation(file: file, place: .row(sheet: sheet, row: line))
  }

  /// How the file's header names `column` (the English name when it has no header).
  public func name(of column: Column) -> String { names[column] ?? column.rawValue }

  /// The file, and `:sheet` for a worksheet (`assessment.xlsx:Sheet1`).
  public var description: String { sheet.map { "\(file):\($0)" } ?? file }

  /// The same table: the same file and sheet, with the columns in the same places.
  public static func == (lhs: TableOrigin, rhs: TableOrigin) -> Bool {
    lhs === rhs || (lhs.file == rhs.file && lhs.sheet == rhs.sheet && lhs.positions == rhs.positions)
  }

  /// Hashes the file and sheet.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(file)
    hasher.combine(sheet)
  }
}
