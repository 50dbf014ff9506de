import Testing

@testable import PARIndex

/// The packed rows a year read from files holds (``LeafRowColumns``, ``LeafRows``) give back
/// exactly the rows a boxed ``LeafEntry`` would hold, and find them as the tables by code did.
@Suite struct LeafRowStorageTests {
  static let codes = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"]
  static let unitIDs = ["A", "B", "Xã-7", "D", "E"]

  /// A row's parts, drawn from texts that test the packing: empty and absent, Vietnamese in
  /// NFC, long remarks, several evidence ids, dates at the ends of the range.
  struct Parts {
    var unit: Int
    var leaf: Int
    var claim: LeafEntry.Claim
    var pointsText: String?
    var evidenceIDs: [String]
    var remark: String?
    var appraiser: String?
    var date: CalendarDate?
    var line: Int

    static func random(using random: inout CodecRandom, table: TableOrigin, line: Int) -> Parts {
      let values = ["có", "Không", "95,5", "12/03/2025", "Hoàn thành đúng hạn kế hoạch cải cách hành chính", "x"]
      let points = [
        ("0,5", FixedDecimal(micros: 500_000)), ("1", FixedDecimal(1)), ("0.25", FixedDecimal(micros: 250_000)),
      ]
      let texts: [String?] = [nil, "Đã thẩm định", String(repeating: "ghi chú dài ", count: 40), "ok"]
      // Packed ids keep a length byte each: the longest that fits (255 bytes) is among them.
      let ids = [
        [], ["TL-01"], ["TL-01", "Quyết định số 12/QĐ-UBND ngày 01/02/2025"], ["a", "b", "c"],
        [String(repeating: "x", count: 255), "Đ"],
      ]
      let dates: [CalendarDate?] = [
        nil, CalendarDate(year: 1, month: 1, day: 1), CalendarDate(year: 9999, month: 12, day: 31),
        CalendarDate(year: 2024, month: 2, day: 29),
      ]
      let value = values[Int(random.next() % UInt64(values.count))]
      let point = points[Int(random.next() % UInt64(points.count))]
      let claim: LeafEntry.Claim
      switch random.next() % 3 {
      case 0: claim = .value(value)
      case 1: claim = .points(point.1)
      default: claim = .valueAndPoints(value, point.1)
      }
      return Parts(
        unit: Int(random.next() % UInt64(unitIDs.count)), leaf: Int(random.next() % UInt64(codes.count)), claim: claim,
        pointsText: claim.points == nil ? nil : point.0, evidenceIDs: ids[Int(random.next() % UInt64(ids.count))],
        remark: texts[Int(random.next() % UInt64(texts.count))],
        appraiser: texts[Int(random.next() % UInt64(texts.count))], date: dates[Int(random.next() % 4)], line: line)
    }

    func boxed(_ table: TableOrigin) -> LeafEntry {
      LeafEntry(
        unitID: LeafRowStorageTests.unitIDs[unit], code: LeafRowStorageTests.codes[leaf], claim: claim,
        pointsText: pointsText, evidenceIDs: evidenceIDs, remark: remark, appraiser: appraiser, date: date,
        origin: RowOrigin(table: table, line: line))
    }
  }

  /// One row per (unit, leaf) at most, in a shuffled order, from two files.
  static func rows() -> (parts: [Parts], tables: [TableOrigin]) {
    var random = CodecRandom(seed: 2025)
    let tables = [TableOrigin(file: "assessment/A.csv"), TableOrigin(file: "assessment/B.csv")]
    var seen: Set<[Int]> = []
    var parts: [Parts] = []
    for line in 2..<200 {
      let row = Parts.random(using: &random, table: tables[line % 2], line: line)
      if seen.insert([row.unit, row.leaf]).inserted { parts.append(row) }
    }
    return (parts, tables)
  }

