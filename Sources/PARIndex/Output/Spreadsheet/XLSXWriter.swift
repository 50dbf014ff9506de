/// Writes a ``Spreadsheet`` as an Office Open XML workbook (`.xlsx`): stored ZIP entries, shared
/// strings, one style table, and per sheet its view, widths, validations and page set-up.
///
/// The parts and their order follow ECMA-376 (SpreadsheetML), read by Excel, LibreOffice and
/// openpyxl. Nothing depends on the clock or the machine, so the bytes are repeatable.
extension Spreadsheet {
  /// Why a workbook could not be written.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// The workbook's bytes.
  /// - Throws: ``WriteError`` for a workbook with no sheet or no visible sheet, a sheet name
  ///   Excel refuses, a cell longer than ``maxCellText``, or more than a classic ZIP holds.
  public func xlsx() throws(WriteError) -> [UInt8] {
    try check()
    var strings = SharedStrings()
    var styles = StyleTable()
    let sheetParts = sheets.enumerated().map { index, sheet in
      XLSXSheetPart.xml(sheet, selected: index == activeSheet, strings: &strings, styles: &styles)
    }
    var zip = ZIPWriter()
    do {
      try zip.add("[Content_Types].xml", Array(contentTypes.utf8))
      try zip.add("_rels/.rels", Array(Self.packageRelationships.utf8))
      try zip.add("docProps/app.xml", Array(Self.application.utf8))
      try zip.add("xl/workbook.xml", Array(workbookPart.utf8))
      try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8))
      try zip.add("xl/styles.xml", Array(styles.xml.utf8))
      try zip.add("xl/sharedStrings.xml", Array(strings.xml.utf8))
      for (index, part) in sheetParts.enumerated() {
        try zip.add("xl/worksheets/sheet\(index + 1).xml", Array(part.utf8))
      }
    } catch {
      throw WriteError(description: "the workbook is too large for a ZIP archive (\(error))")
    }
    return zip.finish()
  }

  /// The most characters (UTF-16 units) Excel keeps in a cell; a longer text makes Excel call
  /// the workbook damaged, so it is refused here.
  public static let maxCellText = 32_767

  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  private var contentTypes: String {
    var xml = Self.declaration
    xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    xml +=
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    for index in sheets.indices {
      xml +=
        "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    xml +=
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    xml +=
      "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    xml +=
      "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    return xml + "</Types>"
  }

  private static let packageRelationships =
    declaration
    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    + "<Relationship Id=\"rId1\" Type=\"\(relationshipType)/officeDocument\" Target=\"xl/workbook.xml\"/>"
    + "<Relationship Id=\"rId2\" Type=\"\(relationshipType)/extended-properties\" Target=\"docProps/app.xml\"/>"
    + "</Relationships>"

  private static let application =
    declaration
    + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    + "<Application>PARIndex</Application></Properties>"

  /// The sheet shown when the workbook opens: the first visible one.
  private var activeSheet: Int { sheets.firstIndex { !$0.isHidden } ?? 0 }

  private var workbookPart: String {
    var xml = Self.declaration + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
    xml += "<bookViews><workbookView activeTab=\"\(activeSheet)\"/></bookViews><sheets>"
    for (index, sheet) in sheets.enumerated() {
      xml += "<sheet name=\"\(XMLText.escape(sheet.name, attribute: true))\" sheetId=\"\(index + 1)\""
      if sheet.isHidden { xml += " state=\"hidden\"" }
      xml += " r:id=\"rId\(index + 1)\"/>"
    }
    xml += "</sheets>"
    let titles = sheets.enumerated().compactMap { index, sheet in
      sheet.repeatedRows.map { rows in
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(XMLText.escape(Self.quotedSheet(sheet.name)))!$\(rows.lowerBound):$\(rows.upperBound)</definedName>"
      }
    }
    if !titles.isEmpty { xml += "<definedNames>" + titles.joined() + "</definedNames>" }
    return xml + "</workbook>"
  }

  private var workbookRelationships: String {
    var xml =
      Self.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for index in sheets.indices {
      xml +=
        "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipType)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    let next = sheets.count + 1
    xml += "<Relationship Id=\"rId\(next)\" Type=\"\(Self.relationshipType)/styles\" Target=\"styles.xml\"/>"
    xml +=
      "<Relationship Id=\"rId\(next + 1)\" Type=\"\(Self.relationshipType)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    return xml + "</Relationships>"
  }

  /// A sheet name as a formula names it: `'Khối xã'` (quotes doubled inside).
  public static func quotedSheet(_ name: String) -> String {
    "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
  }
}

/// The workbook's shared strings: each distinct text once, in order of first use.
struct SharedStrings {
  private var index: [String: Int] = [:]
  private var ordered: [String] = []
  private var uses = 0

  mutating func id(_ text: String) -> Int {
    uses += 1
    if let known = index[text] { return known }
    index[text] = ordered.count
    ordered.append(text)
    return ordered.count - 1
  }

  var xml: String {
    var xml = Spreadsheet.declaration
    xml += "<sst xmlns=\"\(Spreadsheet.mainNamespace)\" count=\"\(uses)\" uniqueCount=\"\(ordered.count)\">"
    for text in ordered { xml += "<si><t xml:space=\"preserve\">\(XMLText.escape(text))</t></si>" }
    return xml + "</sst>"
  }
}

/// The cell formats (`cellXfs`) the sheets use, each once, index 0 being Excel's default.
struct StyleTable {
  private var index: [Spreadsheet.Style: Int] = [Spreadsheet.Style(): 0]
  private var ordered: [Spreadsheet.Style] = [Spreadsheet.Style()]
  private var formatCodes: [String] = []

  mutating func id(_ style: Spreadsheet.Style) -> Int {
    if let known = index[style] { return known }
    if let code = Self.code(style.format), !formatCodes.contains(code) { formatCodes.append(code) }
    index[style] = ordered.count
    ordered.append(style)
    return ordered.count - 1
  }

  /// The number format code, or `nil` for General.
  static func code(_ format: Spreadsheet.Style.Format) -> String? {
    func decimals(_ places: Int) -> String { places > 0 ? "0." + String(repeating: "0", count: places) : "0" }
    switch format {
    case .general: return nil
    case .decimals(let places): return decimals(places)
    case .percent(let places): return decimals(places) + "%"
    case .date: return "dd/mm/yyyy"
    case .text: return "@"
    }
  }

  private func formatID(_ format: Spreadsheet.Style.Format) -> Int {
    guard let code = Self.code(format) else { return 0 }
    if code == "@" { return 49 }
    return 164 + (formatCodes.filter { $0 != "@" }.firstIndex(of: code) ?? 0)
  }

  var xml: String {
    var xml = Spreadsheet.declaration + "<styleSheet xmlns=\"\(Spreadsheet.mainNamespace)\">"
    let custom = formatCodes.filter { $0 != "@" }
    if !custom.isEmpty {
      xml += "<numFmts count=\"\(custom.count)\">"
      for (offset, code) in custom.enumerated() {
        xml += "<numFmt numFmtId=\"\(164 + offset)\" formatCode=\"\(XMLText.escape(code))\"/>"
      }
      xml += "</numFmts>"
    }
    // Fonts: 0 body, 1 bold, 2 title. Fills: 0 none, 1 gray125 (both required), 2 header, 3 input.
    xml += "<fonts count=\"3\">"
    xml += "<font><sz val=\"11\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
    xml += "<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
    xml += "<font><b/><sz val=\"14\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font></fonts>"
    xml += "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill>"
    xml += "<fill><patternFill patternType=\"gray125\"/></fill>"
    xml +=
      "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE7F3\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    xml +=
      "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF7D1\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    xml += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    xml +=
      "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border></borders>"
    xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    xml += "<cellXfs count=\"\(ordered.count)\">"
    for style in ordered {
      let (font, fill, border): (Int, Int, Int) =
        switch style.role {
        case .body: (0, 0, 1)
        case .header: (1, 2, 1)
        case .title: (2, 0, 0)
        case .total: (1, 0, 1)
        case .input: (0, 3, 1)
        }
      let format = formatID(style.format)
      let isDefault = style == Spreadsheet.Style()
      let usedBorder = isDefault ? 0 : border
      xml += "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(usedBorder)\" xfId=\"0\""
      if format != 0 { xml += " applyNumberFormat=\"1\"" }
      if font != 0 { xml += " applyFont=\"1\"" }
      if fill != 0 { xml += " applyFill=\"1\"" }
      if usedBorder != 0 { xml += " applyBorder=\"1\"" }
      let vertical = style.role == .header ? "center" : "top"
      xml += " applyAlignment=\"1\""
      if !style.isLocked { xml += " applyProtection=\"1\"" }
      xml += "><alignment vertical=\"\(vertical)\"\(style.wraps ? " wrapText=\"1\"" : "")/>"
      if !style.isLocked { xml += "<protection locked=\"0\"/>" }
      xml += "</xf>"
    }
    xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    return xml + "</styleSheet>"
  }
}
