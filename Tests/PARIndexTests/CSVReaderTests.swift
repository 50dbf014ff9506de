import Testing

@testable import PARIndex

struct CSVReaderTests {
  func records(_ text: String) throws -> [(line: Int, fields: [String])] {
    try CSVReader(file: "t.csv", bytes: Array(text.utf8)).records()
  }

  @Test func readsPlainCommaSeparatedText() throws {
    let rows = try records("a,b,c\n1,2,3\n")
    #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
    #expect(rows.map(\.line) == [1, 2])
  }

  @Test func detectsSemicolonFromTheHeaderAndKeepsDecimalCommas() throws {
    let reader = try CSVReader(file: "t.csv", bytes: Array("unit_id;points\nX01;0,5\n".utf8))
    #expect(reader.separator == UInt8(ascii: ";"))
    #expect(try reader.records().map(\.fields) == [["unit_id", "points"], ["X01", "0,5"]])
  }

  @Test func separatorInsideQuotedHeaderDoesNotCount() throws {
    // Two ';' inside quotes, one ',' outside: the separator is ','.
    let reader = try CSVReader(file: "t.csv", bytes: Array("\"a;b;c\",d\n".utf8))
    #expect(reader.separator == UInt8(ascii: ","))
  }

  @Test func stripsByteOrderMarkAndHandlesCRLF() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id;name\r\nX01;Xã A\r\n".utf8)
    let rows = try CSVReader(file: "t.csv", bytes: bytes).records()
    #expect(rows.map(\.fields) == [["id", "name"], ["X01", "Xã A"]])
  }

  @Test func readsQuotedSeparatorsQuotesAndLineBreaks() throws {
    let rows = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,2,3\n")
    #expect(rows[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
    // The record after a two-line field starts on physical line 4.
    #expect(rows[2].line == 4)
  }

  @Test func acceptsLoneCarriageReturnLineEnds() throws {
    #expect(try records("a,b\r1,2\r").map(\.fields) == [["a", "b"], ["1", "2"]])
  }

  @Test func skipsBlankLinesButCountsThem() throws {
    let rows = try records("a,b\n\n1,2\n;\n,\n3,4")
    #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], [";"], ["3", "4"]])
    #expect(rows.last?.line == 6)
  }

  @Test func keepsEmptyTrailingFields() throws {
    #expect(try records("a,b,c\n1,,\n")[1].fields == ["1", "", ""])
  }

  @Test func reportsAnUnclosedQuoteWithTheLineWhereTheRecordStarts() {
    #expect {
      _ = try records("a,b\n1,2\n3,\"never closed\n4,5\n")
    } throws: { error in
      let error = error as! Diagnostic
      return error.location.place == .line(3) && error.code == "E-CSV-UNCLOSED-QUOTE"
    }
  }

  @Test func reportsTextAfterAClosingQuote() {
    #expect(throws: Diagnostic.self) { _ = try records("a,b\n\"x\"y,2\n") }
  }

  @Test func rejectsWindows1258BytesNamingTheLine() {
    // "Hà" in Windows-1258 is 48 E0: E0 starts a 3-byte UTF-8 sequence that 0x0A breaks.
    let bytes = Array("a,b\n1,2\n".utf8) + [0x48, 0xE0, 0x0A]
    #expect {
      _ = try CSVReader(file: "t.csv", bytes: bytes)
    } throws: { error in
      let error = error as! Diagnostic
      return error.location.place == .line(3) && error.code == "E-NOT-UTF8"
    }
  }

  @Test func rejectsOverlongAndSurrogateUTF8() {
    for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
      #expect(throws: Diagnostic.self) { _ = try CSVReader(file: "t.csv", bytes: Array("a\n".utf8) + bad) }
    }
  }

  @Test func tableRejectsUnknownColumnsButIgnoresXColumns() throws {
    let good = try CSVTable.open(
      file: "t.csv", bytes: Array("Unit_ID,x_ghi_chu,name,Group\nA,z, B ,g\n".utf8), kind: .units
    ).rows()
    #expect(good[0].fields[.name] == "B")
    #expect {
      _ = try CSVTable.open(file: "t.csv", bytes: Array("unit_id,nmae,group\nA,B,g\n".utf8), kind: .units)
    } throws: { error in
      (error as! Diagnostics).all.first?.rendered(.english)
        == "t.csv:1: header 'nmae': unknown column: expected unit_id, name, group, or a name starting with x_ for extra columns"
    }
  }

  @Test func tableRejectsRowsWithExtraValues() {
    #expect {
      _ = try CSVTable.open(file: "t.csv", bytes: Array("unit_id,name,group\n1,2,3,4\n".utf8), kind: .units).rows()
    } throws: { error in
      (error as! Diagnostics).all.first?.location.place == .line(2)
    }
  }
}

