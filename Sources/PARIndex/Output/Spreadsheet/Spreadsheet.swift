/// A workbook to write (`--format xlsx`): sheets of typed cells with the print set-up a council
/// sends out — frozen header, column widths, A4 landscape fitted to the page width, header rows
/// repeated on every printed page, a footer — and, for forms, data validation and locked cells.
///
/// Numbers are ``FixedDecimal`` values written exactly (`72.5`, never `72.49999`) with a number
/// format showing a fixed number of decimals; ``xlsx()`` gives the same bytes for the same sheets.
public struct Spreadsheet: Sendable {
  /// The sheets, in tab order.
  public var sheets: [Sheet]

  /// A workbook of `sheets`.
  public init(sheets: [Sheet] = []) { self.sheets = sheets }

  /// The characters a sheet name may not hold (Excel's rule), and its longest length.
  static let forbiddenInNames: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
  /// Excel's limit on a sheet name's length.
  public static let maxNameLength = 31

  /// `wanted` made a valid sheet name not yet in `taken` (compared without case, as Excel does):
  /// control and bidi characters are dropped, forbidden characters become `-`, the name is cut
  /// to 31 UTF-16 units (Excel's measure), `History` (reserved by Excel) becomes `Sheet History`,
  /// and a repeated name gets ` (2)`, ` (3)`…
  public static func sheetName(_ wanted: String, taken: [String]) -> String {
    var base = String(
      String.UnicodeScalarView(
        wanted.unicodeScalars.filter { $0.value >= 0x20 && !XMLText.needsReplacing($0) }))
    base = String(base.map { forbiddenInNames.contains($0) ? "-" : $0 })
    base = base.trimmingCharacters(in: ["'", " "])
    if base.isEmpty || base.lowercased() == "history" { base = "Sheet" + (base.isEmpty ? "" : " " + base) }
    let used = Set(taken.map { $0.lowercased() })
    var candidate = XMLText.clipped(base, to: maxNameLength)
    var number = 2
    while used.contains(candidate.lowercased()) {
      let suffix = " (\(number))"
      candidate = XMLText.clipped(base, to: maxNameLength - suffix.utf16.count) + suffix
      number += 1
    }
    // A cut may leave a quote at the end.
    while candidate.hasSuffix("'") { candidate.removeLast() }
    return candidate
  }
}

extension Spreadsheet {
  /// One worksheet.
  public struct Sheet: Sendable {
    /// The tab's name (use ``Spreadsheet/sheetName(_:taken:)`` to make one valid).
    public var name: String
    /// Rows from the top, cells from column A.
    public var rows: [[Cell]]
    /// Column widths in characters, from column A; columns past the list keep Excel's width.
    public var columnWidths: [Int]
    /// Heights in points of the rows (0-based) that need more than one line, such as a header
    /// of wrapped titles; other rows keep the height of one line.
    public var rowHeights: [Int: Int] = [:]
    /// Rows frozen at the top (the title and the header), 0 for none.
    public var frozenRows: Int
    /// Rows printed again at the top of every page (1-based, inclusive), e.g. the header row.
    public var repeatedRows: ClosedRange<Int>?
    /// Print across (A4 landscape) rather than down.
    public var landscape: Bool
    /// Text at the bottom left of every printed page; the page number goes on the right.
    public var footer: String
    /// Cell ranges (`A1:H1`) merged into one cell.
    public var merges: [String]
    /// What may be typed where (forms).
    public var validations: [Validation]
    /// Locked cells cannot be changed (no password: it guards against slips, not people).
    public var isProtected: Bool
    /// A sheet kept out of sight, such as the lists a form's drop-downs read.
    public var isHidden: Bool

    /// A sheet named `name` holding `rows`.
    public init(
      name: String, rows: [[Cell]] = [], columnWidths: [Int] = [], frozenRows: Int = 0,
      repeatedRows: ClosedRange<Int>? = nil, landscape: Bool = true, footer: String = "", merges: [String] = [],
      validations: [Validation] = [], isProtected: Bool = false, isHidden: Bool = false
    ) {
      self.name = name
      self.rows = rows
      self.columnWidths = columnWidths
      self.frozenRows = frozenRows
      self.repeatedRows = repeatedRows
      self.landscape = landscape
      self.footer = footer
      self.merges = merges
      self.validations = validations
      self.isProtected = isProtected
      self.isHidden = isHidden
    }
  }

  /// One cell: what it holds and how it looks.
  public struct Cell: Sendable, Hashable {
    /// What the cell holds.
    public var value: Value
    /// How it looks.
    public var style: Style

    /// A cell holding `value`, styled `style`.
    public init(_ value: Value, _ style: Style = Style()) {
      self.value = value
      self.style = style
    }

