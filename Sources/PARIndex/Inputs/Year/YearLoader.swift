/// How a year's files are read.
public struct LoadOptions: Sendable, Hashable {
  /// The encoding of text files that are not UTF-8 (`--encoding windows-1258`).
  public var encoding: TextEncoding
  /// How many threads read (`nil`: the machine's cores); the data read are the same for any number.
  public var threads: Int?
  /// Whether each file's SHA-256 is taken as it is read (``InputSummary/sha256``), for a
  /// ``Manifest``; off by default, as a ranking table does not need it.
  public var digests: Bool
  /// Whether evidence documents keep their texts: title, number, issuer and location. A run
  /// that prints no document — a ranking on totals (``Assessment/rank(criteria:data:threads:)``)
  /// — sets it false: each document is then its id, unit and date, with every check made as
  /// before, and a year takes less memory and time to read. Off, ``EvidenceDocument/title``
  /// is empty and the other texts `nil`.
  public var documentTexts: Bool
  /// From what size text files are read in blocks (tests make blocks small).
  var textBlocks = TextBlocks()

  /// Text files that are not UTF-8 read as `encoding`, on `threads` threads (`nil`: the machine's
  /// cores), with each file's SHA-256 when `digests` is set, and documents' texts unless
  /// `documentTexts` is false.
  public init(encoding: TextEncoding = .utf8, threads: Int? = nil, digests: Bool = false, documentTexts: Bool = true) {
    (self.encoding, self.threads, self.digests, self.documentTexts) = (encoding, threads, digests, documentTexts)
  }
}

/// Reads a year of data from a folder — or from files in memory — and checks it against a
/// criteria set: unknown units and codes, duplicate rows, malformed numbers and dates are all
/// reported, each with its file, line (or cell), column and value. Whether values fit their
/// leaves' rules is checked when scoring (``Scorer``), which also reports every problem.
///
/// Each file may come as CSV, as Excel's "Unicode Text", as a workbook, or (assessment,
/// appraisal, evidence, adjustments) as a folder of such files, one per unit (`YearFiles`).
/// A file the criteria set needs is never taken to mean "nothing" when it is absent: with
/// required evidence and no evidence file, or survey leaves with no survey file and no
/// published percentage, the year is refused with a message that says how to state "none".
public enum YearLoader {
  /// Loads the folder at `path`.
  /// - Throws: ``Diagnostics`` with every problem found.
  public static func load(
    folder path: String, criteria: CriteriaSet, options: LoadOptions = LoadOptions()
  ) throws(Diagnostics)
    -> YearData
  {
    try load(YearFiles.folder(path), criteria: criteria, options: options)
  }

  /// Loads a year from files in memory, named as in a year folder (`units.csv`,
  /// `assessment/X01.xlsx`); `folder` prefixes the names in messages.
  public static func load(
    files: [InputData], folder: String = "", criteria: CriteriaSet, options: LoadOptions = LoadOptions()
  )
    throws(Diagnostics) -> YearData
  {
    try load(YearFiles.memory(files, root: folder), criteria: criteria, options: options)
  }

