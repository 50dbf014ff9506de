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

  /// What the survey is read against, whatever form it comes in.
  struct Job: Sendable {
    let criteria: CriteriaSet
    let survey: SurveyDefinition
    let unitIDs: [String]
    /// The units file's name, for "unknown unit" messages.
    var unitsName = "units.csv"
    var encoding = TextEncoding.utf8
    var threads: Int?
    /// With false, every unit's respondents are kept to the end (see
    /// ``SurveyChunk/closeRun(at:)``), as for a file not sorted by unit.
    var sealsRuns = true

    init(criteria: CriteriaSet, unitIDs: [String], file: String) throws(Diagnostics) {
      guard let survey = criteria.survey else {
        throw Diagnostics([Diagnostic(.noSurveyBlock(criteria: criteria.id), at: InputLocation(file: file))])
      }
      (self.criteria, self.survey, self.unitIDs) = (criteria, survey, unitIDs)
    }

    func with(threads: Int?) -> Job {
      var job = self
      job.threads = threads
      return job
    }
    func withoutSealing() -> Job {
      var job = self
      job.sealsRuns = false
      return job
    }
  }

  /// Aggregates the survey file at `path`, streaming it.
  /// - Parameters:
  ///   - path: the survey file's path, also its name in messages.
  ///   - criteria: the set whose survey block defines the scale, groups and questions.
  ///   - unitIDs: the units of the year, in order; an answer for another unit is an error.
  ///   - threads: into how many pieces to split the file (`nil`: one per core, for files over
  ///     1 MiB). The results are the same for any number.
  ///   - encoding: for a file that is not UTF-8 (see ``TextEncoding``).
  ///   - unitsName: the units file's name, for messages.
  /// - Throws: ``Diagnostics`` with every problem (up to the error limit).
  public static func aggregate(
    path: String, criteria: CriteriaSet, unitIDs: [String], threads: Int? = nil, encoding: TextEncoding = .utf8,
    unitsName: String = "units.csv"
  ) throws(Diagnostics) -> SurveyResults {
    var job = try Job(criteria: criteria, unitIDs: unitIDs, file: path)
    (job.threads, job.encoding, job.unitsName) = (threads, encoding, unitsName)
    return try streamed(path: path, job, blockSize: 1 << 20)
  }

  /// Aggregates the survey file at `path` in blocks of `blockSize` (tests use tiny blocks to
  /// cross every boundary).
  static func streamed(path: String, _ job: Job, blockSize: Int) throws(Diagnostics) -> SurveyResults {
    switch try plan(path: path, job, blockSize: blockSize) {
    case .whole(let file): return try readWhole(file, job)
    case .pieces(let stream): return try stream.join(Parallel.map(stream.pieceCount) { stream.read(piece: $0) })
    }
  }

  /// How a file at a path is streamed: read whole, or split into line-aligned pieces.
  enum StreamPlan {
    /// Read whole by the general reader (a pipe, another encoding, a header not read alone).
    case whole(LineBlockFile)
    case pieces(SurveyStream)
  }

  /// The file's header read and its body split, before any piece is read: the pieces may then
  /// be read on any threads, alongside other work (``YearLoader`` reads them with the other
  /// files), and joined.
  static func plan(path: String, _ job: Job, blockSize: Int) throws(Diagnostics) -> StreamPlan {
    let file: LineBlockFile
    do { file = try LineBlockFile(path: path) } catch { throw Diagnostics([error]) }
    // A pipe cannot be read at offsets: read it to its end.
    guard file.isRegular else { return .whole(file) }
    // The header, from the first lines. Text that is not plain UTF-8, or a header whose
    // quotes run past the window: let the general reader take the whole file.
    let window: [UInt8]
    do { window = try file.read(at: 0, count: 1 << 16) } catch { throw Diagnostics([error]) }
    let complete = window.count == file.size
    guard let lastFeed = complete ? window.count - 1 : window.lastIndex(of: 0x0A),
      FileSniffer.container(window) == nil, UTF16Decoder.byteOrderMark(of: window) == nil
    else { return .whole(file) }
    let prefix = Array(window[...lastFeed])
    guard let prefixReader = try? CSVReader(file: path, bytes: prefix),
      let table = try? CSVTable.open(prefixReader, kind: .survey), table.bodyStart < prefix.count || complete
    else { return .whole(file) }
    let context = SurveyContext(
      file: path, survey: job.survey, unitIDs: job.unitIDs, unitsName: job.unitsName, header: table.header,
      separator: table.reader.separator)
    // A byte that breaks UTF-8 is placed by line feeds alone, as the general reader does.
    let headerFeeds =
      1
      + prefix.withUnsafeBufferPointer {
        CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<table.bodyStart]))
      }

    // Line-aligned pieces of the rest of the file.
    let bounds: [Int]
    do {
      bounds = try pieceBounds(
        from: table.bodyStart, to: file.size, threads: job.threads, lineStart: file.lineStart(atOrAfter:))
    } catch {
      throw Diagnostics([error])
    }
    return .pieces(
      SurveyStream(
        file: file, job: job, blockSize: blockSize, context: context, separator: table.reader.separator,
        bounds: bounds, headerLines: table.bodyLine, headerFeeds: headerFeeds))
  }

  /// A survey file split into line-aligned pieces (see ``SurveyAggregator/plan(path:_:blockSize:)``).
  struct SurveyStream: Sendable {
    let file: LineBlockFile
    let job: Job
    let blockSize: Int
    let context: SurveyContext
    let separator: UInt8
    /// Where each piece starts, then the file's end.
    let bounds: [Int]
    /// The lines before the body, as records and as line feeds.
    let headerLines: Int
    let headerFeeds: Int

    var pieceCount: Int { bounds.count - 1 }

    /// Reads piece `index` (on any thread).
    func read(piece index: Int) -> StreamedPiece {
      var piece = StreamedPiece(chunk: SurveyChunk(context: context, sealsRuns: job.sealsRuns))
      do throws(Diagnostic) {
        try file.forEachBlock(of: bounds[index]..<bounds[index + 1], blockSize: blockSize) { block, offset in
          if let invalid = UTF8Text.firstInvalidOffset(in: block) {
            piece.notUTF8 = (
              offset + invalid, piece.lines + CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: block[..<invalid])),
              block[invalid]
            )
            return false
          }
          guard piece.chunk.readLines(block, separator: separator, line: &piece.lines) else {
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

    /// The pieces read, joined in file order; a file they cannot be joined for is read again,
    /// as the problem found needs.
    func join(_ outcomes: [StreamedPiece]) throws(Diagnostics) -> SurveyResults {
      let path = file.path
      if let error = outcomes.lazy.compactMap({ $0.readError }).first { throw Diagnostics([error]) }
      // Another encoding, or text a line cannot be read on its own in: the whole file, decoded.
      if outcomes.contains(where: { $0.needsGeneralReader || $0.notUTF8 != nil }) {
        return try readWhole(file, job)
      }
      switch try combine(outcomes, firstLine: headerLines, firstFeedLine: headerFeeds, file: path) {
      case .total(let total): return try finish(total)
      case .answeredTwice: return try streamed(path: path, job.with(threads: 1), blockSize: blockSize)
      case .notSortedByUnit: return try streamed(path: path, job.withoutSealing(), blockSize: blockSize)
      }
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

  /// Aggregates a survey file already in memory (any encoding `TextDecoding` reads).
  /// - Parameters:
  ///   - file: the file's name in messages.
  ///   - bytes: the file's content, as it arrived.
  ///   - criteria: the set whose survey block defines the scale, groups and questions.
  ///   - unitIDs: the units of the year, in order; an answer for another unit is an error.
  ///   - threads: into how many pieces to split the file (`nil`: one per core, for files over
  ///     1 MiB). The results are the same for any number.
  ///   - encoding: for a file that is not UTF-8 (see ``TextEncoding``).
  ///   - unitsName: the units file's name, for messages.
  /// - Throws: ``Diagnostics`` with every problem (up to the error limit).
  public static func aggregate(
    file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: [String], threads: Int? = nil,
    encoding: TextEncoding = .utf8, unitsName: String = "units.csv"
  ) throws(Diagnostics) -> SurveyResults {
    var job = try Job(criteria: criteria, unitIDs: unitIDs, file: file)
    (job.threads, job.encoding, job.unitsName) = (threads, encoding, unitsName)
    let text: DecodedText
    do { text = try TextDecoding.decode(bytes, file: file, encoding: encoding) } catch { throw Diagnostics([error]) }
    return try inMemory(file: file, bytes: text.bytes, job, lineByLine: true)
  }

  /// Aggregates UTF-8 text; `lineByLine: false` reads every row with the general CSV reader,
  /// in one piece (with `sealsRuns` false, the reference the line reader and the sealing are
  /// tested against).
  static func inMemory(file: String, bytes: [UInt8], _ job: Job, lineByLine: Bool) throws(Diagnostics) -> SurveyResults
  {
    let reader = CSVReader(validated: bytes, file: file)
    let table = try CSVTable.open(reader, kind: .survey)
    let context = SurveyContext(
      file: file, survey: job.survey, unitIDs: job.unitIDs, unitsName: job.unitsName, header: table.header,
      separator: table.reader.separator)
    let headerEnd = table.bodyStart
    // Line-aligned pieces, read line by line; the general reader when one cannot be.
    let bounds = pieceBounds(in: bytes, from: headerEnd, threads: job.threads)
    let separator = table.reader.separator
    let pieces =
      !lineByLine
      ? []
      : Parallel.map(bounds.count - 1) { index -> StreamedPiece in
        var piece = StreamedPiece(chunk: SurveyChunk(context: context, sealsRuns: job.sealsRuns))
        bytes.withUnsafeBufferPointer {
          piece.needsGeneralReader = !piece.chunk.readLines(
            UnsafeBufferPointer(rebasing: $0[bounds[index]..<bounds[index + 1]]), separator: separator,
            line: &piece.lines)
        }
        return piece
      }
    if !lineByLine || pieces.contains(where: { $0.needsGeneralReader }) {
      var chunk = SurveyChunk(context: context, sealsRuns: job.sealsRuns)
      chunk.read(table.reader, headerEnd..<bytes.count, firstLine: table.bodyLine)
      if chunk.revisited && job.sealsRuns {
        return try inMemory(file: file, bytes: bytes, job.withoutSealing(), lineByLine: lineByLine)
      }
      return try finish(chunk)
    }
    let headerFeeds =
      1 + bytes.withUnsafeBufferPointer { CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<headerEnd])) }
    switch try combine(pieces, firstLine: table.bodyLine, firstFeedLine: headerFeeds, file: file) {
    case .total(let total): return try finish(total)
    case .answeredTwice: return try inMemory(file: file, bytes: bytes, job.with(threads: 1), lineByLine: true)
    case .notSortedByUnit: return try inMemory(file: file, bytes: bytes, job.withoutSealing(), lineByLine: true)
    }
  }

  /// Where the pieces of `start..<end` begin, then `end`: one piece per thread (`nil`: per
  /// core, and one piece below ``splitThreshold``), each split moved to the start of a line
  /// by `lineStart` (the offset just after the first line feed at or after the one before).
  static func pieceBounds<Failure: Error>(
    from start: Int, to end: Int, threads: Int?, lineStart: (Int) throws(Failure) -> Int
  ) throws(Failure) -> [Int] {
    let parts = end - start < splitThreshold && threads == nil ? 1 : Parallel.clamped(threads) ?? Parallel.width
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
  struct StreamedPiece: Sendable {
    var chunk: SurveyChunk
    /// Lines read (line feeds seen).
    var lines = 0
    /// The first byte that breaks UTF-8: file offset, line in the piece, byte.
    var notUTF8: (Int, Int, UInt8)?
    /// A quote or a lone carriage return: the piece cannot be read line by line.
    var needsGeneralReader = false
    var readError: Diagnostic?
  }

  /// The whole file, decoded, through the general CSV reader.
  private static func readWhole(_ file: LineBlockFile, _ job: Job) throws(Diagnostics) -> SurveyResults {
    let bytes: [UInt8]
    do { bytes = try file.readAll() } catch { throw Diagnostics([error]) }
    let text: DecodedText
    do { text = try TextDecoding.decode(bytes, file: file.path, encoding: job.encoding) } catch {
      throw Diagnostics([error])
    }
    return try inMemory(file: file.path, bytes: text.bytes, job.with(threads: 1), lineByLine: true)
  }

  static func finish(_ total: SurveyChunk) throws(Diagnostics) -> SurveyResults {
    if !total.log.isEmpty { throw Diagnostics(total.log.errors.sorted(by: Diagnostic.fileOrder)) }
    return total.results()
  }
}

extension SurveyAggregator {
  /// Aggregates a survey in a worksheet, row by row as the sheet is streamed.
  static func aggregate(
    sheet table: SheetTable, criteria: CriteriaSet, unitIDs: [String], unitsName: String
  ) throws(Diagnostics)
    -> SurveyResults
  {
    var job = try Job(criteria: criteria, unitIDs: unitIDs, file: table.file)
    job.unitsName = unitsName
    let context = SurveyContext(
      file: table.file, survey: job.survey, unitIDs: unitIDs, unitsName: unitsName, header: table.header,
      separator: nil, origin: table.origin)
    var chunk = SurveyChunk(context: context, sealsRuns: false)
    var log = DiagnosticLog()
    table.forEachRow(log: &log) { row, _ in chunk.add(row) }
    chunk.log.add(log)
    if chunk.revisited { preconditionFailure("an unsealed reading keeps every unit") }
    return try finish(chunk)
  }

  /// The streamed reader with a chosen block size, sealing or not (for tests).
  static func aggregate(
    path: String, criteria: CriteriaSet, unitIDs: [String], threads: Int?, blockSize: Int, sealsRuns: Bool = true
  ) throws(Diagnostics) -> SurveyResults {
    var job = try Job(criteria: criteria, unitIDs: unitIDs, file: path)
    (job.threads, job.sealsRuns) = (threads, sealsRuns)
    return try streamed(path: path, job, blockSize: blockSize)
  }

  /// The in-memory reader, line by line or with the general reader, sealing or not (for tests).
  static func aggregate(
    file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: [String], threads: Int?, lineByLine: Bool,
    sealsRuns: Bool = true
  ) throws(Diagnostics) -> SurveyResults {
    var job = try Job(criteria: criteria, unitIDs: unitIDs, file: file)
    (job.threads, job.sealsRuns) = (threads, sealsRuns)
    let text: DecodedText
    do { text = try TextDecoding.decode(bytes, file: file) } catch { throw Diagnostics([error]) }
    return try inMemory(file: file, bytes: text.bytes, job, lineByLine: lineByLine)
  }
}