    /// A text cell.
    public static func text(_ text: String, _ style: Style = Style()) -> Cell { Cell(.text(text), style) }
    /// A number shown with exactly `places` decimals.
    public static func number(_ number: FixedDecimal, places: Int, _ style: Style = Style()) -> Cell {
      var style = style
      style.format = .decimals(places)
      return Cell(.number(number), style)
    }
    /// A whole number.
    public static func integer(_ number: Int, _ style: Style = Style()) -> Cell {
      FixedDecimal(exactly: number).map { .number($0, places: 0, style) } ?? .text(String(number), style)
    }
    /// An empty cell (it may still carry a style: a form's input cell).
    public static func empty(_ style: Style = Style()) -> Cell { Cell(.empty, style) }
  }

  /// What a cell holds.
  public enum Value: Sendable, Hashable {
    /// Nothing.
    case empty
    /// Text, written as a shared string.
    case text(String)
    /// A number, exactly; its style's format says how many decimals show.
    case number(FixedDecimal)
    /// A day, as Excel's day number with a `dd/mm/yyyy` format.
    case date(CalendarDate)
  }

  /// How a cell looks and whether it may be changed on a protected sheet.
  public struct Style: Sendable, Hashable {
    /// How a number is shown.
    public enum Format: Sendable, Hashable {
      /// Excel's General.
      case general
      /// Exactly so many decimals (`0.00`).
      case decimals(Int)
      /// A percentage with so many decimals (`0.00%`): 0.95 shows as 95,00 %.
      case percent(Int)
      /// `dd/mm/yyyy`.
      case date
      /// Text (`@`): what is typed stays as typed (codes like `1.10`).
      case text
    }
    /// The role of the cell, which sets font and fill.
    public enum Role: Sendable, Hashable {
      /// Plain body text.
      case body
      /// A column header: bold, shaded, wrapped, with a border.
      case header
      /// A sheet's title line: bold and larger.
      case title
      /// A row that sums others (a field): bold.
      case total
      /// A cell a form asks to be filled: shaded light yellow.
      case input
    }
    /// Font and fill.
    public var role: Role
    /// Number format.
    public var format: Format
    /// Long text wraps inside the column.
    public var wraps: Bool
    /// Locked on a protected sheet (Excel's default is locked).
    public var isLocked: Bool

    /// A style (defaults: body text, General, no wrap, locked).
    public init(role: Role = .body, format: Format = .general, wraps: Bool = false, isLocked: Bool = true) {
      self.role = role
      self.format = format
      self.wraps = wraps
      self.isLocked = isLocked
    }

    /// A column header.
    public static let header = Style(role: .header, wraps: true)
    /// A title line.
    public static let title = Style(role: .title)
    /// Wrapped body text.
    public static let wrapped = Style(wraps: true)
    /// Bold body text (totals).
    public static let total = Style(role: .total)
  }

  /// What a range of cells accepts (Excel's data validation).
  public struct Validation: Sendable, Hashable {
    /// The kinds Excel checks.
    public enum Kind: Sendable, Hashable {
      /// One of these words (a drop-down list).
      case list([String])
      /// One of the cells of a range (`'Danh mục'!$A$1:$A$4`), for lists too long to write out.
      case listRange(String)
      /// A decimal number from `min` to `max`.
      case decimal(min: FixedDecimal, max: FixedDecimal)
      /// A whole number from `min` to `max`.
      case whole(min: Int, max: Int)
      /// A day from `min` to `max`.
      case date(min: CalendarDate, max: CalendarDate)
      /// Text of at most `max` characters (mostly for the prompt it shows).
      case textLength(max: Int)
    }
    /// The cells (`C5` or `C5:C9`).
    public var range: String
    /// What they accept.
    public var kind: Kind
    /// `true`: anything else is refused; `false`: Excel warns and lets the user keep it (for a
    /// cell that may also take a word such as `KPS`).
    public var isStrict: Bool
    /// The note shown when the cell is selected (Excel shows at most 255 characters).
    public var prompt: String
    /// The message when a wrong value is typed.
    public var error: String

    /// A validation of `range`.
    public init(range: String, kind: Kind, isStrict: Bool = true, prompt: String = "", error: String = "") {
      self.range = range
      self.kind = kind
      self.isStrict = isStrict
      self.prompt = prompt
      self.error = error
    }
  }

  /// The column letters of the 0-based `index` (0 → `A`, 26 → `AA`).
  public static func column(_ index: Int) -> String {
    var index = index
    var letters: [Character] = []
    repeat {
      letters.insert(Character(Unicode.Scalar(UInt8(65 + index % 26))), at: 0)
      index = index / 26 - 1
    } while index >= 0
    return String(letters)
  }

  /// The reference of the cell at 0-based `row` and `column` (`A1`).
  public static func reference(row: Int, column: Int) -> String { self.column(column) + String(row + 1) }
}
