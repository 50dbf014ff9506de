/// Writes a ZIP archive of stored (method 0) entries, in the order added.
///
/// Output is deterministic: every entry gets the DOS timestamp 1980-01-01 00:00, UTF-8 names
/// (flag bit 11) and no extra fields, so the same entries always give the same bytes. Archives
/// that would need ZIP64 (more than 65,535 entries or 4 GiB) are refused when an entry is added.
struct ZIPWriter: Sendable {
  /// Most entries a classic (non-ZIP64) archive holds.
  static let maxEntries = 0xFFFF
  /// Most bytes the finished archive may take (4 GiB − 1 unless lowered, e.g. by tests).
  let maxArchiveSize: UInt64
  /// Local headers and data written so far.
  private var body: [UInt8] = []
  /// Central directory records written so far.
  private var central: [UInt8] = []
  /// Names added so far.
  private var names: Set<String> = []
  /// Number of entries added.
  private(set) var count = 0

  /// DOS date of 1980-01-01 (time 00:00 is 0).
  static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

  /// Starts an empty archive; `maxArchiveSize` (at most 4 GiB − 1) bounds the finished size.
  init(maxArchiveSize: UInt64 = UInt64(UInt32.max)) {
    self.maxArchiveSize = min(maxArchiveSize, UInt64(UInt32.max))
  }

  /// Adds a stored entry. Refuses duplicate or over-long names and anything needing ZIP64.
  mutating func add(_ name: String, _ bytes: [UInt8]) throws(ZIPError) {
    let nameBytes = Array(name.utf8)
    guard nameBytes.count <= 0xFFFF else { throw .writerNameTooLong(name: name, length: nameBytes.count) }
    guard !names.contains(name) else { throw .writerDuplicateName(name: name) }
    guard count < ZIPWriter.maxEntries else { throw .writerTooManyEntries(limit: ZIPWriter.maxEntries) }
    // Finished size after this entry: bodies + local headers, central records, end record.
    let finished =
      UInt64(body.count) + UInt64(30 + nameBytes.count + bytes.count) + UInt64(central.count)
      + UInt64(46 + nameBytes.count) + 22
    guard finished <= maxArchiveSize else { throw .writerArchiveTooLarge(limit: maxArchiveSize) }

    let crc = CRC32.checksum(bytes)
    let size = UInt32(bytes.count)
    let offset = UInt32(body.count)
    // Local file header.
    body.appendLE32(0x0403_4B50)
    ZIPWriter.appendCommon(&body, nameLength: nameBytes.count, crc: crc, size: size)
    body.appendLE16(0)  // extra length
    body += nameBytes
    body += bytes
    // Central directory record.
    central.appendLE32(0x0201_4B50)
    central.appendLE16(20)  // made by: MS-DOS, version 2.0
    ZIPWriter.appendCommon(&central, nameLength: nameBytes.count, crc: crc, size: size)
    central.appendLE16(0)  // extra length
    central.appendLE16(0)  // comment length
    central.appendLE16(0)  // disk number start
    central.appendLE16(0)  // internal attributes
    central.appendLE32(0)  // external attributes
    central.appendLE32(offset)
    central += nameBytes
    names.insert(name)
    count += 1
  }

  /// Appends the fields local and central headers share: version needed … name length.
  /// (Static: a method on `self` taking `&body` inout would copy the whole buffer on every call.)
  private static func appendCommon(_ out: inout [UInt8], nameLength: Int, crc: UInt32, size: UInt32) {
    out.appendLE16(20)  // version needed: 2.0
    out.appendLE16(0x0800)  // flags: UTF-8 name
    out.appendLE16(0)  // method: stored
    out.appendLE16(0)  // time 00:00:00
    out.appendLE16(ZIPWriter.dosDate)
    out.appendLE32(crc)
    out.appendLE32(size)  // compressed size
    out.appendLE32(size)  // uncompressed size
    out.appendLE16(UInt16(nameLength))
  }

  /// The finished archive: entries, central directory and end record.
  consuming func finish() -> [UInt8] {
    var out = body
    out.reserveCapacity(body.count + central.count + 22)
    out += central
    out.appendLE32(0x0605_4B50)
    out.appendLE16(0)  // this disk
    out.appendLE16(0)  // disk with the central directory
    out.appendLE16(UInt16(count))
    out.appendLE16(UInt16(count))
    out.appendLE32(UInt32(central.count))
    out.appendLE32(UInt32(body.count))
    out.appendLE16(0)  // comment length
    return out
  }
}
