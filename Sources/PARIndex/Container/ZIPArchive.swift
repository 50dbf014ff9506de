/// Limits that keep a hostile archive from exhausting memory or time.
///
/// Sizes are checked against the central directory when the archive is opened, and every entry
/// is then decoded with its declared size as a hard output limit, so no entry can produce more
/// than it declared: the declared sizes bound everything extraction can produce.
struct ZIPLimits: Sendable, Equatable {
  /// Most uncompressed bytes all entries may declare together (extracting each once stays below it).
  var maxTotalUncompressedSize: UInt64
  /// Most uncompressed bytes one entry may declare.
  var maxEntryUncompressedSize: UInt64
  /// Largest uncompressed : compressed ratio an entry may declare (deflate's own maximum is about 1032).
  var maxCompressionRatio: UInt64
  /// Entries up to this uncompressed size are never refused for their ratio (tiny XML parts compress well).
  var ratioExemptSize: UInt64
  /// Most entries in the central directory.
  var maxEntryCount: Int
  /// Longest entry name, in bytes.
  var maxNameLength: Int

  /// Limits with the defaults meant for spreadsheets from untrusted users.
  init(
    maxTotalUncompressedSize: UInt64 = 1 << 30, maxEntryUncompressedSize: UInt64 = 1 << 30,
    maxCompressionRatio: UInt64 = 200, ratioExemptSize: UInt64 = 1 << 20, maxEntryCount: Int = 10_000,
    maxNameLength: Int = 1_024
  ) {
    self.maxTotalUncompressedSize = maxTotalUncompressedSize
    self.maxEntryUncompressedSize = maxEntryUncompressedSize
    self.maxCompressionRatio = maxCompressionRatio
    self.ratioExemptSize = ratioExemptSize
    self.maxEntryCount = maxEntryCount
    self.maxNameLength = maxNameLength
  }
}

/// One entry of the central directory.
struct ZIPEntry: Sendable, Equatable {
  /// Position in the central directory.
  let index: Int
  /// The name, decoded as UTF-8 (flag bit 11) or byte by byte as Latin-1 (CP437 stand-in).
  let name: String
  /// The name exactly as stored.
  let nameBytes: [UInt8]
  /// Compression method: 0 stored, 8 deflate (others are refused when read).
  let method: UInt16
  /// General-purpose bit flags.
  let flags: UInt16
  /// CRC-32 of the uncompressed data.
  let crc32: UInt32
  /// Size of the stored data.
  let compressedSize: UInt64
  /// Size once decompressed.
  let uncompressedSize: UInt64
  /// Offset of the local file header.
  let localHeaderOffset: Int
  /// Offset of this entry's central directory record.
  let centralHeaderOffset: Int

  /// Flag bit 0 (traditional encryption) or 6 (strong encryption).
  var isEncrypted: Bool { flags & 0x0041 != 0 }
  /// Flag bit 3: CRC and sizes follow the data; the central directory's values are authoritative.
  var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
  /// Flag bit 11: the name is UTF-8.
  var isUTF8: Bool { flags & 0x0800 != 0 }
  /// A directory entry (name ends with a slash).
  var isDirectory: Bool { nameBytes.last == UInt8(ascii: "/") }
}

/// A ZIP archive held in memory, read strictly.
///
/// Opening parses the end record and the central directory and applies `ZIPLimits`; reading an
/// entry checks its local header against the central directory, decodes it (stored or deflate)
/// within its declared size, and verifies size and CRC-32 at the end, also when streamed.
/// ZIP64, multi-disk, encrypted and other-method entries are refused with distinct errors.
struct ZIPArchive: Sendable {
  /// The archive bytes.
  let bytes: [UInt8]
  /// The limits this archive was opened with.
  let limits: ZIPLimits
  /// Entries in central directory order.
  let entries: [ZIPEntry]
  /// The archive comment.
  let comment: [UInt8]
  /// Offset of the central directory (entry data must lie before it).
  let centralDirectoryOffset: Int
  /// Exact name → entry index.
  private let byName: [String: Int]
  /// Lowercased name without a leading slash → entry index, or -1 when several entries share it.
  private let byFoldedName: [String: Int]
  /// For each entry, where the next entry's local header (or the central directory) starts.
  private let regionEnds: [Int]

