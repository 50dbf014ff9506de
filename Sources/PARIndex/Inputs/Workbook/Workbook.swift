/// An Excel workbook (`.xlsx`) opened for reading: its sheets, shared strings, number formats
/// and date system, read from the ZIP container with the limits set against hostile files.
///
/// Only the parts a table needs are read: `[Content_Types].xml` (to refuse a macro-enabled
/// workbook), the workbook and its relationships, the shared strings, the styles and the one
/// sheet read — and that sheet is streamed, never held whole.
struct Workbook: Sendable {
  /// One sheet of the workbook.
  struct Sheet: Sendable {
    var name: String
    /// The part holding it (`xl/worksheets/sheet1.xml`).
    var part: String
    var isVisible: Bool
  }

  let file: String
  let archive: ZIPArchive
  /// Worksheets in workbook order (chart sheets left out).
  let sheets: [Sheet]
  let sharedStrings: [String]
  /// The number format of each cell style (`s`), by index.
  let formats: [NumberFormat]
  /// Dates count from 1904 (old Mac workbooks) instead of 1900.
  let uses1904: Bool

  /// The limits: 1 GiB uncompressed in all, at most 10,000 parts, a compression ratio of 200.
  static let limits = ZIPLimits()

  /// Opens the workbook in `bytes`.
  /// - Throws: a ``Diagnostic`` naming what the file is when it is not a readable `.xlsx`.
  static func open(_ bytes: [UInt8], file: String) throws(Diagnostic) -> Workbook {
    func fail(_ message: Message) -> Diagnostic { Diagnostic(message, at: InputLocation(file: file)) }
    if let container = FileSniffer.container(bytes) {
      switch container {
      case .zip(let openDocument): if openDocument { throw fail(.unsupportedFileKind(.ods)) }
      case .ole:
        throw fail(
          FileSniffer.oleIsEncryptedWorkbook(bytes)
            ? .unsupportedFileKind(.encryptedWorkbook) : .unsupportedFileKind(.xls))
      case .gzip: throw fail(.looksGzip)
      case .pdf: throw fail(.looksPDF)
      }
    } else {
      throw fail(.damagedWorkbook(.notAWorkbook))
    }
    let archive: ZIPArchive
    do { archive = try ZIPArchive(bytes: bytes, limits: limits) } catch { throw fail(Self.message(for: error)) }
    let reader = WorkbookPartReader(archive: archive, file: file)
    if archive.entry(matching: "xl/workbook.bin") != nil { throw fail(.unsupportedFileKind(.xlsb)) }
    if let types = try reader.bytesIfPresent("[Content_Types].xml"),
      String(decoding: types, as: UTF8.self).contains("macroEnabled")
        || archive.entry(matching: "xl/vbaProject.bin") != nil
    {
      throw fail(.unsupportedFileKind(.xlsm))
    }
    let workbookPart = try reader.officeDocument() ?? "xl/workbook.xml"
    guard archive.entry(matching: workbookPart) != nil else { throw fail(.workbookPartMissing(workbookPart)) }
    let (entries, uses1904) = try reader.workbook(workbookPart)
    let relations = try reader.relationships(of: workbookPart)
    var sheets: [Sheet] = []
    for entry in entries {
      guard let relation = relations.first(where: { $0.id == entry.relationID }), relation.type.hasSuffix("/worksheet")
      else { continue }
      sheets.append(Sheet(name: entry.name, part: relation.target, isVisible: entry.isVisible))
    }
    guard !sheets.isEmpty else { throw fail(.noWorksheet) }
    var strings: [String] = []
    if let part = relations.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
      strings = try reader.sharedStrings(part.target)
    }
    var formats: [NumberFormat] = []
    if let part = relations.first(where: { $0.type.hasSuffix("/styles") }) { formats = try reader.formats(part.target) }
    return Workbook(
      file: file, archive: archive, sheets: sheets, sharedStrings: strings, formats: formats, uses1904: uses1904)
  }

  /// The sheet a year file is read from: the one named like the file (`assessment`, in any
  /// case) or by its Vietnamese name (`Tự chấm điểm`, `Tài liệu kiểm chứng`…: the sheets of
  /// `parindex template`), else the first visible worksheet.
  func sheet(for kind: YearFileKind) -> Sheet {
    let names = [kind.rawValue] + kind.sheetNames
    return sheets.first { names.contains(TextFolding.folded($0.name)) } ?? sheets.first { $0.isVisible } ?? sheets[0]
  }

  /// The message for a container problem.
  static func message(for error: ZIPError) -> Message {
    switch error {
    case .notAZIP: .damagedWorkbook(.notAWorkbook)
    case .truncated: .damagedWorkbook(.truncated)
    case .multiDisk: .damagedWorkbook(.unsupportedZIP("multi-disk"))
    case .zip64: .damagedWorkbook(.unsupportedZIP("ZIP64"))
    case .unsupportedMethod(_, let method): .damagedWorkbook(.unsupportedZIP("method \(method)"))
    case .tooManyEntries(_, let limit): .workbookLimit(.entries(limit: limit))
    case .entryTooLarge(_, _, let limit), .totalSizeExceeded(_, let limit):
      .workbookLimit(.size(limit: "\(limit / (1 << 20)) MiB"))
    case .ratioExceeded(let name, _, _, _): .workbookLimit(.ratio(part: name))
    case .encrypted: .unsupportedFileKind(.encryptedWorkbook)
    case .entryNotFound(let name): .workbookPartMissing(name)
    case .invalidCentralDirectory, .nameTooLong, .invalidName: .damagedWorkbook(.corruptPart("ZIP"))
    case .duplicateEntry(let name), .entryOutOfBounds(let name), .overlappingEntries(let name, _),
      .localHeaderMismatch(let name, _),
      .corruptData(let name, _), .dataExceedsDeclaredSize(let name, _), .sizeMismatch(let name, _, _),
      .compressedSizeMismatch(let name, _, _), .crcMismatch(let name, _, _):
      .damagedWorkbook(.corruptPart(name))
    case .writerTooManyEntries, .writerArchiveTooLarge, .writerNameTooLong, .writerDuplicateName:
      .damagedWorkbook(.corruptPart("ZIP"))
    }
  }

  /// The message for an XML problem in `part`.
  static func message(for error: XMLError, part: String) -> Message {
    if case .limitExceeded(let limit, let value, _) = error {
      return .workbookLimit(.xml(part: part, limit: "\(limit.rawValue) \(value)"))
    }
    return .damagedWorkbook(.badXML(part: part, line: error.position?.line ?? 1, detail: error.description))
  }
}

