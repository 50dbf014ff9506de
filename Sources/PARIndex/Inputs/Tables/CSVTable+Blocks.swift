/// From what size, and in what blocks, a year's text files are read without being held whole.
struct TextBlocks: Sendable, Hashable {
  /// Files of this many bytes or more are read in blocks; smaller ones whole.
  var threshold = 4 << 20
  /// The bytes read at a time.
  var blockSize = 1 << 20
  /// The bytes at the start of the file in which the header must be found.
  var headerBytes = 1 << 20
}

extension CSVTable {
  /// The regular file at `path` (named `name` in messages), when it has `sizes.threshold` bytes
  /// or more and is plain UTF-8, opened for its rows to be read in blocks: what a large
  /// `assessment.csv` or `evidence.csv` costs in memory is then a block, not the file.
  ///
  /// The file is first checked in one pass, block by block, for what ``TextDecoding`` takes
  /// as UTF-8 whole: valid UTF-8, no NUL byte, no workbook or UTF-16 byte order mark at its
  /// start. That pass also counts its lines and, with `digest`, takes its SHA-256. The header
  /// must be found surely in the first `sizes.headerBytes` (``open(_:kind:isWhole:)``).
  ///
  /// - Returns: the table, the encoding's name and the SHA-256; `nil` for any other file (a
  ///   smaller one, a pipe, another encoding, a NUL byte, a header not surely found), which is
  ///   then read whole, and so told what is wrong with it exactly as before.
  /// - Throws: the header's problems, as the whole file would give them.
  static func openInBlocks(
    path: String, name: String, kind: YearFileKind, digest: Bool, sizes: TextBlocks
  ) throws(Diagnostics) -> (table: CSVTable, encoding: String, sha256: String?)? {
    guard let status = SystemCalls.status(path), status.type == .regular, status.size >= sizes.threshold,
      let file = try? LineBlockFile(path: path), file.isRegular, file.size > 0
    else { return nil }
    // The header's lines first: a file with no line feed there (lone CRs, one huge line) is read
    // whole before the checking pass would grow its block to the whole file.
    guard var prefix = try? file.read(at: 0, count: sizes.headerBytes) else { return nil }
    let isWhole = prefix.count >= file.size
    if !isWhole {
      guard let last = prefix.lastIndex(of: 0x0A) else { return nil }
      prefix.removeSubrange((last + 1)...)
    }
    var hasher = digest ? SHA256() : nil
    var lineFeeds = 0
    var plain = true
    do {
      try file.forEachBlock(of: 0..<file.size, blockSize: sizes.blockSize) { block, _ in
        // Blocks end after a line feed, which is never inside a UTF-8 sequence: each block is
        // valid exactly when the whole file is.
        guard UTF8Text.firstInvalidOffset(in: block) == nil, TextDecoding.firstZero(in: block) == nil else {
          plain = false
          return false
        }
        lineFeeds += CSVReader.lineFeeds(in: block)
        hasher?.update(UnsafeRawBufferPointer(block))
        return true
      }
    } catch {
      return nil
    }
    guard plain, FileSniffer.container(prefix) == nil, UTF16Decoder.byteOrderMark(of: prefix) == nil,
      var table = try open(CSVReader(validated: prefix, file: name), kind: kind, isWhole: isWhole)
    else { return nil }
    let headerFeeds = prefix.withUnsafeBufferPointer {
      CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<table.bodyStart]))
    }
    table.blocks = Blocks(file: file, blockSize: sizes.blockSize, bodyLineFeeds: lineFeeds - headerFeeds)
    return (table, TextDecoding.utf8Name(of: prefix), hasher.map { SHA256.hex($0.finalize()) })
  }
}