  /// Opens `bytes` as a ZIP archive, refusing anything malformed, unsupported or over `limits`.
  init(bytes: [UInt8], limits: ZIPLimits = .init()) throws(ZIPError) {
    self.bytes = bytes
    self.limits = limits
    let eocd = try ZIPArchive.findEndRecord(bytes)
    let disk = bytes.le16(eocd + 4)
    let cdDisk = bytes.le16(eocd + 6)
    let diskEntries = Int(bytes.le16(eocd + 8))
    let count = Int(bytes.le16(eocd + 10))
    let cdSize = Int(bytes.le32(eocd + 12))
    let cdOffset = Int(bytes.le32(eocd + 16))
    if disk != 0 || cdDisk != 0 || diskEntries != count { throw .multiDisk }
    if cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF { throw .zip64(entry: nil) }
    // A ZIP64 locator sits just before the end record, after the central directory. When the
    // classic fields say the directory ends exactly at the end record, those 20 bytes are the
    // directory's own (a name may hold the signature: fuzz/regressions/zip-locator-in-name).
    if eocd >= 20 && bytes.le32(eocd - 20) == 0x0706_4B50 && cdOffset + cdSize != eocd { throw .zip64(entry: nil) }
    if count > limits.maxEntryCount { throw .tooManyEntries(count: count, limit: limits.maxEntryCount) }
    // The central directory must end exactly where the end record starts, and hold `count` records.
    guard cdOffset + cdSize == eocd, count * 46 <= cdSize else { throw .invalidCentralDirectory(offset: cdOffset) }
    comment = Array(bytes[(eocd + 22)...])
    centralDirectoryOffset = cdOffset

    var entries: [ZIPEntry] = []
    entries.reserveCapacity(count)
    var byName: [String: Int] = [:]
    var byFoldedName: [String: Int] = [:]
    var total: UInt64 = 0
    var p = cdOffset
    for index in 0..<count {
      guard p + 46 <= eocd, bytes.le32(p) == 0x0201_4B50 else { throw .invalidCentralDirectory(offset: p) }
      let flags = bytes.le16(p + 8)
      let method = bytes.le16(p + 10)
      let crc = bytes.le32(p + 16)
      let csize = bytes.le32(p + 20)
      let usize = bytes.le32(p + 24)
      let nameLength = Int(bytes.le16(p + 28))
      let extraLength = Int(bytes.le16(p + 30))
      let commentLength = Int(bytes.le16(p + 32))
      let startDisk = bytes.le16(p + 34)
      let localOffset = bytes.le32(p + 42)
      let next = p + 46 + nameLength + extraLength + commentLength
      guard next <= eocd else { throw .invalidCentralDirectory(offset: p) }
      if nameLength > limits.maxNameLength {
        throw .nameTooLong(index: index, length: nameLength, limit: limits.maxNameLength)
      }
      let nameBytes = Array(bytes[(p + 46)..<(p + 46 + nameLength)])
      guard let name = ZIPArchive.decodeName(nameBytes, utf8: flags & 0x0800 != 0) else {
        throw .invalidName(index: index)
      }
      if startDisk != 0 { throw .multiDisk }
      if csize == 0xFFFF_FFFF || usize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF { throw .zip64(entry: name) }
      let entry = ZIPEntry(
        index: index, name: name, nameBytes: nameBytes, method: method, flags: flags, crc32: crc,
        compressedSize: UInt64(csize), uncompressedSize: UInt64(usize), localHeaderOffset: Int(localOffset),
        centralHeaderOffset: p)
      try ZIPArchive.checkLimits(entry, limits)
      total += entry.uncompressedSize
      if total > limits.maxTotalUncompressedSize {
        throw .totalSizeExceeded(total: total, limit: limits.maxTotalUncompressedSize)
      }
      if entry.localHeaderOffset + 30 > cdOffset { throw .entryOutOfBounds(name: name) }
      if byName.updateValue(index, forKey: name) != nil { throw .duplicateEntry(name: name) }
      let folded = ZIPArchive.fold(name)
      byFoldedName[folded] = byFoldedName[folded] == nil ? index : -1
      entries.append(entry)
      p = next
    }
    guard p == eocd else { throw .invalidCentralDirectory(offset: p) }

    // Each entry owns the bytes up to the next local header: shared or crossing regions are refused.
    var regionEnds = [Int](repeating: cdOffset, count: count)
    let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
    for (k, i) in order.enumerated() where k + 1 < order.count {
      let j = order[k + 1]
      if entries[j].localHeaderOffset == entries[i].localHeaderOffset {
        throw .overlappingEntries(name: entries[j].name, other: entries[i].name)
      }
      regionEnds[i] = entries[j].localHeaderOffset
    }
    self.entries = entries
    self.byName = byName
    self.byFoldedName = byFoldedName
    self.regionEnds = regionEnds
  }