  @Test func aPackedRowIsTheRowAsWritten() throws {
    let (parts, tables) = Self.rows()
    var builder = LeafRowColumns.Builder(unitIDs: Self.unitIDs, codes: Self.codes)
    var indices: [Int] = []
    for (index, row) in parts.enumerated() {
      let origin = RowOrigin(table: tables[index % 2 == 0 ? 0 : 1], line: row.line)
      let packed = builder.append(
        unit: row.unit, leaf: row.leaf, claim: row.claim, pointsText: row.pointsText, evidenceIDs: row.evidenceIDs,
        remark: row.remark, appraiser: row.appraiser, date: row.date, origin: origin)
      indices.append(try #require(packed))
      #expect(packed == index)
      #expect(builder.origin(indices.last!) == origin)
    }
    let columns = builder.finish()
    for (index, row) in parts.enumerated() {
      let packed = LeafEntry(columns, row: indices[index])
      let boxed = row.boxed(tables[index % 2 == 0 ? 0 : 1])
      #expect(packed.unitID == boxed.unitID && packed.code == boxed.code && packed.claim == boxed.claim)
      #expect(packed.value == boxed.value && packed.points == boxed.points && packed.pointsText == boxed.pointsText)
      #expect(packed.evidenceIDs == boxed.evidenceIDs && Array(packed.citedIDs) == boxed.evidenceIDs)
      #expect(packed.citedIDs.count == boxed.evidenceIDs.count)
      #expect(packed.citedIDs.isEmpty == boxed.evidenceIDs.isEmpty && Array(boxed.citedIDs) == boxed.evidenceIDs)
      #expect(packed.remark == boxed.remark && packed.appraiser == boxed.appraiser && packed.date == boxed.date)
      #expect(packed.origin == boxed.origin && packed.origin.table === boxed.origin.table)
      #expect(packed == boxed && boxed == packed && packed.hashValue == boxed.hashValue)
    }
    // Rows that differ in one part are not equal, wherever they are kept.
    #expect(LeafEntry(columns, row: indices[0]) != LeafEntry(columns, row: indices[1]))
  }

  @Test func denseRowsAreFoundAsTheTablesByCodeFindThem() throws {
    let (parts, tables) = Self.rows()
    var builder = LeafRowColumns.Builder(unitIDs: Self.unitIDs, codes: Self.codes)
    var keyed: [String: [String: LeafEntry]] = [:]
    for (index, row) in parts.enumerated() {
      let table = tables[index % 2 == 0 ? 0 : 1]
      let packed = builder.append(
        unit: row.unit, leaf: row.leaf, claim: row.claim, pointsText: row.pointsText, evidenceIDs: row.evidenceIDs,
        remark: row.remark, appraiser: row.appraiser, date: row.date, origin: RowOrigin(table: table, line: row.line))
      #expect(packed == index)
      keyed[Self.unitIDs[row.unit], default: [:]][Self.codes[row.leaf]] = row.boxed(table)
    }
    let dense = LeafRows(builder.finish())
    let byCode = LeafRows(keyed)
    #expect(dense.byUnitID == keyed && dense.count == parts.count && byCode.count == parts.count)
    var visited: [LeafEntry] = []
    dense.visitEntries { visited.append($0) }
    #expect(Set(visited) == Set(keyed.values.flatMap(\.values)) && visited.count == parts.count)
    for id in Self.unitIDs + ["not listed"] {
      #expect(dense.isEmpty(unit: id) == (keyed[id] == nil))
      #expect(dense.rows(ofUnit: id) == (keyed[id] ?? [:]))
      for sameSet in [true, false] {
        let found = dense.unitRows(ofUnit: id, leafCount: Self.codes.count, sameSet: sameSet)
        let reference = byCode.unitRows(ofUnit: id, leafCount: Self.codes.count, sameSet: sameSet)
        #expect(found.isEmpty == (keyed[id] == nil) && reference.isEmpty == found.isEmpty)
        for (index, code) in Self.codes.enumerated() {
          #expect(found[leaf: index, code: code] == keyed[id]?[code])
          #expect(reference[leaf: index, code: code] == keyed[id]?[code])
        }
      }
    }
  }

  @Test func aRowTooLargeToPackIsKeptWhole() throws {
    let units = try Self.unitIDs.map { try AssessedUnit(id: $0, name: $0, group: "xã") }
    var collector = RowReader.EntryCollector(units: units, codes: Self.codes)
    let table = TableOrigin(file: "assessment.csv")
    let far = Int(Int32.max) + 1
    #expect(collector.take(0) && collector.take(1))
    collector.add(
      unit: 0, leaf: 0, code: "1.1", claim: .value("có"), pointsText: nil, evidenceIDs: ["TL"], remark: nil,
      appraiser: nil, date: nil, origin: RowOrigin(table: table, line: far))
    collector.add(
      unit: 0, leaf: 1, code: "1.2", claim: .points(FixedDecimal(1)), pointsText: "1", evidenceIDs: [], remark: "r",
      appraiser: nil, date: nil, origin: RowOrigin(table: table, line: 7))
    #expect(!collector.take(0) && !collector.take(1))
    #expect(collector.origin(of: 0)?.line == far && collector.origin(of: 1)?.line == 7)
    // An evidence id of 256 bytes does not fit its length byte: that row is kept whole too.
    let longID = String(repeating: "é", count: 128)
    let free = collector.take(2)
    #expect(free)
    collector.add(
      unit: 0, leaf: 2, code: "1.3", claim: .value("có"), pointsText: nil, evidenceIDs: ["TL", longID], remark: nil,
      appraiser: nil, date: nil, origin: RowOrigin(table: table, line: 9))
    let rows = collector.finish().byUnitID
    #expect(rows["A"]?["1.3"]?.evidenceIDs == ["TL", longID] && rows["A"]?["1.3"]?.citedIDs.count == 2)
    #expect(rows["A"]?["1.1"]?.origin.line == far && rows["A"]?["1.1"]?.evidenceIDs == ["TL"])
    #expect(rows["A"]?["1.2"]?.points == FixedDecimal(1) && rows["A"]?["1.2"]?.remark == "r" && rows.count == 1)
    #expect(rows["A"]?.count == 3)
  }

  @Test func everySecondRowNamesItsFirst() throws {
    // The table of first rows is made at the first repeat: rows read after it are in it too.
    let units = try ["A", "B"].map { try AssessedUnit(id: $0, name: $0, group: "xã") }
    let year = try TemporaryYear([
      "assessment.csv": "unit_id,code,value\nA,1.1,có\nA,1.1,không\nB,1.2,có\nB,1.2,không\nA,1.1,có\n"
    ])
    #expect {
      try YearLoader.readEntries(
        at: year.path + "/assessment.csv", criteria: Mini.criteria, units: units, appraisal: false)
    } throws: { error in
      let firsts = ((error as? Diagnostics)?.errors ?? []).map { diagnostic -> Message.EarlierRow? in
        if case .duplicateRow(_, let first) = diagnostic.message { return first }
        return nil
      }
      return firsts == [.line(2), .line(4), .line(2)]
    }
  }