/// Reading the small parts of a workbook whole (the sheet is streamed, by ``SheetStream``).
private struct WorkbookPartReader {
  let archive: ZIPArchive
  let file: String

  func fail(_ message: Message) -> Diagnostic { Diagnostic(message, at: InputLocation(file: file)) }

  func bytesIfPresent(_ part: String) throws(Diagnostic) -> [UInt8]? {
    guard let entry = archive.entry(matching: part) else { return nil }
    do { return try archive.contents(of: entry) } catch { throw fail(Workbook.message(for: error)) }
  }

  /// Tokenizes `part` whole, calling `body` with each event and the tokenizer's names.
  func parse(_ part: String, _ body: (XMLEvent, WorkbookNames) -> Void) throws(Diagnostic) {
    guard let bytes = try bytesIfPresent(part) else { throw fail(.workbookPartMissing(part)) }
    var tokenizer = XMLTokenizer()
    let names = WorkbookNames(&tokenizer)
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(XMLError) in
        func handler(_ event: XMLEvent) { body(event, names) }
        try tokenizer.feed(buffer, handler)
        try tokenizer.finish(handler)
      }
    }
    if case .failure(let error) = result { throw fail(Workbook.message(for: error, part: part)) }
  }

  /// The workbook part named by the package's `officeDocument` relationship.
  func officeDocument() throws(Diagnostic) -> String? {
    guard archive.entry(matching: "_rels/.rels") != nil else { return nil }
    let relations = try relationships(in: "_rels/.rels", base: "")
    return relations.first { $0.type.hasSuffix("/officeDocument") }?.target
  }

  struct Relationship {
    var id: String
    var type: String
    /// The target as a part name (`xl/worksheets/sheet1.xml`).
    var target: String
  }

  /// The relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
  func relationships(of part: String) throws(Diagnostic) -> [Relationship] {
    let folder = part.split(separator: "/").dropLast().joined(separator: "/")
    let name = part.split(separator: "/").last.map(String.init) ?? part
    let rels = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
    guard archive.entry(matching: rels) != nil else { return [] }
    return try relationships(in: rels, base: folder)
  }

  private func relationships(in rels: String, base: String) throws(Diagnostic) -> [Relationship] {
    var result: [Relationship] = []
    try parse(rels) { event, names in
      guard case .startElement(let element) = event, names.isPackage(element.name, names.relationship) else { return }
      let id = element.attributes[names.id]?.string ?? ""
      let type = element.attributes[names.type]?.string ?? ""
      let target = element.attributes[names.target]?.string ?? ""
      let isExternal = element.attributes[names.targetMode]?.equals("External") ?? false
      if !isExternal { result.append(Relationship(id: id, type: type, target: Self.resolve(target, base: base))) }
    }
    return result
  }

  /// A relationship target as a part name: absolute (`/xl/…`) or relative to `base`, with `..` resolved.
  static func resolve(_ target: String, base: String) -> String {
    var parts = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
    for component in target.split(separator: "/") {
      if component == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else if component != "." {
        parts.append(String(component))
      }
    }
    return parts.joined(separator: "/")
  }

  /// The sheets listed in the workbook part, and its date system.
  func workbook(_ part: String) throws(Diagnostic) -> ([(name: String, relationID: String, isVisible: Bool)], Bool) {
    var sheets: [(name: String, relationID: String, isVisible: Bool)] = []
    var uses1904 = false
    try parse(part) { event, names in
      guard case .startElement(let element) = event else { return }
      if names.isMain(element.name, names.sheet) {
        let state = element.attributes[names.state]
        let hidden = state.map { $0.equals("hidden") || $0.equals("veryHidden") } ?? false
        sheets.append(
          (element.attributes[names.name]?.string.nfc ?? "", names.relationID(element.attributes) ?? "", !hidden))
      } else if names.isMain(element.name, names.workbookProperties) {
        if let value = element.attributes[names.date1904] { uses1904 = value.equals("1") || value.equals("true") }
      }
    }
    return (sheets, uses1904)
  }

  /// The shared strings: each `<si>`'s text, rich-text runs joined, phonetic runs left out.
  func sharedStrings(_ part: String) throws(Diagnostic) -> [String] {
    var strings: [String] = []
    var current: [UInt8] = []
    var inItem = false
    var textDepth = 0
    var phoneticDepth = 0
    try parse(part) { event, names in
      switch event {
      case .startElement(let element):
        if names.isMain(element.name, names.stringItem) {
          (inItem, current) = (true, [])
        } else if names.isMain(element.name, names.phonetic) {
          phoneticDepth += 1
        } else if names.isMain(element.name, names.text) {
          textDepth += 1
        }
      case .endElement(let name):
        if names.isMain(name, names.stringItem) {
          strings.append(String(decoding: current, as: UTF8.self))
          inItem = false
        } else if names.isMain(name, names.phonetic) {
          phoneticDepth -= 1
        } else if names.isMain(name, names.text) {
          textDepth -= 1
        }
      case .text(let bytes):
        if inItem && textDepth > 0 && phoneticDepth == 0 { current.append(contentsOf: bytes.buffer) }
      }
    }
    return strings
  }

  /// The number format of each cell style (`cellXfs`), resolving custom formats (`numFmts`).
  func formats(_ part: String) throws(Diagnostic) -> [NumberFormat] {
    var custom: [Int: NumberFormat] = [:]
    var styles: [NumberFormat] = []
    var inCellFormats = false
    try parse(part) { event, names in
      switch event {
      case .startElement(let element):
        if names.isMain(element.name, names.numberFormat),
          let id = element.attributes[names.numberFormatID]?.decimalInteger
        {
          custom[id] = NumberFormat(code: element.attributes[names.formatCode]?.string ?? "")
        } else if names.isMain(element.name, names.cellFormats) {
          inCellFormats = true
        } else if inCellFormats && names.isMain(element.name, names.format) {
          let id = element.attributes[names.numberFormatID]?.decimalInteger ?? 0
          styles.append(custom[id] ?? NumberFormat(builtIn: id))
        }
      case .endElement(let name):
        if names.isMain(name, names.cellFormats) { inCellFormats = false }
      case .text:
        break
      }
    }
    return styles
  }
}

