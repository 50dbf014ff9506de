#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What every piece of the survey needs to know, read-only.
struct SurveyContext: Sendable {
  let file: String
  /// The units file's name, for "unknown unit" messages.
  let unitsName: String
  let header: TableHeader
  let origin: TableOrigin
  let survey: SurveyDefinition
  let unitIDs: [String]
  var units = ByteInterner()
  var questions = ShortKeyTable()
  var answers = ShortKeyTable()
  /// The groups of question `q` are `questionGroups[questionGroupStart[q]..<questionGroupStart[q + 1]]`
  /// (one flat array: no array per question to retain on every row).
  var questionGroups: [Int] = []
  var questionGroupStart: [Int] = []
  let groupCount: Int
  /// Percentages in millionths by answer id.
  var percentOfAnswer: [Int128] = []
  /// The same times a weight of 1 (millionths × millionths), for the rows that carry no weight.
  var unweightedOfAnswer: [Int128] = []
  let unitColumn: Int
  let respondentColumn: Int
  let questionColumn: Int
  let answerColumn: Int
  let weightColumn: Int?
  /// The columns a row's answer is read from.
  let columnsRead: [Int]
  /// Whether lines may take the plain fast path (``PlainLine``): not when a blank header cell
  /// asks for every row's cells to be looked at.
  let plainLines: Bool
  /// The CSV file's separator (for messages); `nil` for a worksheet, whose rows the sheet checks.
  let separator: UInt8?

  init(
    file: String, survey: SurveyDefinition, unitIDs: [String], unitsName: String, header: TableHeader,
    separator: UInt8?, origin: TableOrigin? = nil
  ) {
    (self.file, self.survey, self.unitIDs, self.unitsName, self.header) = (file, survey, unitIDs, unitsName, header)
    self.separator = separator
    self.origin = origin ?? TableOrigin(file: file, sheet: nil, header: header)
    units = ByteInterner(capacity: unitIDs.count)
    for id in unitIDs { units.intern(id) }
    var groupsOfQuestion: [[Int]] = []
    for (groupIndex, group) in survey.groups.enumerated() {
      for question in group.questions {
        let id = questions.intern(question)
        if id == groupsOfQuestion.count { groupsOfQuestion.append([]) }
        groupsOfQuestion[id].append(groupIndex)
      }
    }
    for groups in groupsOfQuestion {
      questionGroupStart.append(questionGroups.count)
      questionGroups.append(contentsOf: groups)
    }
    questionGroupStart.append(questionGroups.count)
    groupCount = survey.groups.count
    percentOfAnswer = Array(repeating: 0, count: survey.scale.count)
    for entry in survey.scale {
      // By id, so that a repeated code (which the decoder rejects) could never shift the table.
      percentOfAnswer[answers.intern(entry.answer)] = Int128(entry.percent.micros)
    }
    unweightedOfAnswer = percentOfAnswer.map { $0 * Int128(FixedDecimal.unitsPerOne) }
    unitColumn = header.position(.unitID)!
    respondentColumn = header.position(.respondentID)!
    questionColumn = header.position(.question)!
    answerColumn = header.position(.answer)!
    weightColumn = header.position(.weight)
    columnsRead = [unitColumn, respondentColumn, questionColumn, answerColumn] + (weightColumn.map { [$0] } ?? [])
    plainLines = header.unnamed.isEmpty
  }
}

/// The tallies of one piece of the survey file.
struct SurveyChunk: Sendable {
  let context: SurveyContext
  /// By unit × group.
  var tallies: [SurveyResults.Tally]
  /// Each unit's respondents in a table of its own: a unit's rows come together, so the
  /// table being filled stays in the cache, where one table of millions would not.
  var respondents: [UnitRespondents]
  /// Whether to let go of a unit's respondents once its rows end (see ``closeRun(at:)``).
  let sealsRuns: Bool
  /// Units whose rows ended (their table let go), with the number of respondents they had.
  var sealedCounts: [Int?]
  /// A sealed unit had rows again: its counts would be wrong, so the caller reads again
  /// without sealing.
  var revisited = false
  /// The unit of the current run of rows, and of the piece's first run (kept: it may go on
  /// from the piece before).
  private var runUnit = -1
  private var firstRunUnit = -1
  var log = DiagnosticLog()
  /// The previous row's unit and respondent (bytes in the file, valid while it is read): rows of
  /// one respondent come together, so most rows skip the hash lookups. Compared byte for byte.
  private var previous = PreviousRow()
  /// A CSV row's width and blank-header cells, as ``CSVTable`` checks them.
  private var shape: RowShapeCheck?