  @Test func aPackedDocumentIsTheDocumentAsListed() throws {
    let units = try Self.unitIDs.map { try AssessedUnit(id: $0, name: $0, group: "xã") }
    var collector = RowReader.EvidenceCollector(units: units)
    var random = CodecRandom(seed: 14)
    let texts: [String?] = [nil, "83/KH-UBND", "Ủy ban nhân dân xã", String(repeating: "trích yếu ", count: 50)]
    let dates: [CalendarDate?] = [
      nil, CalendarDate(year: 2025, month: 12, day: 31), CalendarDate(year: 1, month: 1, day: 1),
    ]
    let table = TableOrigin(file: "evidence.csv")
    var expected: [String: [String: (EvidenceDocument, Int)]] = [:]
    for line in 2..<120 {
      let unit = Int(random.next() % UInt64(units.count))
      let id = "TL-\(random.next() % 40)"
      guard collector.origin(unit: unit, id: id) == nil else {
        #expect(collector.origin(unit: unit, id: id)?.line == expected[units[unit].id]?[id]?.1)
        continue
      }
      let pick = { (list: [String?]) in list[Int(random.next() % UInt64(list.count))] }
      let (title, number, issuer, location) = (pick(texts) ?? "", pick(texts), pick(texts), pick(texts))
      let date = dates[Int(random.next() % UInt64(dates.count))]
      // A line past 2³¹ does not fit the packed form: that document is kept boxed.
      let origin = RowOrigin(table: table, line: line == 50 ? Int(Int32.max) + 1 : line)
      collector.add(
        unit: unit, id: id, title: title, documentNumber: number, date: date, issuer: issuer, location: location,
        origin: origin)
      let document = try EvidenceDocument(
        id: id, unitID: units[unit].id, title: title.isEmpty ? "x" : title, documentNumber: number, date: date,
        issuer: issuer, location: location)
      expected[units[unit].id, default: [:]][id] = (document, origin.line)
      #expect(collector.origin(unit: unit, id: id) == origin)
    }
    // A title of 64 KiB does not fit the packed form's 16-bit lengths: kept boxed too.
    let longTitle = String(repeating: "Kế hoạch ", count: 7_000)
    collector.add(
      unit: 1, id: "TL-dài", title: longTitle, documentNumber: nil, date: nil, issuer: nil, location: "x",
      origin: RowOrigin(table: table, line: 120))
    expected[units[1].id, default: [:]]["TL-dài"] = (
      try EvidenceDocument(id: "TL-dài", unitID: units[1].id, title: longTitle, location: "x"), 120
    )
    #expect(collector.origin(unit: 1, id: "TL-dài")?.line == 120)
    let rows = collector.finish()
    let documents = rows.byUnitID
    #expect(documents.mapValues(\.count) == expected.mapValues(\.count))
    for unitID in Self.unitIDs {
      // Looked up one unit at a time, as the scorer does: the same documents, and no other.
      let unitDocuments = rows.documents(ofUnit: unitID)
      #expect(Set(unitDocuments.ids) == Set(expected[unitID]?.keys.map { $0 } ?? []))
      #expect(unitDocuments.byID == documents[unitID] ?? [:])
      #expect(unitDocuments["TL-40"] == nil && unitDocuments["tl-1"] == nil)
      for id in unitDocuments.ids { #expect(unitDocuments[id] == documents[unitID]?[id]) }
    }
    #expect(rows.documents(ofUnit: "not a unit").ids.isEmpty)
    for (unitID, byID) in expected {
      for (id, (document, _)) in byID {
        let packed = try #require(documents[unitID]?[id])
        #expect(packed.id == document.id && packed.unitID == document.unitID && packed.date == document.date)
        #expect(packed.documentNumber == document.documentNumber && packed.issuer == document.issuer)
        #expect(packed.location == document.location)
        if document.title == "x" {
          #expect(packed.title.isEmpty)
        } else {
          #expect(packed.title == document.title && packed == document && packed.hashValue == document.hashValue)
        }
      }
    }
  }

  @Test func storageWithRoomToSpareIsCopiedToItsSize() {
    // A text arena doubles as it grows: frozen, it must not keep the room it never used.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(1 << 20)
    bytes.append(contentsOf: (0..<1000).map { UInt8($0 % 251) })
    let fitted = PackedStorage.fitted(bytes)
    #expect(fitted == bytes && fitted.capacity < 2000 && bytes.capacity >= 1 << 20)
    // Storage that is about full is kept as it is.
    let full = [UInt8](repeating: 1, count: 1000)
    #expect(PackedStorage.fitted(full) == full && PackedStorage.fitted(full).capacity == full.capacity)
  }

  @Test func theDocumentIndexFindsEveryEntryAndNoOther() {
    // Entries are (unit, id) pairs kept outside the table, as the collector keeps them.
    struct Keys: DocumentEntries {
      var list: [(unit: Int, id: String)] = []
      func unit(_ entry: Int32) -> Int { list[Int(entry)].unit }
      func id(_ entry: Int32) -> String { list[Int(entry)].id }
    }
    var keys = Keys()
    var index = DocumentIndex()
    index.reserve(100)
    func find(_ unit: Int, _ id: String) -> Int32? { index.find(unit: unit, id: id, in: keys) }
    for unit in 0..<50 {
      for number in 0..<60 where (unit + number) % 3 != 0 {
        let id = number % 7 == 0 ? "Tài liệu \(number)" : "TL-\(number)"
        #expect(find(unit, id) == nil)
        keys.list.append((unit, id))
        index.insert(Int32(keys.list.count - 1), unit: unit, id: id)
      }
    }
    #expect(index.count == keys.list.count)
    for (entry, key) in keys.list.enumerated() { #expect(find(key.unit, key.id) == Int32(entry)) }
    // An id is found as a dictionary finds it: by canonical equivalence (NFD "à" is NFC "à").
    #expect(find(1, "Ta\u{300}i liệu 7") == find(1, "Tài liệu 7") && find(1, "Tài liệu 7") != nil)
    // Also for marks that Foundation's normalisation does not order (U+1ADD, Unicode 17) and
    // other scripts: equal strings are one key, whatever their bytes.
    let newer = "TL-x\u{300}\u{1ADD}"
    #expect(newer == "TL-x\u{1ADD}\u{300}")
    for id in [newer, "文件-1"] {
      #expect(find(2, id) == nil)
      keys.list.append((2, id))
      index.insert(Int32(keys.list.count - 1), unit: 2, id: id)
    }
    #expect(
      find(2, "TL-x\u{1ADD}\u{300}") == Int32(keys.list.count - 2) && find(2, "文件-1") == Int32(keys.list.count - 1))
    #expect(find(3, newer) == nil && index.count == keys.list.count)
    // Absent: an id the unit lacks, one that only another unit has, one in another case.
    #expect(find(0, "TL-3") == nil && find(50, "TL-1") == nil && find(1, "tl-1") == nil)
  }

  @Test func citedDocumentsAreFoundFromTheRowsBytesAsByTheirIDs() throws {
    // The scorer looks a packed row's cited ids up from their bytes; a row built in code by
    // its strings. Both must find what a dictionary by id finds, NFD ids included.
    let units = try Self.unitIDs.map { try AssessedUnit(id: $0, name: $0, group: "xã") }
    var collector = RowReader.EvidenceCollector(units: units)
    let table = TableOrigin(file: "evidence.csv")
    let listed = ["TL-01", "Quyết định 12", "TL-dài", "x", "TL-x\u{300}\u{1ADD}"]
    for (line, id) in listed.enumerated() {
      collector.add(
        unit: 2, id: id, title: "t", documentNumber: nil, date: nil, issuer: nil, location: nil,
        origin: RowOrigin(table: table, line: line + 2))
    }
    // The same id in another order of its marks is the same id: a second row for it.
    #expect(collector.origin(unit: 2, id: "TL-x\u{1ADD}\u{300}")?.line == listed.count + 1)
    let documents = collector.finish().documents(ofUnit: Self.unitIDs[2])
    let cited = ["x", "TL-02", "Quyết định 12", "TL-da\u{300}i", "TL-01", "tl-01", "x", "TL-x\u{1ADD}\u{300}"]
    var builder = LeafRowColumns.Builder(unitIDs: Self.unitIDs, codes: Self.codes)
    let appended = builder.append(
      unit: 2, leaf: 0, claim: .value("có"), pointsText: nil, evidenceIDs: cited, remark: nil, appraiser: nil,
      date: nil, origin: RowOrigin(table: table, line: 2))
    let row = try #require(appended)
    let packed = LeafEntry(builder.finish(), row: row)
    let boxed = LeafEntry(
      unitID: Self.unitIDs[2], code: Self.codes[0], claim: .value("có"), pointsText: nil, evidenceIDs: cited,
      remark: nil, origin: RowOrigin(table: table, line: 2))
    let expected = ["x", "Quyết định 12", "TL-dài", "TL-01", "x", "TL-x\u{300}\u{1ADD}"]
    #expect(documents.documents(citedBy: packed.citedIDs).map(\.id) == expected)
    #expect(documents.documents(citedBy: boxed.citedIDs).map(\.id) == expected)
    let keyed = UnitDocuments(byID: documents.byID)
    #expect(keyed.documents(citedBy: packed.citedIDs).map(\.id) == expected)
  }

  @Test func roomForRowsIsBoundedByTheFileItself() throws {
    func bound(_ text: String) throws -> Int {
      try CSVTable.open(CSVReader(validated: Array(text.utf8), file: "assessment.csv"), kind: .assessment)
        .rowCountBound
    }
    let header = "unit_id,code,value\n"
    let rows = (0..<40).map { "U\($0),1.1,Đã hoàn thành đúng hạn theo kế hoạch\n" }.joined()
    // At least the rows a file holds, so their storage is sized once.
    #expect(try bound(header + rows) >= 40 && bound(header + rows) <= 41)
    #expect(try bound(header + rows.dropLast()) >= 40)
    #expect(try bound(header) <= 1)
    // A small file of blank lines claims no room for a row per line.
    let blank = header + String(repeating: "\n", count: 100_000)
    #expect(try bound(blank) <= 100_000 / 16 + 1)
  }
}