  /// Finds the end-of-central-directory record: the last signature, within the 65,535-byte comment
  /// window, whose comment length reaches exactly the end of the file.
  static func findEndRecord(_ bytes: [UInt8]) throws(ZIPError) -> Int {
    let looksLikeZIP = bytes.count >= 4 && bytes.le32(0) == 0x0403_4B50
    guard bytes.count >= 22 else { throw looksLikeZIP ? .truncated(size: bytes.count) : .notAZIP }
    let lowest = max(0, bytes.count - 22 - 0xFFFF)
    var i = bytes.count - 22
    while i >= lowest {
      if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06
        && i + 22 + Int(bytes.le16(i + 20)) == bytes.count
      {
        return i
      }
      i -= 1
    }
    throw looksLikeZIP ? .truncated(size: bytes.count) : .notAZIP
  }

  /// Decodes a stored name: UTF-8 when flagged (nil if invalid), else each byte as the scalar of
  /// the same value (exact for ASCII, a stable Latin-1 reading of other CP437 bytes).
  static func decodeName(_ raw: [UInt8], utf8: Bool) -> String? {
    if utf8 { return String(validating: raw, as: UTF8.self) }
    if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
    var scalars = String.UnicodeScalarView()
    for b in raw { scalars.append(Unicode.Scalar(b)) }
    return String(scalars)
  }

  /// The key of the tolerant lookup: no leading slash, lowercased.
  static func fold(_ name: String) -> String {
    (name.hasPrefix("/") ? String(name.dropFirst()) : name).lowercased()
  }

  /// Applies the per-entry size and ratio limits to the declared sizes.
  static func checkLimits(_ entry: ZIPEntry, _ limits: ZIPLimits) throws(ZIPError) {
    let size = entry.uncompressedSize
    if size > limits.maxEntryUncompressedSize {
      throw .entryTooLarge(name: entry.name, size: size, limit: limits.maxEntryUncompressedSize)
    }
    let (allowed, overflow) = entry.compressedSize.multipliedReportingOverflow(by: limits.maxCompressionRatio)
    if size > limits.ratioExemptSize && !overflow && size > allowed {
      throw .ratioExceeded(
        name: entry.name, compressedSize: entry.compressedSize, uncompressedSize: size,
        limit: limits.maxCompressionRatio)
    }
  }

  // MARK: Lookup

  /// The entry with exactly this name.
  func entry(named name: String) -> ZIPEntry? {
    byName[name].map { entries[$0] }
  }

  /// The entry a part name from a relationship file refers to: the exact name, else the name with
  /// a leading slash removed (or added), else the only entry equal to it ignoring case.
  func entry(matching name: String) -> ZIPEntry? {
    if let e = entry(named: name) { return e }
    if name.hasPrefix("/") {
      if let e = entry(named: String(name.dropFirst())) { return e }
    } else if let e = entry(named: "/" + name) {
      return e
    }
    guard let i = byFoldedName[ZIPArchive.fold(name)], i >= 0 else { return nil }
    return entries[i]
  }

  // MARK: Reading

  /// The whole decompressed, verified contents of `entry`.
  func contents(of entry: ZIPEntry) throws(ZIPError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(Int(min(entry.uncompressedSize, 64 << 20)))
    try stream(entry) { piece in
      out.append(contentsOf: piece)
      return true
    }
    return out
  }

  /// The contents of the entry `entry(matching: name)` finds.
  func contents(named name: String) throws(ZIPError) -> [UInt8] {
    guard let e = entry(matching: name) else { throw .entryNotFound(name: name) }
    return try contents(of: e)
  }