  /// Holds pointers into the file's buffer only while one piece is read (see `read`).
  struct PreviousRow: @unchecked Sendable {
    var unitBytes: UnsafeBufferPointer<UInt8>?
    var unit = -1
    var respondentBytes: UnsafeBufferPointer<UInt8>?
    var respondent = -1
  }

  init(context: SurveyContext, sealsRuns: Bool) {
    self.context = context
    self.sealsRuns = sealsRuns
    tallies = Array(repeating: SurveyResults.Tally(), count: context.unitIDs.count * context.survey.groups.count)
    respondents = Array(repeating: UnitRespondents(), count: context.unitIDs.count)
    sealedCounts = Array(repeating: nil, count: context.unitIDs.count)
    shape = context.separator.map { RowShapeCheck(header: context.header, file: context.file, separator: $0) }
  }

  mutating func read(_ reader: CSVReader, _ range: Range<Int>, firstLine: Int) {
    defer { previous = PreviousRow() }
    do {
      try reader.forEachRecord(in: range, firstLine: firstLine) { (record: CSVRecord) throws(Diagnostic) in
        guard log.errors.count < DiagnosticLog.limit else { return }
        self.add(record)
      }
    } catch {
      log.add(error)
    }
  }

  /// Reads `block`, whole lines of a CSV file, one record per line, with ``CSVSplitter`` in
  /// its single-line mode. `line` is the line number of the block's first line and advances
  /// past the block.
  ///
  /// A quoted field that does not close on its line, a stray quote or a lone carriage return
  /// makes it stop and return false: the caller then reads the whole file with the general
  /// reader (``read(_:_:firstLine:)``), which gives the same results and names the problem.
  /// A record whose fields need unquoting or normalising goes through ``add(_:)`` like the
  /// general reader's rows.
  mutating func readLines(_ block: UnsafeBufferPointer<UInt8>, separator: UInt8, line: inout Int) -> Bool {
    previous = PreviousRow()
    defer { previous = PreviousRow() }
    var record = CSVRecord(buffer: block)
    var position = 0
    let count = block.count
    // Most lines are plain: their fields are found without the splitter's array.
    let plain = context.plainLines ? PlainLine(width: context.header.width, wanted: context.columnsRead) : nil
    defer { plain?.release() }
    while position < count {
      if let plain, !log.isFull,
        let (fields, next) = plain.scan(block, from: position, to: count, separator: separator),
        addPlain(plain, block, lineStart: position, fields: fields, line: line)
      {
        position = next
        line += 1
        continue
      }
      record.line = line
      switch CSVSplitter.split(
        block, from: position, to: count, separator: separator, mode: .singleLine, into: &record.spans, line: &line)
      {
      case .record(let next): position = next
      case .unclosedQuote, .textAfterQuote, .needsGeneralReader: return false
      }
      if log.isFull { continue }
      add(record)
    }
    return true
  }

  /// A plain line (see ``PlainLine``) whose fields need no trimming and whose unit cannot be a
  /// repeated header: added straight from the file's bytes, as ``add(_:)-(CSVRecord)`` would
  /// add it. False when the line needs that general path.
  @inline(__always)
  private mutating func addPlain(
    _ plain: PlainLine, _ block: UnsafeBufferPointer<UInt8>, lineStart: Int, fields: Int, line: Int
  ) -> Bool {
    // An empty unit may be a blank line; a name-like one a repeated header.
    guard let unit = plain.bytes(block, lineStart: lineStart, fields: fields, field: context.unitColumn),
      !unit.isEmpty, !TableHeader.mayBeName(unit),
      let respondent = plain.bytes(block, lineStart: lineStart, fields: fields, field: context.respondentColumn),
      let question = plain.bytes(block, lineStart: lineStart, fields: fields, field: context.questionColumn),
      let answer = plain.bytes(block, lineStart: lineStart, fields: fields, field: context.answerColumn)
    else { return false }
    var weight = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    if let column = context.weightColumn {
      guard let bytes = plain.bytes(block, lineStart: lineStart, fields: fields, field: column) else { return false }
      weight = bytes
    }
    add(
      unit: unit, respondent: respondent, question: question, answer: answer, weight: weight, line: line,
      stable: true)
    return true
  }