  static func load(_ files: YearFiles, criteria: CriteriaSet, options: LoadOptions) throws(Diagnostics) -> YearData {
    var log = files.log
    for kind in [YearFileKind.units, .assessment]
    // Names match without regard to case: `Units.csv` beside `units.csv` is two forms, not none.
    where !files.has(kind) && !log.errors.contains(where: { files.names($0.file, kind) }) {
      log.add(
        .requiredFileMissing(
          name: kind.rawValue, forms: ["\(kind.rawValue).csv", "\(kind.rawValue).txt", "\(kind.rawValue).xlsx"]),
        at: InputLocation(file: files.expectedName(kind)))
    }
    try log.throwIfAny()

    let reader = RowReader(criteria: criteria)
    reader.keepsDocumentTexts = options.documentTexts
    let unitsPart = files.parts(.units)[0]
    reader.unitsName = unitsPart.name.split(separator: "/").last.map(String.init) ?? unitsPart.name
    var summaries: [InputSummary] = []
    let (unitsTable, unitsSummary) = try PartReader.open(
      unitsPart, kind: .units, encoding: options.encoding, digest: options.digests, blocks: options.textBlocks)
    summaries.append(unitsSummary)
    let (units, unitRows) = try unitsTable.units(reader)
    reader.units = units
    var data = YearData(units: units, selfAssessment: [:])
    data.unitRows = unitRows
    data.checkedAgainst = criteria.fingerprint

    // The files are independent of each other: read on both cores, the survey in pieces that
    // fill whichever core finishes first (a split inside a busy thread would not run in
    // parallel: Dispatch runs nested work on the thread that asks for it).
    func readRows() -> (YearData, DiagnosticLog, [InputSummary]) {
      var part = YearData(units: units, selfAssessment: [:])
      var partLog = DiagnosticLog()
      var read: [InputSummary] = []
      // The self-assessment, then each appraisal round on its own: a row per (unit, leaf) in each.
      let sets =
        [(YearFileKind.assessment, files.parts(.assessment))] + files.appraisalRounds.map { (.appraisal, $0) }
      for (index, (kind, parts)) in sets.enumerated() {
        var collector = RowReader.EntryCollector(units: units, codes: criteria.leaves.map(\.code))
        for file in parts {
          guard let (table, summary) = PartReader.open(file, kind: kind, options, log: &partLog) else { continue }
          read.append(summary)
          table.leafEntries(reader, isAppraisal: kind == .appraisal, into: &collector, log: &partLog)
        }
        if index == 0 {
          part.selfRows = collector.finish()
        } else {
          part.roundRows.append(collector.finish())
        }
      }
      for file in files.parts(.adjustments) {
        guard let (table, summary) = PartReader.open(file, kind: .adjustments, options, log: &partLog) else {
          continue
        }
        read.append(summary)
        table.adjustments(reader, into: &part.adjustments, log: &partLog)
      }
      return (part, partLog, read)
    }
    func readDocuments() -> (YearData, DiagnosticLog, [InputSummary]) {
      var part = YearData(units: units, selfAssessment: [:])
      var partLog = DiagnosticLog()
      var read: [InputSummary] = []
      var collector = RowReader.EvidenceCollector(units: units)
      for file in files.parts(.evidence) {
        guard let (table, summary) = PartReader.open(file, kind: .evidence, options, log: &partLog) else {
          continue
        }
        read.append(summary)
        table.evidence(reader, into: &collector, log: &partLog, year: criteria.year)
      }
      part.evidenceRows = collector.finish()
      var explained = RowReader.ExplanationCollector()
      for file in files.parts(.explanation) {
        guard let (table, summary) = PartReader.open(file, kind: .explanation, options, log: &partLog) else {
          continue
        }
        read.append(summary)
        table.explanations(reader, rounds: files.appraisalRounds.count, into: &explained, log: &partLog)
      }
      part.explanations = explained.explanations
      Self.checkExplanationEvidence(part, log: &partLog)
      return (part, partLog, read)
    }
    let surveyPart = files.parts(.survey).first
    let stream = surveyPart.flatMap {
      PartReader.surveyStream($0, criteria: criteria, units: units, reader: reader, options: options)
    }
    func readSurvey() -> Result<(SurveyResults, InputSummary), Diagnostics>? {
      guard let surveyPart else { return nil }
      do throws(Diagnostics) {
        return .success(
          try PartReader.survey(surveyPart, criteria: criteria, units: units, reader: reader, options: options))
      } catch {
        return .failure(error)
      }
    }
    let surveyJobs = stream?.pieceCount ?? 1
    // A streamed survey is not held, so its digest is a second pass over the file: made in the
    // pool too (a regular file only: a pipe is read once), not after everything else.
    let digestsSurvey = options.digests && stream != nil
    let read = { (index: Int) -> LoadedPart in
      switch index {
      case 0: .rows(readRows())
      case 1: .rows(readDocuments())
      case 2 + surveyJobs: .digest(Result { () throws(Diagnostics) in try PartReader.digest(surveyPart!) })
      default: stream.map { .surveyPiece($0.read(piece: index - 2)) } ?? .survey(readSurvey())
      }
    }
    let jobs = 2 + surveyJobs + (digestsSurvey ? 1 : 0)
    let parts = options.threads == 1 ? (0..<jobs).map(read) : Parallel.map(jobs, read)
    guard case .rows(let first) = parts[0], case .rows(let second) = parts[1] else {
      preconditionFailure("the first two parts are the rows")
    }
    data.selfRows = first.0.selfRows
    data.roundRows = first.0.roundRows
    data.adjustments = first.0.adjustments
    data.evidenceRows = second.0.evidenceRows
    data.explanations = second.0.explanations
    // Problems in the order of the files' reading: assessment, appraisal, adjustments, evidence, survey.
    log.add(first.1)
    log.add(second.1)
    summaries += first.2 + second.2

    var survey: Result<(SurveyResults, InputSummary), Diagnostics>?
    if let stream {
      let pieces = parts[2..<2 + surveyJobs].map { part -> SurveyAggregator.StreamedPiece in
        guard case .surveyPiece(let piece) = part else { preconditionFailure("the rest are the survey's pieces") }
        return piece
      }
      do throws(Diagnostics) {
        survey = .success(
          (
            try stream.join(pieces),
            PartReader.prefixSummary(path: stream.file.path, kind: .survey, encoding: options.encoding)
          ))
      } catch {
        survey = .failure(error)
      }
    } else if case .survey(let whole) = parts[2] {
      survey = whole
    }
    switch survey {
    case .success(let (results, summary))?:
      data.survey = results
      // The survey is streamed, not held: its digest is taken from the file (above, in the
      // pool, for a file read in pieces).
      do throws(Diagnostics) {
        var digest: FileDigest?
        if digestsSurvey, case .digest(let taken) = parts[jobs - 1] {
          digest = try taken.get()
        } else if options.digests {
          digest = try PartReader.digest(surveyPart!)
        }
        summaries.append(summary.with(sha256: digest?.sha256))
      } catch {
        log.add(contentsOf: error.all)
      }
    case .failure(let error)?: log.add(contentsOf: error.all)
    case nil: break
    }
    checkNothingMissing(files, criteria: criteria, data: data, log: &log)
    // Rows refused by an error are not "no rows": name only what a sound year lacks.
    if log.errors.isEmpty { checkUnitsWithoutRows(data, log: &log) }
    try log.throwIfAny()
    data.inputs = summaries
    data.warnings = log.warnings
    return data
  }