  /// Decompresses `entry`, handing its bytes to `chunk` piece by piece (at most ~256 KiB each).
  ///
  /// Size and CRC-32 are verified once the entry ends, so a corrupt entry always ends in an error
  /// (after some of its bytes were delivered: discard them then). `chunk` returns false to stop
  /// early; the result is then false and nothing is verified. Returns true when read and verified.
  @discardableResult
  func stream(_ entry: ZIPEntry, chunk: (UnsafeRawBufferPointer) -> Bool) throws(ZIPError) -> Bool {
    guard entry.index < entries.count, entries[entry.index] == entry else {
      throw .entryNotFound(name: entry.name)
    }
    let name = entry.name
    if entry.isEncrypted || entry.flags & 0x2000 != 0 { throw .encrypted(name: name) }
    guard entry.method == 0 || entry.method == 8 else {
      throw .unsupportedMethod(name: name, method: entry.method)
    }
    let start = try dataOffset(of: entry)
    let csize = Int(entry.compressedSize)
    let declared = entry.uncompressedSize
    var crc = CRC32()
    var produced = 0
    var stopped = false
    try bytes.withRawBytes { (raw) throws(ZIPError) in
      let data = UnsafeRawBufferPointer(rebasing: raw[start..<(start + csize)])
      if entry.method == 0 {
        guard entry.compressedSize == declared else {
          throw .sizeMismatch(name: name, declared: declared, actual: entry.compressedSize)
        }
        var offset = 0
        while offset < csize {
          let piece = UnsafeRawBufferPointer(rebasing: data[offset..<min(csize, offset + Inflate.chunkSize)])
          crc.update(piece)
          produced += piece.count
          offset += piece.count
          if !chunk(piece) {
            stopped = true
            return
          }
        }
        return
      }
      let consumed: Int
      do throws(InflateError) {
        consumed = try Inflate.inflate(data, outputLimit: Int(declared)) { piece in
          crc.update(piece)
          produced += piece.count
          if chunk(piece) { return true }
          stopped = true
          return false
        }.consumedInput
      } catch .outputLimitExceeded {
        throw .dataExceedsDeclaredSize(name: name, declared: declared)
      } catch {
        throw .corruptData(name: name, error)
      }
      if !stopped && consumed != csize {
        throw .compressedSizeMismatch(name: name, declared: entry.compressedSize, actual: UInt64(consumed))
      }
    }
    if stopped { return false }
    if UInt64(produced) != declared { throw .sizeMismatch(name: name, declared: declared, actual: UInt64(produced)) }
    if crc.value != entry.crc32 { throw .crcMismatch(name: name, expected: entry.crc32, actual: crc.value) }
    return true
  }

  /// Checks the local header of `entry` against the central directory and returns where its data starts.
  func dataOffset(of entry: ZIPEntry) throws(ZIPError) -> Int {
    let name = entry.name
    let offset = entry.localHeaderOffset
    let regionEnd = regionEnds[entry.index]
    // Past the region means crossing into the next entry's header, unless the region is the last one.
    let outOfRegion: ZIPError =
      regionEnd == centralDirectoryOffset
      ? .entryOutOfBounds(name: name)
      : .overlappingEntries(name: name, other: entries.first { $0.localHeaderOffset == regionEnd }?.name ?? "")
    guard offset + 30 <= regionEnd else { throw outOfRegion }
    guard bytes.le32(offset) == 0x0403_4B50 else { throw .localHeaderMismatch(name: name, field: .signature) }
    let flags = bytes.le16(offset + 6)
    guard bytes.le16(offset + 8) == entry.method else { throw .localHeaderMismatch(name: name, field: .method) }
    guard flags & 0x0041 == entry.flags & 0x0041 else { throw .localHeaderMismatch(name: name, field: .flags) }
    let nameLength = Int(bytes.le16(offset + 26))
    let extraLength = Int(bytes.le16(offset + 28))
    let start = offset + 30 + nameLength + extraLength
    guard start <= regionEnd else { throw outOfRegion }
    guard bytes[(offset + 30)..<(offset + 30 + nameLength)].elementsEqual(entry.nameBytes) else {
      throw .localHeaderMismatch(name: name, field: .name)
    }
    if flags & 0x0008 == 0 {
      // Without a data descriptor the local header must carry the same CRC and sizes.
      let lcsize = bytes.le32(offset + 18)
      let lusize = bytes.le32(offset + 22)
      if lcsize == 0xFFFF_FFFF || lusize == 0xFFFF_FFFF { throw .zip64(entry: name) }
      guard bytes.le32(offset + 14) == entry.crc32 else { throw .localHeaderMismatch(name: name, field: .crc) }
      guard UInt64(lcsize) == entry.compressedSize else {
        throw .localHeaderMismatch(name: name, field: .compressedSize)
      }
      guard UInt64(lusize) == entry.uncompressedSize else {
        throw .localHeaderMismatch(name: name, field: .uncompressedSize)
      }
    }
    guard start + Int(entry.compressedSize) <= regionEnd else { throw outOfRegion }
    return start
  }
}