  /// One row of a worksheet (its texts already trimmed and NFC).
  mutating func add<Row: TableRow>(_ row: Row) {
    let texts = [context.unitColumn, context.respondentColumn, context.questionColumn, context.answerColumn].map {
      Array(row.text($0).utf8)
    }
    let weight = Array(context.weightColumn.map { row.text($0) }?.utf8 ?? "".utf8)
    texts[0].withUnsafeBufferPointer { unit in
      texts[1].withUnsafeBufferPointer { respondent in
        texts[2].withUnsafeBufferPointer { question in
          texts[3].withUnsafeBufferPointer { answer in
            weight.withUnsafeBufferPointer { weight in
              add(
                unit: unit, respondent: respondent, question: question, answer: answer, weight: weight, line: row.line,
                stable: false)
            }
          }
        }
      }
    }
  }

  /// One row: the fast path reads the file's bytes; a field in quotes or with non-ASCII bytes
  /// (which may need NFC normalisation) goes through `String`.
  mutating func add(_ record: CSVRecord) {
    if record.isBlank { return }
    if shape?.admits(record, log: &log) == false { return }
    if TableHeader.mayBeName(record.trimmedBytes(context.unitColumn)) || record.needsText(context.unitColumn),
      context.header.isRepeated({ String(record.text($0).trimmingSpaces).nfc })
    {
      log.add(
        .repeatedHeader(firstLine: context.header.line),
        at: InputLocation(file: context.file, place: .line(record.line)))
      return
    }
    // The weight too: a no-break space that Excel left in it is trimmed like in any other field.
    if record.needsText(context.unitColumn) || record.needsText(context.respondentColumn)
      || record.needsText(context.questionColumn) || record.needsText(context.answerColumn)
      || context.weightColumn.map(record.needsText) == true
    {

      let columns = [context.unitColumn, context.respondentColumn, context.questionColumn, context.answerColumn]
      let texts = columns.map { Array(String(record.text($0).trimmingSpaces).nfc.utf8) }
      let weight = Array(context.weightColumn.map { String(record.text($0).trimmingSpaces) }?.utf8 ?? "".utf8)
      texts[0].withUnsafeBufferPointer { unit in
        texts[1].withUnsafeBufferPointer { respondent in
          texts[2].withUnsafeBufferPointer { question in
            texts[3].withUnsafeBufferPointer { answer in
              weight.withUnsafeBufferPointer { weight in
                add(
                  unit: unit, respondent: respondent, question: question, answer: answer, weight: weight,
                  line: record.line, stable: false)
              }
            }
          }
        }
      }
      return
    }
    add(
      unit: record.trimmedBytes(context.unitColumn), respondent: record.trimmedBytes(context.respondentColumn),
      question: record.trimmedBytes(context.questionColumn), answer: record.trimmedBytes(context.answerColumn),
      weight: context.weightColumn.map { record.trimmedBytes($0) } ?? UnsafeBufferPointer(start: nil, count: 0),
      line: record.line,
      stable: true)
  }