  /// What one piece of the year's reading gives.
  private enum LoadedPart {
    /// A group of row files read: the data, its problems, the files.
    case rows((YearData, DiagnosticLog, [InputSummary]))
    case surveyPiece(SurveyAggregator.StreamedPiece)
    /// The survey read in one piece (or none).
    case survey(Result<(SurveyResults, InputSummary), Diagnostics>?)
    /// The streamed survey's size and SHA-256.
    case digest(Result<FileDigest?, Diagnostics>)
  }

  /// An explanation's evidence ids that the unit's evidence file does not hold: a warning, as
  /// an explanation changes no points (the next round's appraisal judges the documents).
  static func checkExplanationEvidence(_ data: YearData, log: inout DiagnosticLog) {
    for unitID in data.explanations.keys.sorted() {
      let documents = data.evidenceRows.documents(ofUnit: unitID)
      for explanation in data.explanations[unitID]! {
        for id in explanation.evidenceIDs where documents[id] == nil {
          log.warn(
            .explanationEvidenceUnknown(unit: unitID), at: explanation.origin.location(of: .evidence),
            field: explanation.origin.table.name(of: .evidence), value: id)
        }
      }
    }
  }

  /// A listed unit without a single self-assessment row is named (a warning: a unit may truly
  /// have sent nothing, and the council's rows for it still count), so that a forgotten
  /// per-unit file is never a quiet last place.
  static func checkUnitsWithoutRows(_ data: YearData, log: inout DiagnosticLog) {
    for unit in data.units where data.selfRows.isEmpty(unit: unit.id) {
      log.warn(
        .unitWithoutRows, at: data.unitRows[unit.id]?.location(of: .unitID) ?? InputLocation(file: "units"),
        field: data.unitRows[unit.id]?.table.name(of: .unitID) ?? "unit_id", value: unit.id,
        subject: Diagnostic.Subject(unit: unit.id))
    }
  }