/// An evidence cell's ids: the byte split of ASCII cells says what splitting the scalars says.
struct EvidenceIDsTests {
  /// The ids as the scalar split gives them (the path a non-ASCII cell takes).
  static func reference(_ text: String) -> [String] {
    text.unicodeScalars.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { String(String($0).trimmingSpaces) }
      .filter { !$0.isEmpty }
  }

  @Test(arguments: [
    "U1-QD01", "U1-QD01; U1-BC02", "U1-QD01|U1-BC02|U1-TB03", " U1-QD01", "U1-QD01 ", ";", ";;U1", "U1;", " ; ",
    "a b", "a;b c ;d", "\tx\t|y", "x", "|", "U1-QD01,U1-BC02",
  ])
  func theByteSplitAgreesWithTheScalarSplit(text: String) {
    #expect(RowReader.evidenceIDs(text) == Self.reference(text))
  }

  @Test func anEmptyCellCitesNothing() { #expect(RowReader.evidenceIDs("").isEmpty) }

  /// From a row, the cell's bytes give the ids its text gives: plain, quoted, with no-break
  /// spaces or other letters, empty.
  @Test func aRowsCellGivesTheIdsItsTextGives() throws {
    let cells = [
      "U1-QD01", "U1-QD01; U1-BC02", "\"U1-QD01, U1-BC02\"", "\" U1;x \"", "\u{A0}U1-QD01\u{A0}", "Ư1; U2", "", " ; ",
      "\"a\"\"b\"", "U1|U2 |U3", "Co\u{301}-1",
    ]
    let csv = "unit_id,code,value,evidence\n" + cells.map { "U1,1.1,1,\($0)" }.joined(separator: "\n") + "\n"
    let table = try CSVTable.open(file: "assessment.csv", bytes: Array(csv.utf8), kind: .assessment)
    let column = try #require(table.position(.evidence))
    var log = DiagnosticLog()
    var rows = 0
    table.forEachRow(log: &log) { row, _ in
      rows += 1
      #expect(RowReader.evidenceIDs(in: row, column) == RowReader.evidenceIDs(row.text(column)), "line \(row.line)")
    }
    #expect(rows == cells.count && log.isEmpty)
    #expect(RowReader.evidenceIDs("Ư1; U2") == ["Ư1", "U2"])
  }

  @Test func lineFeedsAreCountedAsByteByByteCountsThem() {
    var random = CodecRandom(seed: 10)
    for length in [0, 1, 2, 63, 64, 65, 1_000, 4_097] {
      let bytes = random.bytes(length).map { $0 % 4 == 0 ? 0x0A : $0 }
      let plain = bytes.filter { $0 == 0x0A }.count
      bytes.withUnsafeBufferPointer { buffer in
        #expect(CSVReader.lineFeeds(in: buffer) == plain)
        for limit in [0, 1, 5, plain, plain + 1] {
          #expect(CSVReader.lineFeeds(in: buffer, atMost: limit) == min(plain, limit))
        }
      }
    }
  }
}