  mutating func add(
    unit unitBytes: UnsafeBufferPointer<UInt8>, respondent: UnsafeBufferPointer<UInt8>,
    question questionBytes: UnsafeBufferPointer<UInt8>,
    answer answerBytes: UnsafeBufferPointer<UInt8>, weight weightBytes: UnsafeBufferPointer<UInt8>, line: Int,
    stable: Bool
  ) {
    func fail(_ column: Column, _ value: UnsafeBufferPointer<UInt8>?, _ message: Message) {
      // Text lines count from the piece's start (shifted when pieces are joined); sheet rows are absolute.
      let location =
        context.origin.sheet == nil
        ? InputLocation(file: context.file, place: .line(line)) : context.origin.location(line: line, column: column)
      log.add(
        message, at: location, field: context.header.displayName(column),
        value: value.map { String(decoding: $0, as: UTF8.self) })
    }
    let cachedUnit = previous.unitBytes.map { Self.same($0, unitBytes) } ?? false
    guard let unit = cachedUnit ? previous.unit : context.units.find(unitBytes) else {
      return unitBytes.isEmpty
        ? fail(.unitID, nil, .missingUnitID) : fail(.unitID, unitBytes, .unknownUnit(unitsFile: context.unitsName))
    }
    if unit != runUnit { closeRun(at: unit) }
    guard let question = context.questions.find(questionBytes) else {
      return fail(.question, questionBytes, .unknownQuestion)
    }
    guard let answer = context.answers.find(answerBytes) else {
      return fail(.answer, answerBytes, .unknownAnswer(scale: context.survey.scale.map(\.answer)))
    }
    guard !respondent.isEmpty else { return fail(.respondentID, nil, .missingRespondent) }
    var weight = Int128(FixedDecimal.unitsPerOne)
    if !weightBytes.isEmpty {
      switch FixedDecimal.parse(weightBytes) {
      case .success(let parsed) where parsed > .zero && parsed <= SurveyAggregator.maximumWeight:
        weight = Int128(parsed.micros)
      case .success:
        return fail(.weight, weightBytes, .weightOutOfRange(maximum: SurveyAggregator.maximumWeight.description))
      case .failure(let error): return fail(.weight, weightBytes, .number(error))
      }
    }
    // The respondent, within its unit.
    let id =
      cachedUnit && previous.respondentBytes.map { Self.same($0, respondent) } == true
      ? previous.respondent : respondents[unit].intern(respondent)
    // Only bytes that stay put (in the file) may be remembered; a normalised copy does not.
    previous =
      stable
      ? PreviousRow(unitBytes: unitBytes, unit: unit, respondentBytes: respondent, respondent: id) : PreviousRow()
    if !respondents[unit].markAnswered(id, question) {
      return fail(
        .respondentID, respondent,
        .answeredTwice(
          question: context.survey.groups.flatMap(\.questions).first { $0.utf8.elementsEqual(questionBytes) } ?? "",
          unit: context.unitIDs[unit]))
    }
    // Most rows carry no weight (1): their product is the percentage itself, scaled.
    let weighted =
      weightBytes.isEmpty ? context.unweightedOfAnswer[answer] : weight * context.percentOfAnswer[answer]
    let base = unit * context.groupCount
    for slot in context.questionGroupStart[question]..<context.questionGroupStart[question + 1] {
      tallies[base + context.questionGroups[slot]].add(weighted: weighted, weight: weight)
    }
  }