  /// An absent file is never "nothing" when the set needs it.
  static func checkNothingMissing(_ files: YearFiles, criteria: CriteriaSet, data: YearData, log: inout DiagnosticLog) {
    if !files.has(.evidence), criteria.evidencePolicy == .required {
      let needing = criteria.leaves.filter { $0.evidence == .required }.count
      if needing > 0 {
        log.add(.evidenceFileMissing(leaves: needing), at: InputLocation(file: files.expectedName(.evidence)))
      }
    }
    if !files.has(.survey) {
      let surveyLeaves = criteria.leaves.filter { if case .survey? = $0.rule { true } else { false } }.map(\.code)
      if !surveyLeaves.isEmpty {
        let lacking = data.units.filter { unit in
          let rows = data.latestAppraisal(of: unit.id)
          return surveyLeaves.contains { rows[$0] == nil }
        }.map(\.id)
        if !lacking.isEmpty {
          log.add(
            .surveyFileMissing(units: Array(lacking.prefix(5)), total: lacking.count),
            at: InputLocation(file: files.expectedName(.survey)))
        }
      }
    }
  }
}

/// A part of a year opened as a table, whatever its form.
enum OpenedTable {
  case text(CSVTable)
  case sheet(SheetTable)

  func units(_ reader: RowReader) throws(Diagnostics) -> ([AssessedUnit], [String: RowOrigin]) {
    switch self {
    case .text(let table): try reader.units(table)
    case .sheet(let table): try reader.units(table)
    }
  }

  func leafEntries(
    _ reader: RowReader, isAppraisal: Bool, into collector: inout RowReader.EntryCollector, log: inout DiagnosticLog
  ) {
    switch self {
    case .text(let table): reader.leafEntries(table, isAppraisal: isAppraisal, into: &collector, log: &log)
    case .sheet(let table): reader.leafEntries(table, isAppraisal: isAppraisal, into: &collector, log: &log)
    }
  }

  func evidence(
    _ reader: RowReader, into collector: inout RowReader.EvidenceCollector, log: inout DiagnosticLog, year: Int
  ) {
    switch self {
    case .text(let table): reader.evidence(table, into: &collector, log: &log, year: year)
    case .sheet(let table): reader.evidence(table, into: &collector, log: &log, year: year)
    }
  }

  func explanations(
    _ reader: RowReader, rounds: Int, into collector: inout RowReader.ExplanationCollector, log: inout DiagnosticLog
  ) {
    switch self {
    case .text(let table): reader.explanations(table, rounds: rounds, into: &collector, log: &log)
    case .sheet(let table): reader.explanations(table, rounds: rounds, into: &collector, log: &log)
    }
  }

  func adjustments(_ reader: RowReader, into result: inout [String: [Adjustment]], log: inout DiagnosticLog) {
    switch self {
    case .text(let table): reader.adjustments(table, into: &result, log: &log)
    case .sheet(let table): reader.adjustments(table, into: &result, log: &log)
    }
  }
}

