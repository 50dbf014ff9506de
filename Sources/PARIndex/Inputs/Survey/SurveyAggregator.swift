/// Streams `survey.csv` (one row per answer) into per-unit, per-group tallies.
///
/// Each row is folded into its tallies as it is read, at byte level: unit ids, questions,
/// answers and respondents are interned from the file's bytes (exact comparisons, no string
/// per field). Memory grows with units × groups for the tallies and with the number of
/// distinct respondents (one entry each, to count them and to catch a respondent answering a
/// question twice) — not with the number of answer rows, and, read from a path, not with
/// the file's size: the file is read in blocks of whole lines.
///
/// The file is split into line-aligned pieces read line by line on all cores; sums are exact
/// integers, so the result does not depend on the split. A file a line cannot be read on its
/// own in — a quoted field holding a line break, a stray quote, a lone carriage return — is
/// read whole, in one piece, by the general CSV reader.
public enum SurveyAggregator {
  /// The largest weight a respondent may carry.
  public static let maximumWeight = FixedDecimal(1000)

  /// Files below this size are not split between cores.
  static let splitThreshold = 1 << 20

  /// Aggregates the survey file at `path`, streaming it.
  /// - Parameters:
  ///   - unitIDs: the units of the year, in order; an answer for another unit is an error.
  ///   - threads: into how many pieces to split the file (`nil`: one per core, for files over
  ///     1 MiB). The results are the same for any number.
  /// - Throws: ``Diagnostics`` with every problem (up to the error limit).
  public static func aggregate(path: String, criteria: CriteriaSet, unitIDs: [String], threads: Int? = nil) throws(Diagnostics) -> SurveyResults {
    try aggregate(path: path, criteria: criteria, unitIDs: unitIDs, threads: threads, blockSize: 1 << 20)
  }

