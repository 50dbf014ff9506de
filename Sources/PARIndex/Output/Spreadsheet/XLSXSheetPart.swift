/// One worksheet's XML part, its elements in the order SpreadsheetML requires.
enum XLSXSheetPart {
  static func xml(
    _ sheet: Spreadsheet.Sheet, selected: Bool = false, strings: inout SharedStrings, styles: inout StyleTable
  ) -> String {
    var xml = Spreadsheet.declaration
    xml += "<worksheet xmlns=\"\(Spreadsheet.mainNamespace)\" xmlns:r=\"\(Spreadsheet.relationshipNamespace)\">"
    xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
    let width = max(1, sheet.rows.map(\.count).max() ?? 1)
    xml += "<dimension ref=\"A1:\(Spreadsheet.reference(row: max(0, sheet.rows.count - 1), column: width - 1))\"/>"
    xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
    if sheet.frozenRows > 0 {
      let topLeft = "A\(sheet.frozenRows + 1)"
      xml +=
        "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
      xml += "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
    }
    xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
    if !sheet.columnWidths.isEmpty {
      xml += "<cols>"
      for (index, characters) in sheet.columnWidths.enumerated() {
        xml +=
          "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(max(1, min(characters, 255)))\" customWidth=\"1\"/>"
      }
      xml += "</cols>"
    }
    xml += "<sheetData>"
    for (rowIndex, row) in sheet.rows.enumerated() {
      xml += "<row r=\"\(rowIndex + 1)\""
      // Excel's tallest row is 409 points.
      if let height = sheet.rowHeights[rowIndex] { xml += " ht=\"\(max(1, min(height, 409)))\" customHeight=\"1\"" }
      xml += ">"
      for (columnIndex, cell) in row.enumerated() {
        xml += self.cell(cell, at: Spreadsheet.reference(row: rowIndex, column: columnIndex), &strings, &styles)
      }
      xml += "</row>"
    }
    xml += "</sheetData>"
    if sheet.isProtected {
      // Locked cells stay locked; widths, heights and filters stay free for the reader.
      xml +=
        "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatCells=\"0\" formatColumns=\"0\" formatRows=\"0\" autoFilter=\"0\"/>"
    }
    if !sheet.merges.isEmpty {
      xml += "<mergeCells count=\"\(sheet.merges.count)\">"
      xml += sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
    }
    if !sheet.validations.isEmpty {
      xml += "<dataValidations count=\"\(sheet.validations.count)\">"
      xml += sheet.validations.map(validation).joined() + "</dataValidations>"
    }
    xml += "<printOptions gridLines=\"0\"/>"
    xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.7\" header=\"0.3\" footer=\"0.3\"/>"
    xml +=
      "<pageSetup paperSize=\"9\" orientation=\"\(sheet.landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    // In header and footer codes `&` starts a code, so a literal one is doubled (after the
    // cut: a lone `&` left at the end would swallow the `&R` that follows).
    let footer = XMLText.clipped(sheet.footer, to: 120).replacingOccurrences(of: "&", with: "&&")
    xml += "<headerFooter><oddFooter>\(XMLText.escape("&L" + footer + "&RTrang &P/&N"))</oddFooter></headerFooter>"
    return xml + "</worksheet>"
  }

  private static func cell(
    _ cell: Spreadsheet.Cell, at reference: String, _ strings: inout SharedStrings, _ styles: inout StyleTable
  ) -> String {
    var style = cell.style
    if case .date = cell.value { style.format = .date }
    let id = styles.id(style)
    let styleAttribute = id == 0 ? "" : " s=\"\(id)\""
    switch cell.value {
    case .empty:
      return id == 0 ? "" : "<c r=\"\(reference)\"\(styleAttribute)/>"
    case .text(let text):
      return "<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.id(text))</v></c>"
    case .number(let number):
      return "<c r=\"\(reference)\"\(styleAttribute)><v>\(number.description)</v></c>"
    case .date(let date):
      return "<c r=\"\(reference)\"\(styleAttribute)><v>\(ExcelDate.serial(of: date))</v></c>"
    }
  }

  private static func validation(_ validation: Spreadsheet.Validation) -> String {
    let (type, first, second): (String, String, String?) =
      switch validation.kind {
      case .list(let words): ("list", "\"" + words.joined(separator: ",") + "\"", nil)
      case .listRange(let range): ("list", range, nil)
      case .decimal(let min, let max): ("decimal", min.description, max.description)
      case .whole(let min, let max): ("whole", String(min), String(max))
      case .date(let min, let max): ("date", String(ExcelDate.serial(of: min)), String(ExcelDate.serial(of: max)))
      case .textLength(let max): ("textLength", "0", String(max))
      }
    var xml = "<dataValidation type=\"\(type)\""
    if !validation.isStrict { xml += " errorStyle=\"warning\"" }
    if second != nil { xml += " operator=\"between\"" }
    xml += " allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
    if !validation.error.isEmpty {
      xml +=
        " errorTitle=\"\(XMLText.escape("Giá trị chưa đúng"))\" error=\"\(XMLText.escape(XMLText.clipped(validation.error, to: 225), attribute: true))\""
    }
    if !validation.prompt.isEmpty {
      xml +=
        " promptTitle=\"\(XMLText.escape("Cách ghi"))\" prompt=\"\(XMLText.escape(XMLText.clipped(validation.prompt, to: 255), attribute: true))\""
    }
    xml += " sqref=\"\(validation.range)\"><formula1>\(XMLText.escape(first))</formula1>"
    if let second { xml += "<formula2>\(XMLText.escape(second))</formula2>" }
    return xml + "</dataValidation>"
  }
}

/// Text made safe for XML 1.0 content and attributes: the five markup characters escaped, and
/// characters XML cannot hold (controls other than TAB, LF, CR) or bidi controls (which could
/// reorder what a reader sees) written visibly as `[U+0001]`.
enum XMLText {
  /// `text` escaped for XML: a carriage return as `&#13;` (XML would make it a line feed);
  /// in an `attribute`, TAB and line feeds too (an XML reader turns raw ones into spaces).
  static func escape(_ text: String, attribute: Bool = false) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in visible(text).unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t" where attribute: result += "&#9;"
      case "\n" where attribute: result += "&#10;"
      // A carriage return is a reference everywhere: XML turns a raw one (and CR LF) into LF.
      case "\r": result += "&#13;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` with what XML cannot hold (controls other than TAB, LF, CR; U+FFFE, U+FFFF) and bidi
  /// controls written visibly as `[U+0001]`: the text a reader of the workbook will see.
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if needsReplacing(scalar) {
        result.append(contentsOf: ("[" + InvisibleCharacter.described(scalar).codePoint + "]").unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether `scalar` is one XML cannot hold (or a bidi control) and ``visible(_:)`` replaces.
  static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE
      || scalar.value == 0xFFFF || InvisibleCharacter.isBidiControl(scalar)
  }

  /// `text` as it will show, cut to at most `limit` UTF-16 units (Excel's measure) at a
  /// character boundary.
  static func clipped(_ text: String, to limit: Int) -> String {
    let shown = visible(text)
    guard shown.utf16.count > limit else { return shown }
    var used = 0
    var result = ""
    for character in shown {
      let length = character.utf16.count
      guard used + length <= limit else { break }
      result.append(character)
      used += length
    }
    return result
  }
}