/// Opening the parts of a year: reading the bytes, decoding the text, finding the header.
enum PartReader {
  /// The part's bytes.
  static func bytes(_ part: YearFiles.Part) throws(Diagnostic) -> [UInt8] {
    switch part.source {
    case .path(let path): try InputFile.read(path)
    case .memory(let bytes): bytes
    }
  }

  /// The part as a table of `kind`, and what it is.
  /// The part's size and SHA-256 (`nil` for a pipe).
  static func digest(_ part: YearFiles.Part) throws(Diagnostics) -> FileDigest? {
    switch part.source {
    case .memory(let bytes): return FileDigest(bytes)
    case .path(let path):
      do { return try FileDigest.of(path: path) } catch { throw Diagnostics([error]) }
    }
  }

  /// The part as a table of `kind`, and what it is (with the SHA-256 of the bytes read when
  /// `digest` is set). A large plain file is read in blocks, as `blocks` say.
  static func open(
    _ part: YearFiles.Part, kind: YearFileKind, encoding: TextEncoding, digest: Bool = false,
    blocks: TextBlocks = TextBlocks()
  ) throws(Diagnostics) -> (OpenedTable, InputSummary) {
    if !part.isWorkbook, case .path(let path) = part.source,
      let opened = try CSVTable.openInBlocks(path: path, name: part.name, kind: kind, digest: digest, sizes: blocks)
    {
      let size = opened.table.blocks?.file.size ?? 0
      return (
        .text(opened.table),
        summary(kind, part.name, opened.encoding, opened.table, size: size).with(sha256: opened.sha256)
      )
    }
    let bytes: [UInt8]
    do { bytes = try self.bytes(part) } catch { throw Diagnostics([error]) }
    let sha256 = digest ? SHA256.hex(SHA256.hash(bytes)) : nil
    if part.isWorkbook {
      let table = try sheet(bytes, part.name, kind)
      return (.sheet(table), summary(kind, part.name, table, size: bytes.count).with(sha256: sha256))
    }
    let text: DecodedText
    do { text = try TextDecoding.decode(bytes, file: part.name, encoding: encoding) } catch {
      throw Diagnostics([error])
    }
    let table = try CSVTable.open(CSVReader(validated: text.bytes, file: part.name), kind: kind)
    return (.text(table), summary(kind, part.name, text.encoding, table, size: bytes.count).with(sha256: sha256))
  }

  /// As above, read as `options` say, with problems going to `log` (and `nil` returned).
  static func open(
    _ part: YearFiles.Part, kind: YearFileKind, _ options: LoadOptions, log: inout DiagnosticLog
  ) -> (OpenedTable, InputSummary)? {
    do {
      return try open(part, kind: kind, encoding: options.encoding, digest: options.digests, blocks: options.textBlocks)
    } catch {
      log.add(contentsOf: error.all)
      return nil
    }
  }

  /// A workbook's sheet as a table of `kind`.
  static func sheet(_ bytes: [UInt8], _ name: String, _ kind: YearFileKind) throws(Diagnostics) -> SheetTable {
    let workbook: Workbook
    do { workbook = try Workbook.open(bytes, file: name) } catch { throw Diagnostics([error]) }
    return try SheetTable.open(workbook, kind: kind)
  }

