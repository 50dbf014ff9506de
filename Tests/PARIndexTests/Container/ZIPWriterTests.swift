import Foundation
import Testing

@testable import PARIndex

/// ZIPWriter output: layout, determinism, limits, and round trips through ZIPArchive and Python.
@Suite struct ZIPWriterTests {
  /// A varied set of entries: empty, binary, UTF-8 names, a directory, one over 256 KiB.
  static func sampleEntries() -> [(String, [UInt8])] {
    var rng = TestRandom(state: 11)
    return [
      ("[Content_Types].xml", Array("<Types/>".utf8)),
      ("xl/worksheets/sheet1.xml", Array(String(repeating: "<row><c><v>1</v></c></row>", count: 20_000).utf8)),
      ("empty.bin", []),
      ("dir/", []),
      ("Bảng tính/dữ liệu.xml", Array("xin chào".utf8)),
      ("random.bin", rng.bytes(70_000)),
    ]
  }

  /// The archive of `sampleEntries`.
  static func sampleArchive() throws -> [UInt8] {
    var w = ZIPWriter()
    for (name, data) in sampleEntries() { try w.add(name, data) }
    return w.finish()
  }

  /// Writer output reads back with the same names, order and bytes.
  @Test func roundTripThroughZIPArchive() throws {
    let archive = try ZIPArchive(bytes: try Self.sampleArchive())
    let entries = Self.sampleEntries()
    #expect(archive.entries.map(\.name) == entries.map(\.0))
    for (e, (name, data)) in zip(archive.entries, entries) {
      #expect(e.method == 0)
      #expect(e.isUTF8)
      #expect(!e.hasDataDescriptor)
      #expect(e.crc32 == CRC32.checksum(data))
      #expect(try archive.contents(of: e) == data, "\(name)")
    }
  }

  /// A last entry whose name holds the ZIP64 locator's signature 20 bytes before the end
  /// record (found by the `zip` fuzz target: the reader took the name for a locator and
  /// refused the writer's own archive as ZIP64; Fuzz/regressions/zip-locator-in-name.bin).
  @Test func aNameHoldingTheZIP64LocatorSignatureReadsBack() throws {
    var writer = ZIPWriter()
    try writer.add("a.xml", Array("<a/>".utf8))
    let name = "PK\u{6}\u{7}" + String(repeating: "x", count: 16)
    try writer.add(name, Array("data".utf8))
    let archive = try ZIPArchive(bytes: writer.finish())
    #expect(archive.entries.map(\.name) == ["a.xml", name])
    #expect(try archive.contents(of: archive.entries[1]) == Array("data".utf8))
  }

  /// Random entry sets round-trip.
  @Test func randomEntriesRoundTrip() throws {
    var rng = TestRandom(state: 2024)
    for round in 0..<20 {
      var w = ZIPWriter()
      var entries: [(String, [UInt8])] = []
      for i in 0..<Int(rng.next() % 12) {
        let entry = ("r\(round)/e\(i)-\(rng.next() % 1000).bin", rng.bytes(Int(rng.next() % 5000)))
        entries.append(entry)
        try w.add(entry.0, entry.1)
      }
      let archive = try ZIPArchive(bytes: w.finish())
      #expect(archive.entries.map(\.name) == entries.map(\.0))
      for (e, (_, data)) in zip(archive.entries, entries) { #expect(try archive.contents(of: e) == data) }
    }
  }

  /// The same entries give the same bytes, dated 1980-01-01 00:00, flagged UTF-8.
  @Test func deterministicBytesAndFixedTimestamp() throws {
    let a = try Self.sampleArchive()
    let b = try Self.sampleArchive()
    #expect(a == b)
    // Local header: version 20, flags 0x0800 (UTF-8), method 0, time 0, date 1980-01-01 (0x0021).
    #expect(Array(a[0..<14]) == [0x50, 0x4B, 0x03, 0x04, 20, 0, 0x00, 0x08, 0, 0, 0, 0, 0x21, 0x00])
    let archive = try ZIPArchive(bytes: a)
    for e in archive.entries {
      #expect(a.le16(e.centralHeaderOffset + 12) == 0)
      #expect(a.le16(e.centralHeaderOffset + 14) == 0x0021)
      #expect(a.le16(e.centralHeaderOffset + 8) == 0x0800)
    }
  }

  /// Duplicate names and names over 65,535 bytes are refused.
  @Test func refusesDuplicateAndOverlongNames() throws {
    var w = ZIPWriter()
    try w.add("a.xml", [1])
    #expect(throws: ZIPError.writerDuplicateName(name: "a.xml")) { try w.add("a.xml", [2]) }
    let long = String(repeating: "x", count: 70_000)
    #expect(throws: ZIPError.writerNameTooLong(name: long, length: 70_000)) { try w.add(long, []) }
    #expect(w.count == 1)
  }

  /// The 65,536th entry and an archive over the size limit are refused.
  @Test func refusesWhatWouldNeedZIP64() throws {
    var w = ZIPWriter()
    for i in 0..<ZIPWriter.maxEntries { try w.add(String(i), []) }
    #expect(throws: ZIPError.writerTooManyEntries(limit: 65_535)) { try w.add("one more", []) }
    let archive = try ZIPArchive(bytes: w.finish(), limits: ZIPLimits(maxEntryCount: 70_000))
    #expect(archive.entries.count == 65_535)
    // The 4 GiB limit, lowered so the test stays small.
    var small = ZIPWriter(maxArchiveSize: 1_000)
    try small.add("a", [UInt8](repeating: 1, count: 800))
    #expect(throws: ZIPError.writerArchiveTooLarge(limit: 1_000)) {
      try small.add("b", [UInt8](repeating: 1, count: 100))
    }
    #expect(try ZIPArchive(bytes: small.finish()).entries.count == 1)
  }

  /// True when python3 runs here (the suite must pass without it).
  static let hasPython: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import zipfile"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do {
      try p.run()
      p.waitUntilExit()
      return p.terminationStatus == 0
    } catch {
      return false
    }
  }()

  /// Python's zipfile reads writer output (skipped without python3).
  @Test(.enabled(if: hasPython, "python3 is not installed"))
  func pythonZipfileReadsWriterOutput() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("zipkit-\(UUID().uuidString).zip")
    try Data(try Self.sampleArchive()).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let script = """
      import sys, zipfile, zlib
      with zipfile.ZipFile(sys.argv[1]) as z:
          assert z.testzip() is None
          for i in z.infolist():
              assert i.date_time == (1980, 1, 1, 0, 0, 0) and i.flag_bits & 0x800 and i.compress_type == 0
              print("%s\\t%d\\t%08x" % (i.filename, i.file_size, zlib.crc32(z.read(i))))
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, path.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    let expected = Self.sampleEntries().map { name, bytes in
      let crc = String(CRC32.checksum(bytes), radix: 16)
      return "\(name)\t\(bytes.count)\t\(String(repeating: "0", count: 8 - crc.count) + crc)"
    }
    #expect(lines == expected)
  }
}