  @inline(__always)
  static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    // Ids are short: a loop beats a call to memcmp.
    if a.count <= 16 {
      for index in 0..<a.count where a[index] != b[index] { return false }
      return true
    }
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
  }

  /// Records that `respondent` answered `question`; false when it already had.
  /// Rows of `unit` begin. The unit whose rows just ended is sealed — its respondents counted
  /// and let go — unless it began the piece (it may go on from the piece before, or after).
  /// A file sorted by unit, as surveys are exported, then holds one unit's respondents at a
  /// time: memory grows with units, not with answers. A sealed unit seen again sets
  /// ``revisited``.
  mutating func closeRun(at unit: Int) {
    // The remembered row may name a unit about to be let go (a row that failed after its
    // unit was read does not update it): forget it.
    previous = PreviousRow()
    if sealsRuns && runUnit >= 0 && runUnit != firstRunUnit {
      sealedCounts[runUnit] = respondents[runUnit].count
      respondents[runUnit] = UnitRespondents()
    }
    if sealedCounts[unit] != nil { revisited = true }
    if firstRunUnit < 0 { firstRunUnit = unit }
    runUnit = unit
  }

  /// What joining two pieces found.
  enum MergeOutcome {
    case merged
    /// A respondent answered the same question in both pieces.
    case answeredTwice
    /// A unit sealed in one piece has rows in the other.
    case sealedUnitShared
  }

  /// Adds `other`'s tallies and respondents (the piece after this one). A unit no other piece
  /// has answers for (`shared[unit]` false) cannot have a respondent in both: its table or
  /// count is taken as it is. A shared unit — pieces split a file sorted by unit, so only the
  /// units at their edges are shared, and those are never sealed — has its tables joined.
  /// The caller reads again in one piece when a respondent answered the same question in
  /// both (so that the error names the right line), or without sealing when a shared unit
  /// was sealed.
  mutating func merge(_ other: SurveyChunk, shared: [Bool]) -> MergeOutcome {
    for index in tallies.indices {
      tallies[index].weightedSum += other.tallies[index].weightedSum
      tallies[index].weightSum += other.tallies[index].weightSum
      tallies[index].answers += other.tallies[index].answers
    }
    var otherErrors = other.log.errors
    if let otherShape = other.shape { shape?.merge(otherShape, log: &otherErrors) }
    log.add(contentsOf: otherErrors)
    for unit in respondents.indices where shared[unit] {
      if sealedCounts[unit] != nil || other.sealedCounts[unit] != nil { return .sealedUnitShared }
      if !respondents[unit].merge(other.respondents[unit]) { return .answeredTwice }
    }
    for unit in respondents.indices where !shared[unit] {
      if let count = other.sealedCounts[unit] {
        sealedCounts[unit] = count
      } else if other.respondents[unit].count > 0 {
        respondents[unit] = other.respondents[unit]
      }
    }
    return .merged
  }

  /// Whether the piece has answers for `unit`.
  func touches(_ unit: Int) -> Bool { sealedCounts[unit] != nil || respondents[unit].count > 0 }

  func results() -> SurveyResults {
    var results = SurveyResults()
    let respondentCount = respondents.indices.map { sealedCounts[$0] ?? respondents[$0].count }
    let groups = context.survey.groups
    for (unit, unitID) in context.unitIDs.enumerated() where respondentCount[unit] > 0 {
      var byGroup: [String: SurveyResults.Tally] = [:]
      for (groupIndex, group) in groups.enumerated() where tallies[unit * groups.count + groupIndex].answers > 0 {
        byGroup[group.key] = tallies[unit * groups.count + groupIndex]
      }
      results.tallies[unitID] = byGroup
      results.respondents[unitID] = respondentCount[unit]
    }
    return results
  }
}

/// The respondents of one unit: their ids, and the questions each has answered (to count
/// them, and to catch a respondent answering a question twice).
struct UnitRespondents: Sendable {
  private var ids = ByteInterner(capacity: 0)
  /// Questions answered by each respondent (question ids < 64), and beyond 64 as a set of
  /// respondent × 1 000 000 + question.
  private var answered: [UInt64] = []
  private var answeredBeyond64 = Set<Int>()

  /// The number of respondents.
  var count: Int { ids.count }

  /// The id of the respondent `key`, added when new.
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    let (id, inserted) = ids.intern(key)
    if inserted { answered.append(0) }
    return id
  }

  /// Records that `respondent` answered `question`; false when it already had.
  mutating func markAnswered(_ respondent: Int, _ question: Int) -> Bool {
    if question < 64 {
      let bit = UInt64(1) << UInt64(question)
      if answered[respondent] & bit != 0 { return false }
      answered[respondent] |= bit
      return true
    }
    return answeredBeyond64.insert(respondent * 1_000_000 + question).inserted
  }

  /// Adds `other`'s respondents; false when one of them answered a question in both.
  mutating func merge(_ other: UnitRespondents) -> Bool {
    var mine: [Int] = []
    for id in 0..<other.ids.count {
      let key = other.ids.key(id)
      let local = key.withUnsafeBufferPointer { intern($0) }
      mine.append(local)
      if answered[local] & other.answered[id] != 0 { return false }
      answered[local] |= other.answered[id]
    }
    for entry in other.answeredBeyond64
    where !answeredBeyond64.insert(mine[entry / 1_000_000] * 1_000_000 + entry % 1_000_000).inserted {
      return false
    }
    return true
  }
}