  /// The survey, aggregated (streamed from a path when it is plain text), and what it is.
  static func survey(
    _ part: YearFiles.Part, criteria: CriteriaSet, units: [AssessedUnit], reader: RowReader, options: LoadOptions
  ) throws(Diagnostics) -> (SurveyResults, InputSummary) {
    let ids = units.map(\.id)
    if part.isWorkbook {
      let bytes: [UInt8]
      do { bytes = try self.bytes(part) } catch { throw Diagnostics([error]) }
      let table = try sheet(bytes, part.name, .survey)
      let results = try SurveyAggregator.aggregate(
        sheet: table, criteria: criteria, unitIDs: ids, unitsName: reader.unitsName)
      return (results, summary(.survey, part.name, table, size: bytes.count))
    }
    switch part.source {
    case .path(let path):
      let results = try SurveyAggregator.aggregate(
        path: path, criteria: criteria, unitIDs: ids, threads: options.threads, encoding: options.encoding,
        unitsName: reader.unitsName)
      return (results, prefixSummary(path: path, kind: .survey, encoding: options.encoding))
    case .memory(let bytes):
      let results = try SurveyAggregator.aggregate(
        file: part.name, bytes: bytes, criteria: criteria, unitIDs: ids, threads: options.threads,
        encoding: options.encoding,
        unitsName: reader.unitsName)
      let text = try? TextDecoding.decode(bytes, file: part.name, encoding: options.encoding)
      let table = text.flatMap { try? CSVTable.open(CSVReader(validated: $0.bytes, file: part.name), kind: .survey) }
      return (results, summary(.survey, part.name, text?.encoding ?? "", table, size: bytes.count))
    }
  }

  /// The survey at a path of plain text, split for its pieces to be read alongside the other
  /// files; `nil` for any other survey, or one to be read whole (read by ``survey(_:criteria:units:reader:options:)``,
  /// which says what is wrong with it).
  static func surveyStream(
    _ part: YearFiles.Part, criteria: CriteriaSet, units: [AssessedUnit], reader: RowReader, options: LoadOptions
  ) -> SurveyAggregator.SurveyStream? {
    // Only a regular file is opened here: a pipe opened and closed before it is read would
    // lose what its writer sent (the writer gets SIGPIPE), so it is read once, whole, later.
    guard !part.isWorkbook, case .path(let path) = part.source,
      let status = SystemCalls.status(path), status.type == .regular,
      var job = try? SurveyAggregator.Job(criteria: criteria, unitIDs: units.map(\.id), file: path)
    else { return nil }
    (job.encoding, job.unitsName) = (options.encoding, reader.unitsName)
    // More pieces than cores: the core that ends its other files first takes more of them.
    let size = status.size
    job.threads = options.threads ?? (size < SurveyAggregator.splitThreshold ? 1 : 4 * Parallel.width)
    guard case .pieces(let stream)? = try? SurveyAggregator.plan(path: path, job, blockSize: 1 << 20) else {
      return nil
    }
    return stream
  }

  /// What a streamed file is, from its first 64 KiB.
  static func prefixSummary(path: String, kind: YearFileKind, encoding: TextEncoding) -> InputSummary {
    let file = try? LineBlockFile(path: path)
    var prefix = (try? file?.read(at: 0, count: 1 << 16)) ?? []
    if let last = prefix.lastIndex(of: 0x0A), prefix.count < (file?.size ?? 0) { prefix.removeSubrange((last + 1)...) }
    let text = try? TextDecoding.decode(prefix, file: path, encoding: encoding)
    let table = text.flatMap { try? CSVTable.open(CSVReader(validated: $0.bytes, file: path), kind: kind) }
    return summary(kind, path, text?.encoding ?? "UTF-8", table, size: file?.size ?? 0)
  }

  static func summary(_ kind: YearFileKind, _ name: String, _ table: SheetTable, size: Int) -> InputSummary {
    InputSummary(
      kind: kind, file: name, form: "Excel, sheet '\(table.sheet.name)'", headerLine: table.header.line, size: size)
  }

  static func summary(
    _ kind: YearFileKind, _ name: String, _ encoding: String, _ table: CSVTable?, size: Int
  ) -> InputSummary {
    let separator: String
    switch table?.reader.separator {
    case 0x09?: separator = "TAB"
    case let byte?: separator = "'\(Character(Unicode.Scalar(byte)))'"
    case nil: separator = "?"
    }
    let form =
      encoding.hasPrefix("UTF-16") ? "Unicode Text (\(encoding)), \(separator)" : "CSV \(encoding), \(separator)"
    return InputSummary(kind: kind, file: name, form: form, headerLine: table?.header.line ?? 1, size: size)
  }
}