/// The element and attribute names a workbook reader asks for, in the transitional and the
/// strict SpreadsheetML namespaces (Excel writes either).
struct WorkbookNames {
  private let main: (UInt32, UInt32)
  private let package: UInt32
  private let relationships: (UInt32, UInt32)
  let sheet, workbookProperties, stringItem, phonetic, text, numberFormat, cellFormats, format: UInt32
  let row, cell, value, formula, inlineString, relationship: UInt32
  let name, state, date1904, numberFormatID, formatCode, id, type, target, targetMode, reference, style,
    cellType: XMLName
  private let relationID: (XMLName, XMLName)

  init(_ tokenizer: inout XMLTokenizer) {
    let transitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    func local(_ name: String) -> UInt32 { tokenizer.name(namespace: transitional, local: name).local }
    main = (
      tokenizer.name(namespace: transitional, local: "x").namespace,
      tokenizer.name(namespace: strict, local: "x").namespace
    )
    package = tokenizer.name(namespace: XMLNamespace.packageRelationships, local: "x").namespace
    relationships = (
      tokenizer.name(namespace: XMLNamespace.officeRelationships, local: "id").namespace,
      tokenizer.name(namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships", local: "id").namespace
    )
    (sheet, workbookProperties, stringItem, phonetic) = (local("sheet"), local("workbookPr"), local("si"), local("rPh"))
    (text, numberFormat, cellFormats, format) = (local("t"), local("numFmt"), local("cellXfs"), local("xf"))
    (row, cell, value, formula, inlineString) = (local("row"), local("c"), local("v"), local("f"), local("is"))
    relationship = local("Relationship")
    func attribute(_ name: String) -> XMLName { tokenizer.name(namespace: "", local: name) }
    (name, state, date1904) = (attribute("name"), attribute("state"), attribute("date1904"))
    (numberFormatID, formatCode, id, type) = (
      attribute("numFmtId"), attribute("formatCode"), attribute("Id"), attribute("Type")
    )
    (target, targetMode, reference, style, cellType) = (
      attribute("Target"), attribute("TargetMode"), attribute("r"), attribute("s"), attribute("t")
    )
    relationID = (
      tokenizer.name(namespace: XMLNamespace.officeRelationships, local: "id"),
      tokenizer.name(namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships", local: "id")
    )
  }

  /// Whether `name` is the SpreadsheetML element with local-name id `local`.
  func isMain(_ name: XMLName, _ local: UInt32) -> Bool {
    name.local == local && (name.namespace == main.0 || name.namespace == main.1)
  }

  /// Whether `name` is the package-relationships element with local-name id `local`.
  func isPackage(_ name: XMLName, _ local: UInt32) -> Bool { name.local == local && name.namespace == package }

  /// A sheet's `r:id`, in either namespace.
  func relationID(_ attributes: XMLAttributes) -> String? {
    (attributes[relationID.0] ?? attributes[relationID.1])?.string
  }
}