  /// As above, with the block size (tests use tiny blocks to cross every boundary); with
  /// `sealsRuns` false, every unit's respondents are kept to the end (see
  /// ``SurveyChunk/closeRun(at:)``), as for a file not sorted by unit.
  static func aggregate(
    path: String, criteria: CriteriaSet, unitIDs: [String], threads: Int?, blockSize: Int, sealsRuns: Bool = true
  ) throws(Diagnostics) -> SurveyResults {
    let file: LineBlockFile
    do { file = try LineBlockFile(path: path) } catch { throw Diagnostics([error]) }
    guard let survey = criteria.survey else { throw noSurveyBlock(path, criteria) }
    // A pipe cannot be read at offsets: read it to its end.
    guard file.isRegular else { return try readWhole(file, criteria, unitIDs, sealsRuns: sealsRuns) }
    // The header, from the first lines. Quotes or lone carriage returns anywhere in them, or
    // a first line longer than the window: let the general reader take the whole file.
    let window: [UInt8]
    do { window = try file.read(at: 0, count: 1 << 16) } catch { throw Diagnostics([error]) }
    let complete = window.count == file.size
    guard let lastFeed = complete ? window.count - 1 : window.lastIndex(of: 0x0A) else {
      return try readWhole(file, criteria, unitIDs, sealsRuns: sealsRuns)
    }
    let prefix = Array(window[...lastFeed])
    let prefixReader: CSVReader
    do { prefixReader = try CSVReader(file: path, bytes: prefix) } catch {
      // Not UTF-8 near the start: the general reader names the line.
      return try readWhole(file, criteria, unitIDs, sealsRuns: sealsRuns)
    }
    // A header whose quotes run past the window is left to the general reader.
    guard let (columns, headerEnd) = try? header(prefixReader), headerEnd < prefix.count || complete else {
      return try readWhole(file, criteria, unitIDs, sealsRuns: sealsRuns)
    }
    let context = SurveyContext(file: path, survey: survey, unitIDs: unitIDs, columns: columns)
    let headerLines = 1 + prefixReader.lineBreaks(in: prefixReader.start..<headerEnd)
    // A byte that breaks UTF-8 is placed by line feeds alone, as the general reader does.
    let headerFeeds = 1 + prefix.withUnsafeBufferPointer { CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<headerEnd])) }

    // Line-aligned pieces of the rest of the file.
    let bounds: [Int]
    do { bounds = try pieceBounds(from: headerEnd, to: file.size, threads: threads, lineStart: file.lineStart(atOrAfter:)) } catch {
      throw Diagnostics([error])
    }
    let outcomes = Parallel.map(bounds.count - 1) { index -> StreamedPiece in
      var piece = StreamedPiece(chunk: SurveyChunk(context: context, sealsRuns: sealsRuns))
      do throws(Diagnostic) {
        try file.forEachBlock(of: bounds[index]..<bounds[index + 1], blockSize: blockSize) { block, offset in
          if let invalid = UTF8Text.firstInvalidOffset(in: block) {
            piece.notUTF8 = (offset + invalid, piece.lines + CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: block[..<invalid])), block[invalid])
            return false
          }
          guard piece.chunk.readLines(block, separator: prefixReader.separator, line: &piece.lines) else {
            piece.needsGeneralReader = true
            return false
          }
          return true
        }
      } catch {
        piece.readError = error
      }
      return piece
    }
    if let error = outcomes.lazy.compactMap({ $0.readError }).first { throw Diagnostics([error]) }
    if outcomes.contains(where: { $0.needsGeneralReader }) { return try readWhole(file, criteria, unitIDs, sealsRuns: sealsRuns) }
    switch try combine(outcomes, firstLine: headerLines, firstFeedLine: headerFeeds, file: path) {
    case .total(let total): return try finish(total)
    case .answeredTwice:
      return try aggregate(path: path, criteria: criteria, unitIDs: unitIDs, threads: 1, blockSize: blockSize, sealsRuns: sealsRuns)
    case .notSortedByUnit:
      return try aggregate(path: path, criteria: criteria, unitIDs: unitIDs, threads: threads, blockSize: blockSize, sealsRuns: false)
    }
  }

  /// Pieces joined, or why they cannot be.
  private enum Combined {
    case total(SurveyChunk)
    /// A respondent answered the same question in two pieces: read in one piece, so that
    /// the error names the right line.
    case answeredTwice
    /// A unit's rows come in more than one run: read again keeping every unit's respondents.
    case notSortedByUnit
  }

  /// Joins the pieces in file order.
  private static func combine(
    _ pieces: [StreamedPiece], firstLine headerLines: Int, firstFeedLine headerFeeds: Int, file: String
  ) throws(Diagnostics) -> Combined {
    // Units with respondents in more than one piece.
    var shared = [Bool](repeating: false, count: pieces.first?.chunk.context.unitIDs.count ?? 0)
    var touched = [Bool](repeating: false, count: shared.count)
    for piece in pieces {
      for unit in shared.indices where piece.chunk.touches(unit) {
        if touched[unit] { shared[unit] = true }
        touched[unit] = true
      }
    }
    // Each piece counted its lines from 0: shift them by the lines before it.
    // (Past the header, a piece read line by line has no lone carriage return: its lines are
    // its line feeds.)
    var firstLine = headerLines
    var firstFeedLine = headerFeeds
    var total: SurveyChunk?
    for piece in pieces {
      if let (offset, line, byte) = piece.notUTF8 {
        throw Diagnostics([CSVReader.notUTF8(file: file, line: firstFeedLine + line, offset: offset, byte: byte)])
      }
      firstFeedLine += piece.lines
      if piece.chunk.revisited { return .notSortedByUnit }
      var chunk = piece.chunk
      chunk.log.shiftLines(by: firstLine)
      firstLine += piece.lines
      guard total != nil else {
        total = chunk
        continue
      }
      switch total!.merge(chunk, shared: shared) {
      case .merged: break
      case .answeredTwice: return .answeredTwice
      case .sealedUnitShared: return .notSortedByUnit
      }
    }
    return .total(total!)
  }

  /// Aggregates a survey file already in memory.
  /// - Parameters:
  ///   - unitIDs: the units of the year, in order; an answer for another unit is an error.
  ///   - threads: into how many pieces to split the file (`nil`: one per core, for files over
  ///     1 MiB). The results are the same for any number.
  /// - Throws: ``Diagnostics`` with every problem (up to the error limit).
  public static func aggregate(file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: [String], threads: Int? = nil) throws(Diagnostics) -> SurveyResults {
    try aggregate(file: file, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: threads, lineByLine: true)
  }

  /// As above; `lineByLine: false` reads every row with the general CSV reader, in one piece,
  /// and with `sealsRuns: false` keeps every unit's respondents to the end (together, the
  /// reference the line reader and the sealing are tested against).
  static func aggregate(
    file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: [String], threads: Int?, lineByLine: Bool, sealsRuns: Bool = true
  ) throws(Diagnostics) -> SurveyResults {
    guard let survey = criteria.survey else { throw noSurveyBlock(file, criteria) }
    let reader: CSVReader
    do { reader = try CSVReader(file: file, bytes: bytes) } catch { throw Diagnostics([error]) }
    let (columns, headerEnd) = try header(reader)
    let context = SurveyContext(file: file, survey: survey, unitIDs: unitIDs, columns: columns)
    let headerLines = 1 + reader.lineBreaks(in: reader.start..<headerEnd)
    // Line-aligned pieces, read line by line; the general reader when one cannot be.
    let bounds = pieceBounds(in: bytes, from: headerEnd, threads: threads)
    let pieces = !lineByLine ? [] : Parallel.map(bounds.count - 1) { index -> StreamedPiece in
      var piece = StreamedPiece(chunk: SurveyChunk(context: context, sealsRuns: sealsRuns))
      bytes.withUnsafeBufferPointer {
        piece.needsGeneralReader = !piece.chunk.readLines(
          UnsafeBufferPointer(rebasing: $0[bounds[index]..<bounds[index + 1]]), separator: reader.separator, line: &piece.lines)
      }
      return piece
    }
    if !lineByLine || pieces.contains(where: { $0.needsGeneralReader }) {
      var chunk = SurveyChunk(context: context, sealsRuns: sealsRuns)
      chunk.read(reader, headerEnd..<bytes.count, firstLine: headerLines)
      if chunk.revisited {
        return try aggregate(file: file, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: threads, lineByLine: lineByLine, sealsRuns: false)
      }
      return try finish(chunk)
    }
    let headerFeeds = 1 + bytes.withUnsafeBufferPointer { CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<headerEnd])) }
    switch try combine(pieces, firstLine: headerLines, firstFeedLine: headerFeeds, file: file) {
    case .total(let total): return try finish(total)
    case .answeredTwice:
      return try aggregate(file: file, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: 1, lineByLine: true, sealsRuns: sealsRuns)
    case .notSortedByUnit:
      return try aggregate(file: file, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: threads, lineByLine: true, sealsRuns: false)
    }
  }

  /// Where the pieces of `start..<end` begin, then `end`: one piece per thread (`nil`: per
  /// core, and one piece below ``splitThreshold``), each split moved to the start of a line
  /// by `lineStart` (the offset just after the first line feed at or after the one before).
  static func pieceBounds<Failure: Error>(
    from start: Int, to end: Int, threads: Int?, lineStart: (Int) throws(Failure) -> Int
  ) throws(Failure) -> [Int] {
    let parts = end - start < splitThreshold && threads == nil ? 1 : max(1, threads ?? Parallel.width)
    var bounds = [start]
    for part in 1..<parts {
      bounds.append(max(bounds[bounds.count - 1], try lineStart(start + (end - start) * part / parts)))
    }
    bounds.append(end)
    return bounds
  }

  /// ``pieceBounds(from:to:threads:lineStart:)`` for a file in memory, after its header.
  static func pieceBounds(in bytes: [UInt8], from start: Int, threads: Int?) -> [Int] {
    pieceBounds(from: start, to: bytes.count, threads: threads) { offset in
      var split = offset
      while split > start && split < bytes.count && bytes[split - 1] != 0x0A { split += 1 }
      return split
    }
  }

  /// What one streamed piece found.
  private struct StreamedPiece {
    var chunk: SurveyChunk
    /// Lines read (line feeds seen).
    var lines = 0
    /// The first byte that breaks UTF-8: file offset, line in the piece, byte.
    var notUTF8: (Int, Int, UInt8)?
    /// A quote or a lone carriage return: the piece cannot be read line by line.
    var needsGeneralReader = false
    var readError: Diagnostic?
  }

  /// The whole file through the general CSV reader.
  private static func readWhole(_ file: LineBlockFile, _ criteria: CriteriaSet, _ unitIDs: [String], sealsRuns: Bool) throws(Diagnostics) -> SurveyResults {
    let bytes: [UInt8]
    do { bytes = try file.readAll() } catch { throw Diagnostics([error]) }
    return try aggregate(file: file.path, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: 1, lineByLine: true, sealsRuns: sealsRuns)
  }

  /// The columns by name and the offset just after the header line.
  private static func header(_ reader: CSVReader) throws(Diagnostics) -> ([String: Int], Int) {
    let headerEnd: Int
    var headerFields: [String]?
    do {
      headerEnd = try reader.headerEnd()
      try reader.forEachRecord(in: reader.start..<headerEnd, firstLine: 1) { (record: CSVRecord) throws(Diagnostic) in
        headerFields = (0..<record.count).map { record.text($0) }
      }
    } catch { throw Diagnostics([error]) }
    guard let headerFields else {
      throw Diagnostics([Diagnostic(.emptyFile(expected: ["unit_id", "respondent_id", "question", "answer"]), at: InputLocation(file: reader.file))])
    }
    var log = DiagnosticLog()
    let columns = CSVHeader.columns(
      of: headerFields, line: 1, file: reader.file, required: ["unit_id", "respondent_id", "question", "answer"], optional: ["weight"],
      log: &log)
    try log.throwIfAny()
    return (columns, headerEnd)
  }

  private static func finish(_ total: SurveyChunk) throws(Diagnostics) -> SurveyResults {
    if !total.log.isEmpty { throw Diagnostics(total.log.errors.sorted(by: Diagnostic.fileOrder)) }
    return total.results()
  }

  private static func noSurveyBlock(_ file: String, _ criteria: CriteriaSet) -> Diagnostics {
    Diagnostics([Diagnostic(.noSurveyBlock(criteria: criteria.id), at: InputLocation(file: file))])
  }
}
