import Testing

@testable import PARIndex

/// Reading archives made by Python's zipfile and Info-ZIP, and refusing hostile ones.
@Suite struct ZIPArchiveTests {
  static let workbookNames = [
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
    "docProps/",
  ]

  /// Contents of every entry of the stored reference archive (checked by its CRCs).
  static let reference: [String: [UInt8]] = {
    guard let archive = try? ZIPArchive(bytes: ZIPFixtures.bytes("zip_stored.zip")) else { return [:] }
    var out: [String: [UInt8]] = [:]
    for e in archive.entries { out[e.name] = try? archive.contents(of: e) }
    return out
  }()

  // MARK: Valid archives

  /// Workbook-like archives from zipfile and Info-ZIP read back equal to the stored reference.
  @Test(arguments: ["zip_stored.zip", "zip_deflated.zip", "zip_descriptor.zip", "zip_infozip.zip"])
  func readsWorkbookArchives(_ file: String) throws {
    if file == "zip_infozip.zip" && !ZIPFixtures.exists(file) { return }
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes(file))
    #expect(Set(archive.entries.map(\.name)) == Set(Self.workbookNames))
    #expect(Self.reference.count == Self.workbookNames.count)
    for e in archive.entries {
      #expect(try archive.contents(of: e) == Self.reference[e.name], "\(file): \(e.name)")
    }
    let sheet = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
    #expect(sheet.method == (file == "zip_stored.zip" ? 0 : 8))
    #expect(sheet.hasDataDescriptor == (file == "zip_descriptor.zip"))
    #expect(archive.entry(named: "docProps/")?.isDirectory == true)
  }

  /// Entries keep central directory order and report their sizes and CRC.
  @Test func archiveOrderAndFields() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_deflated.zip"))
    #expect(archive.entries.map(\.name) == Self.workbookNames)
    #expect(archive.entries.map(\.index) == Array(0..<6))
    let sheet = archive.entries[3]
    #expect(sheet.uncompressedSize == UInt64(Self.reference[sheet.name]!.count))
    #expect(sheet.crc32 == CRC32.checksum(Self.reference[sheet.name]!))
    #expect(sheet.compressedSize < sheet.uncompressedSize)
    #expect(archive.comment.isEmpty)
  }

  /// Info-ZIP writing to a pipe (data descriptors) is read correctly.
  @Test func streamedFromAPipeByInfoZIP() throws {
    guard ZIPFixtures.exists("zip_infozip_stream.zip") else { return }
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_infozip_stream.zip"))
    #expect(archive.entries.map(\.name) == ["xl/workbook.xml", "xl/sharedStrings.xml"])
    for e in archive.entries { #expect(try archive.contents(of: e) == Self.reference[e.name]) }
  }

  /// A comment containing "PK\5\6" does not fool the end-record search.
  @Test func commentWithAFakeEndRecordSignature() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_comment.zip"))
    #expect(String(decoding: archive.comment, as: UTF8.self).hasPrefix("archive comment with a fake PK"))
    #expect(archive.entries.count == 3)
    for e in archive.entries { #expect(try archive.contents(of: e) == Self.reference[e.name]) }
  }

  /// A 65,535-byte comment is found; a wrong comment length is no end record.
  @Test func longestCommentIsFound() throws {
    var w = ZIPWriter()
    try w.add("a.txt", Array("abc".utf8))
    var bytes = w.finish()
    let comment = [UInt8](repeating: 0x50, count: 0xFFFF)
    poke16(&bytes, bytes.count - 2, 0xFFFF)
    bytes += comment
    let archive = try ZIPArchive(bytes: bytes)
    #expect(archive.comment == comment)
    #expect(try archive.contents(named: "a.txt") == Array("abc".utf8))
    // A comment length that does not reach the end of the file: no valid end record.
    #expect(openError(bytes + [0]) == .truncated(size: bytes.count + 1))
  }

  /// Names flagged UTF-8 decode as UTF-8.
  @Test func utf8Names() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_utf8.zip"))
    #expect(archive.entries.map(\.name) == ["xl/Tệp tin.xml", "数据/表.xml", "plain.txt"])
    #expect(archive.entries[0].isUTF8 && archive.entries[1].isUTF8)
    #expect(try archive.contents(named: "数据/表.xml") == Array("<b/>".utf8))
  }

  /// Unflagged names decode byte by byte and are found by that name.
  @Test func cp437NamesDecodeStablyByteByByte() throws {
    let raw = RawEntry("x", Array("data".utf8))
    var e = raw
    e.name = [0x63, 0x61, 0x66, 0x82, 0x2E, 0x78, 0x6D, 0x6C]  // "caf" + CP437 é + ".xml"
    let archive = try ZIPArchive(bytes: rawZIP([e]))
    #expect(archive.entries[0].name == "caf\u{82}.xml")
    #expect(archive.entries[0].nameBytes == e.name)
    #expect(!archive.entries[0].isUTF8)
    #expect(try archive.contents(named: "caf\u{82}.xml") == Array("data".utf8))
  }

  /// A name flagged UTF-8 that is not UTF-8 is refused.
  @Test func invalidUTF8NameIsRefused() {
    var e = RawEntry("x", [], flags: 0x0800)
    e.name = [0x61, 0xFF, 0x62]
    #expect(openError(rawZIP([e])) == .invalidName(index: 0))
  }

  /// An archive with no entries opens.
  @Test func emptyArchive() throws {
    let archive = try ZIPArchive(bytes: ZIPWriter().finish())
    #expect(archive.entries.isEmpty)
  }

  // MARK: Lookup

  /// Exact lookup is exact; tolerant lookup accepts a leading slash and other case.
  @Test func lookupToleratesALeadingSlashAndCase() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_deflated.zip"))
    #expect(archive.entry(named: "xl/workbook.xml")?.index == 2)
    #expect(archive.entry(named: "/xl/workbook.xml") == nil)
    #expect(archive.entry(named: "XL/Workbook.xml") == nil)
    #expect(archive.entry(matching: "xl/workbook.xml")?.index == 2)
    #expect(archive.entry(matching: "/xl/workbook.xml")?.index == 2)
    #expect(archive.entry(matching: "XL/Workbook.XML")?.index == 2)
    #expect(archive.entry(matching: "/xl/WORKSHEETS/sheet1.xml")?.index == 3)
    #expect(archive.entry(matching: "xl/workbook.xm") == nil)
    #expect(throws: ZIPError.entryNotFound(name: "nope.xml")) { try archive.contents(named: "nope.xml") }
  }

  /// Stored leading slashes are tolerated too; exact beats folded; ambiguity gives nil.
  @Test func lookupOfNamesStoredWithALeadingSlash() throws {
    var w = ZIPWriter()
    try w.add("/xl/workbook.xml", [1])
    try w.add("Sheet.xml", [2])
    try w.add("sheet.xml", [3])
    let archive = try ZIPArchive(bytes: w.finish())
    #expect(archive.entry(matching: "xl/workbook.xml")?.index == 0)
    #expect(archive.entry(matching: "/XL/workbook.xml")?.index == 0)
    // Exact matches win; a case-insensitive match must be unique.
    #expect(archive.entry(matching: "sheet.xml")?.index == 2)
    #expect(archive.entry(matching: "Sheet.xml")?.index == 1)
    #expect(archive.entry(matching: "SHEET.xml") == nil)
  }

  // MARK: Streaming

  /// Streaming verifies the entry, can stop early, and refuses foreign entries.
  @Test func streamingVerifiesAndStopsEarly() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_deflated.zip"))
    let sheet = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
    var collected: [UInt8] = []
    #expect(
      try archive.stream(sheet) {
        collected += $0
        return true
      })
    #expect(collected == Self.reference[sheet.name])
    var pieces = 0
    #expect(
      try !archive.stream(sheet) { _ in
        pieces += 1
        return false
      })
    #expect(pieces == 1)
    // An entry that is not from this archive.
    let other = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_utf8.zip"))
    #expect(throws: ZIPError.entryNotFound(name: "xl/Tệp tin.xml")) {
      try archive.stream(other.entries[0]) { _ in true }
    }
  }

  /// A corrupted stored entry is delivered in full and then fails its CRC check.
  @Test func corruptStreamedEntryIsDetected() throws {
    // A stored entry with one byte flipped: the pieces arrive, then the CRC check fails.
    var w = ZIPWriter()
    try w.add("big.bin", randomBytes(600_000, seed: 3))
    var bytes = w.finish()
    bytes[300_000] ^= 1
    let archive = try ZIPArchive(bytes: bytes)
    var received = 0
    #expect(throws: ZIPError.self) {
      try archive.stream(archive.entries[0]) {
        received += $0.count
        return true
      }
    }
    #expect(received == 600_000)
    guard case .crcMismatch(name: "big.bin", _, _) = readError(archive, "big.bin") else {
      Issue.record("CRC mismatch not reported")
      return
    }
  }

  // MARK: Not a ZIP, truncated, unsupported

  /// Random bytes, text and empty input are not ZIP archives.
  @Test func notAZIP() {
    #expect(openError([]) == .notAZIP)
    #expect(openError(Array("hello, world".utf8)) == .notAZIP)
    #expect(openError(randomBytes(100_000, seed: 5)) == .notAZIP)
    #expect(openError(ZIPFixtures.bytes("text.bin")) == .notAZIP)
  }

  /// An archive cut anywhere is reported truncated (or not a ZIP when under 4 bytes).
  @Test(arguments: ["zip_deflated.zip", "zip_descriptor.zip", "zip_utf8.zip"])
  func truncatedAtManyOffsets(_ file: String) {
    let bytes = ZIPFixtures.bytes(file)
    let step = bytes.count > 2000 ? 37 : 1
    for cut in stride(from: 0, to: bytes.count, by: step) {
      let error = openError(Array(bytes.prefix(cut)))
      #expect(error == (cut < 4 ? .notAZIP : .truncated(size: cut)), "cut \(cut)")
    }
  }

  /// Removing one byte anywhere is detected when opening or reading.
  @Test func bytesCutOutOfTheMiddleAreDetected() throws {
    // Removing bytes keeps a valid-looking end record whose offsets no longer fit.
    let bytes = ZIPFixtures.bytes("zip_deflated.zip")
    for cut in stride(from: 0, to: bytes.count - 22, by: 211) {
      var damaged = bytes
      damaged.remove(at: cut)
      do {
        let archive = try ZIPArchive(bytes: damaged)
        for e in archive.entries { _ = try archive.contents(of: e) }
        Issue.record("damage at \(cut) not detected")
      } catch {}
    }
  }

  /// Disk numbers or per-disk counts other than a single disk are refused.
  @Test func multiDisk() {
    var bytes = ZIPFixtures.bytes("zip_stored.zip")
    let eocd = bytes.count - 22
    poke16(&bytes, eocd + 4, 1)
    #expect(openError(bytes) == .multiDisk)
    var other = ZIPFixtures.bytes("zip_stored.zip")
    poke16(&other, eocd + 8, 5)
    #expect(openError(other) == .multiDisk)
  }

  /// ZIP64 end records and 0xFFFFFFFF sizes or offsets are refused.
  @Test func zip64IsRefused() {
    #expect(openError(ZIPFixtures.bytes("zip64_eocd.zip")) == .zip64(entry: nil))
    // zipfile also wrote ZIP64 end records here (its offsets passed the lowered limit).
    #expect(openError(ZIPFixtures.bytes("zip64_sizes.zip")) == .zip64(entry: nil))
    var sizes = RawEntry("sheet.xml", [1, 2, 3])
    sizes.compressedSize = 0xFFFF_FFFF
    #expect(openError(rawZIP([sizes])) == .zip64(entry: "sheet.xml"))
    var e = RawEntry("big.xml", [1, 2, 3])
    e.localOffset = 0xFFFF_FFFF
    #expect(openError(rawZIP([e])) == .zip64(entry: "big.xml"))
    var bytes = rawZIP([RawEntry("a", [1])])
    poke32(&bytes, bytes.count - 6, 0xFFFF_FFFF)  // central directory offset
    #expect(openError(bytes) == .zip64(entry: nil))
  }

  /// Encrypted entries (zip -P, or flag bit 0) are refused by name.
  @Test func encryptedEntriesAreRefused() throws {
    if ZIPFixtures.exists("zip_encrypted.zip") {
      let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_encrypted.zip"))
      #expect(archive.entries.filter { !$0.isDirectory }.allSatisfy { $0.isEncrypted })
      #expect(readError(archive, "xl/workbook.xml") == .encrypted(name: "xl/workbook.xml"))
    }
    let archive = try ZIPArchive(bytes: rawZIP([RawEntry("secret.xml", [1, 2, 3], flags: 1)]))
    #expect(readError(archive, "secret.xml") == .encrypted(name: "secret.xml"))
  }

  /// Methods other than 0 and 8 are refused with their number.
  @Test func unsupportedMethodIsNamed() throws {
    for method: UInt16 in [1, 9, 12, 14, 93, 99] {
      let archive = try ZIPArchive(bytes: rawZIP([RawEntry("a.xml", [1, 2, 3], method: method)]))
      #expect(readError(archive, "a.xml") == .unsupportedMethod(name: "a.xml", method: method))
    }
  }

  // MARK: Inconsistent headers

  /// Each local header field that disagrees with the central directory is named.
  @Test func localHeaderMismatches() throws {
    let good = ZIPFixtures.bytes("zip_deflated.zip")
    let archive = try ZIPArchive(bytes: good)
    let e = try #require(archive.entry(named: "xl/workbook.xml"))
    let local = e.localHeaderOffset
    let cases: [(Int, ZIPHeaderField)] = [
      (local, .signature), (local + 8, .method), (local + 30, .name), (local + 14, .crc),
      (local + 18, .compressedSize), (local + 22, .uncompressedSize), (local + 6, .flags),
    ]
    for (offset, field) in cases {
      var bytes = good
      bytes[offset] ^= 1
      let damaged = try ZIPArchive(bytes: bytes)
      #expect(readError(damaged, e.name) == .localHeaderMismatch(name: e.name, field: field), "\(field)")
    }
  }

  /// A wrong CRC is reported with the entry name, with or without a data descriptor.
  @Test func crcMismatchNamesTheEntry() throws {
    // CRC changed in both headers: the data no longer matches it.
    var bytes = ZIPFixtures.bytes("zip_deflated.zip")
    let archive = try ZIPArchive(bytes: bytes)
    let e = try #require(archive.entry(named: "xl/sharedStrings.xml"))
    poke32(&bytes, e.localHeaderOffset + 14, e.crc32 ^ 0x10)
    poke32(&bytes, e.centralHeaderOffset + 16, e.crc32 ^ 0x10)
    let damaged = try ZIPArchive(bytes: bytes)
    #expect(
      readError(damaged, e.name) == .crcMismatch(name: e.name, expected: e.crc32 ^ 0x10, actual: e.crc32))
    // With a data descriptor only the central directory counts.
    var described = ZIPFixtures.bytes("zip_descriptor.zip")
    let d = try #require(try ZIPArchive(bytes: described).entry(named: "xl/workbook.xml"))
    poke32(&described, d.centralHeaderOffset + 16, 0x1234_5678)
    #expect(
      readError(try ZIPArchive(bytes: described), d.name)
        == .crcMismatch(name: d.name, expected: 0x1234_5678, actual: d.crc32))
  }

  /// Flipping a bit anywhere in deflated data is always an error.
  @Test func flippedDataBitsAreAlwaysDetected() throws {
    let good = ZIPFixtures.bytes("zip_deflated.zip")
    let archive = try ZIPArchive(bytes: good)
    let e = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
    let start = e.localHeaderOffset + 30 + e.nameBytes.count
    for k in stride(from: 0, to: Int(e.compressedSize), by: 53) {
      var bytes = good
      bytes[start + k] ^= UInt8(1 << (k % 8))
      let damaged = try ZIPArchive(bytes: bytes)
      #expect(readError(damaged, e.name) != nil, "byte \(k)")
    }
  }

  /// Declared sizes that disagree with the data are refused, each with its own error.
  @Test func sizeMismatches() throws {
    let data = Array("hello, hello, hello, hello".utf8)
    let deflated = try Inflate.inflate(ZIPFixtures.bytes("trailing.deflate").prefix(807).map { $0 }, outputLimit: 3000)
    // Stored entry whose two sizes differ.
    var stored = RawEntry("s.txt", data)
    stored.uncompressedSize = UInt32(data.count + 1)
    let s = try ZIPArchive(bytes: rawZIP([stored]))
    #expect(
      readError(s, "s.txt")
        == .sizeMismatch(name: "s.txt", declared: UInt64(data.count + 1), actual: UInt64(data.count)))
    // Deflated entry declaring more than it holds.
    let stream = Array(ZIPFixtures.bytes("trailing.deflate").prefix(807))
    var more = RawEntry("d.xml", stream, method: 8)
    more.uncompressedSize = 3001
    more.crc = CRC32.checksum(deflated)
    let m = try ZIPArchive(bytes: rawZIP([more]))
    #expect(readError(m, "d.xml") == .sizeMismatch(name: "d.xml", declared: 3001, actual: 3000))
    // Declaring less: decoding stops at the declared size.
    var less = more
    less.uncompressedSize = 2999
    let l = try ZIPArchive(bytes: rawZIP([less]))
    #expect(readError(l, "d.xml") == .dataExceedsDeclaredSize(name: "d.xml", declared: 2999))
    // Deflate data that ends before the declared compressed size.
    var trailing = RawEntry("t.xml", ZIPFixtures.bytes("trailing.deflate"), method: 8)
    trailing.uncompressedSize = 3000
    trailing.crc = CRC32.checksum(deflated)
    let t = try ZIPArchive(bytes: rawZIP([trailing]))
    #expect(readError(t, "t.xml") == .compressedSizeMismatch(name: "t.xml", declared: 823, actual: 807))
    // Truncated deflate data inside the entry.
    var short = RawEntry("c.xml", Array(stream.prefix(400)), method: 8)
    short.uncompressedSize = 3000
    let c = try ZIPArchive(bytes: rawZIP([short]))
    #expect(readError(c, "c.xml") == .corruptData(name: "c.xml", .truncatedInput(offset: 400)))
  }

  /// Two entries with one name are refused.
  @Test func duplicateNames() {
    #expect(openError(ZIPFixtures.bytes("zip_duplicate.zip")) == .duplicateEntry(name: "xl/workbook.xml"))
    #expect(
      openError(rawZIP([RawEntry("a", [1]), RawEntry("b", [2]), RawEntry("a", [3])])) == .duplicateEntry(name: "a"))
  }

  /// Shared local headers, data crossing into another entry, and wild offsets are refused.
  @Test func overlappingAndOutOfBoundsEntries() throws {
    // Two central records sharing one local header (the overlapping zip-bomb construction).
    var twin = RawEntry("b.xml", [9, 9])
    twin.localOffset = 0
    #expect(
      openError(rawZIP([RawEntry("a.xml", [1, 2, 3]), twin])) == .overlappingEntries(name: "b.xml", other: "a.xml"))
    // Data running into the next local header.
    var long = RawEntry("a.xml", [1, 2, 3])
    long.compressedSize = 40
    long.uncompressedSize = 40
    let archive = try ZIPArchive(bytes: rawZIP([long, RawEntry("b.xml", [4])]))
    #expect(readError(archive, "a.xml") == .overlappingEntries(name: "a.xml", other: "b.xml"))
    // Data running into the central directory, and a local header offset past the data area.
    var last = RawEntry("z.xml", [1, 2, 3])
    last.compressedSize = 10
    last.uncompressedSize = 10
    #expect(readError(try ZIPArchive(bytes: rawZIP([last])), "z.xml") == .entryOutOfBounds(name: "z.xml"))
    var far = RawEntry("f.xml", [1])
    far.localOffset = 1000
    #expect(openError(rawZIP([far])) == .entryOutOfBounds(name: "f.xml"))
  }

  /// Central directory offset, count or signature errors are refused.
  @Test func inconsistentCentralDirectory() {
    var bytes = ZIPFixtures.bytes("zip_stored.zip")
    let eocd = bytes.count - 22
    let cdOffset = Int(bytes.le32(eocd + 16))
    poke32(&bytes, eocd + 16, UInt32(cdOffset - 1))
    #expect(openError(bytes) == .invalidCentralDirectory(offset: cdOffset - 1))
    var count = ZIPFixtures.bytes("zip_stored.zip")
    poke16(&count, eocd + 8, 5)
    poke16(&count, eocd + 10, 5)
    guard case .invalidCentralDirectory = openError(count) else {
      Issue.record("wrong entry count accepted")
      return
    }
    var signature = ZIPFixtures.bytes("zip_stored.zip")
    signature[cdOffset] = 0
    #expect(openError(signature) == .invalidCentralDirectory(offset: cdOffset))
  }

  // MARK: Limits

  /// A bomb declaring 1000 bytes stops after 1000 bytes with a clear error.
  @Test func bombThatClaimsASmallSize() throws {
    let archive = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_bomb.zip"))
    let name = "xl/worksheets/sheet1.xml"
    #expect(readError(archive, name) == .dataExceedsDeclaredSize(name: name, declared: 1000))
    var seen = 0
    #expect(throws: ZIPError.dataExceedsDeclaredSize(name: name, declared: 1000)) {
      try archive.stream(archive.entries[0]) {
        seen += $0.count
        return true
      }
    }
    #expect(seen <= 1000)
  }

  /// A declared size over the entry limit is refused; the ratio limit backs it up.
  @Test func hugeDeclaredSize() {
    #expect(
      openError(ZIPFixtures.bytes("zip_huge_declared.zip"))
        == .entryTooLarge(name: "huge.xml", size: 3_000_000_000, limit: 1 << 30))
    // Under a larger per-entry limit the ratio limit still refuses it.
    guard
      case .ratioExceeded(name: "huge.xml", _, 3_000_000_000, 200) = openError(
        ZIPFixtures.bytes("zip_huge_declared.zip"), limits: ZIPLimits(maxEntryUncompressedSize: 1 << 32))
    else {
      Issue.record("ratio not checked")
      return
    }
  }

  /// Declared sizes adding up over the total limit are refused.
  @Test func totalSizeLimit() {
    let limits = ZIPLimits(maxTotalUncompressedSize: 100_000)
    guard case .totalSizeExceeded(_, 100_000) = openError(ZIPFixtures.bytes("zip_deflated.zip"), limits: limits) else {
      Issue.record("total limit not applied")
      return
    }
  }

  /// A declared ratio over the limit is refused when the entry is not exempt by size.
  @Test func ratioLimit() throws {
    // sharedStrings.xml (34,000 bytes of one repeated string) compresses far beyond 200:1.
    let limits = ZIPLimits(ratioExemptSize: 0)
    guard
      case .ratioExceeded(name: "xl/sharedStrings.xml", _, 34_011, 200) = openError(
        ZIPFixtures.bytes("zip_deflated.zip"), limits: limits)
    else {
      Issue.record("ratio limit not applied")
      return
    }
    _ = try ZIPArchive(bytes: ZIPFixtures.bytes("zip_deflated.zip"))
  }

  /// More entries than the limit are refused.
  @Test func entryCountLimit() throws {
    var w = ZIPWriter()
    for i in 0...10_000 { try w.add("e\(i)", []) }
    #expect(openError(w.finish()) == .tooManyEntries(count: 10_001, limit: 10_000))
    #expect(
      openError(ZIPFixtures.bytes("zip_stored.zip"), limits: ZIPLimits(maxEntryCount: 5))
        == .tooManyEntries(count: 6, limit: 5))
  }

  /// Names longer than the limit are refused with their index.
  @Test func nameLengthLimit() throws {
    var w = ZIPWriter()
    try w.add("ok", [])
    try w.add(String(repeating: "n", count: 1_025), [])
    #expect(openError(w.finish()) == .nameTooLong(index: 1, length: 1_025, limit: 1_024))
    #expect(
      openError(ZIPFixtures.bytes("zip_stored.zip"), limits: ZIPLimits(maxNameLength: 12))
        == .nameTooLong(index: 0, length: 19, limit: 12))
  }

  /// Every error has a short English description.
  @Test func errorDescriptionsAreShortEnglish() {
    let errors: [ZIPError] = [
      .notAZIP, .truncated(size: 3), .invalidCentralDirectory(offset: 9), .multiDisk, .zip64(entry: nil),
      .zip64(entry: "a"), .tooManyEntries(count: 2, limit: 1), .nameTooLong(index: 1, length: 2, limit: 1),
      .invalidName(index: 0), .duplicateEntry(name: "a"), .entryOutOfBounds(name: "a"),
      .overlappingEntries(name: "a", other: "b"), .entryTooLarge(name: "a", size: 2, limit: 1),
      .totalSizeExceeded(total: 2, limit: 1),
      .ratioExceeded(name: "a", compressedSize: 1, uncompressedSize: 2, limit: 1),
      .entryNotFound(name: "a"), .encrypted(name: "a"), .unsupportedMethod(name: "a", method: 12),
      .localHeaderMismatch(name: "a", field: .crc), .corruptData(name: "a", .truncatedInput(offset: 1)),
      .dataExceedsDeclaredSize(name: "a", declared: 1), .sizeMismatch(name: "a", declared: 1, actual: 2),
      .compressedSizeMismatch(name: "a", declared: 1, actual: 2), .crcMismatch(name: "a", expected: 1, actual: 2),
      .writerTooManyEntries(limit: 1), .writerArchiveTooLarge(limit: 1), .writerNameTooLong(name: "a", length: 70_000),
      .writerDuplicateName(name: "a"),
    ]
    #expect(Set(errors.map(\.description)).count == errors.count)
    for e in errors { #expect(e.description.count < 120, "\(e)") }
    #expect(ZIPError.unsupportedMethod(name: "a", method: 12).description.contains("12"))
    #expect(ZIPError.crcMismatch(name: "x.xml", expected: 1, actual: 2).description.contains("x.xml"))
  }
}
