#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams `survey.csv` (one row per answer) into per-unit, per-group tallies.
///
/// Each row is folded into its tallies as it is read, at byte level: unit ids, questions,
/// answers and respondents are interned from the file's bytes (exact comparisons, no string
/// per field). Memory grows with units × groups for the tallies and with the number of
/// distinct respondents (one entry each, to count them and to catch a respondent answering a
/// question twice) — not with the number of answer rows. A file without quotes is split into
/// record-aligned pieces aggregated on all cores; sums are exact integers, so the result does
/// not depend on the split.
public enum SurveyAggregator {
  /// The largest weight a respondent may carry.
  public static let maximumWeight = FixedDecimal(1000)

  /// Aggregates a survey file.
  /// - Parameters:
  ///   - unitIDs: the units of the year, in order; an answer for another unit is an error.
  ///   - threads: into how many pieces to split the file (`nil`: one per core, for files over
  ///     1 MiB). The results are the same for any number.
  /// - Throws: ``InputErrors`` with every problem (up to the error limit).
  public static func aggregate(file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: [String], threads: Int? = nil) throws(InputErrors) -> SurveyResults {
    guard let survey = criteria.survey else {
      throw InputErrors([InputError(file: file, message: "criteria set \(criteria.id) has no \"survey\" block, so survey answers cannot be used")])
    }
    let reader: CSVReader
    do { reader = try CSVReader(file: file, bytes: bytes) } catch { throw InputErrors([error]) }
    let headerEnd: Int
    do { headerEnd = try reader.headerEnd() } catch { throw InputErrors([error]) }
    var headerFields: [String]?
    do {
      try reader.forEachRecord(in: reader.start..<headerEnd, firstLine: 1) { (record: CSVRecord) throws(InputError) in
        headerFields = (0..<record.count).map { record.text($0) }
      }
    } catch { throw InputErrors([error]) }
    guard let headerFields else {
      throw InputErrors([InputError(file: file, message: "the file is empty: expected a header row with unit_id, respondent_id, question, answer")])
    }
    var headerLog = ErrorLog()
    let columns = CSVHeader.columns(
      of: headerFields, line: 1, file: file, required: ["unit_id", "respondent_id", "question", "answer"], optional: ["weight"],
      log: &headerLog)
    try headerLog.throwIfAny()

    let context = SurveyContext(file: file, survey: survey, unitIDs: unitIDs, columns: columns)
    let pieces = reader.chunks(after: headerEnd, parts: threads ?? Parallel.width, minimumBytes: threads == nil ? 1 << 20 : 0)
    var partials = Parallel.map(pieces.count) { index in
      var chunk = SurveyChunk(context: context)
      chunk.read(reader, pieces[index].range, firstLine: pieces[index].firstLine)
      return chunk
    }
    var total = partials.removeFirst()
    for partial in partials {
      if !total.merge(partial) {
        // A respondent answered the same question in two pieces: read once more in one piece,
        // so that the error names the right line.
        return try aggregate(file: file, bytes: bytes, criteria: criteria, unitIDs: unitIDs, threads: 1)
      }
    }
    if !total.log.isEmpty { throw InputErrors(total.log.errors.sorted(by: InputError.fileOrder)) }
    return total.results()
  }
}

/// What every piece of the survey needs to know, read-only.
struct SurveyContext: Sendable {
  let file: String
  let survey: SurveyDefinition
  let unitIDs: [String]
  var units = ByteInterner()
  var questions = ByteInterner()
  var answers = ByteInterner()
  /// Group indices by question id.
  var groupsOfQuestion: [[Int]] = []
  /// Percentages in millionths by answer id.
  var percentOfAnswer: [Int128] = []
  let unitColumn: Int
  let respondentColumn: Int
  let questionColumn: Int
  let answerColumn: Int
  let weightColumn: Int?

  init(file: String, survey: SurveyDefinition, unitIDs: [String], columns: [String: Int]) {
    (self.file, self.survey, self.unitIDs) = (file, survey, unitIDs)
    units = ByteInterner(capacity: unitIDs.count)
    for id in unitIDs { units.intern(id) }
    for (groupIndex, group) in survey.groups.enumerated() {
      for question in group.questions {
        let id = questions.intern(question)
        if id == groupsOfQuestion.count { groupsOfQuestion.append([]) }
        groupsOfQuestion[id].append(groupIndex)
      }
    }
    percentOfAnswer = Array(repeating: 0, count: survey.scale.count)
    for entry in survey.scale {
      // By id, so that a repeated code (which the decoder rejects) could never shift the table.
      percentOfAnswer[answers.intern(entry.answer)] = Int128(entry.percent.micros)
    }
    unitColumn = columns["unit_id"]!
    respondentColumn = columns["respondent_id"]!
    questionColumn = columns["question"]!
    answerColumn = columns["answer"]!
    weightColumn = columns["weight"]
  }
}

/// The tallies of one piece of the survey file.
struct SurveyChunk: Sendable {
  let context: SurveyContext
  /// By unit × group.
  var tallies: [SurveyResults.Tally]
  /// Key: 4 bytes of the unit's index, then the respondent id.
  var respondents = ByteInterner()
  var respondentUnit: [Int32] = []
  /// Questions answered by each respondent (question ids < 64), and beyond 64 as a set.
  var answered: [UInt64] = []
  var answeredBeyond64 = Set<Int>()
  var log = ErrorLog()
  private var key: [UInt8] = []
  /// The previous row's unit and respondent (bytes in the file, valid while it is read): rows of
  /// one respondent come together, so most rows skip the hash lookups. Compared byte for byte.
  private var previous = PreviousRow()

  /// Holds pointers into the file's buffer only while one piece is read (see `read`).
  struct PreviousRow: @unchecked Sendable {
    var unitBytes: UnsafeBufferPointer<UInt8>?
    var unit = -1
    var respondentBytes: UnsafeBufferPointer<UInt8>?
    var respondent = -1
  }

  init(context: SurveyContext) {
    self.context = context
    tallies = Array(repeating: SurveyResults.Tally(), count: context.unitIDs.count * context.survey.groups.count)
  }

  mutating func read(_ reader: CSVReader, _ range: Range<Int>, firstLine: Int) {
    defer { previous = PreviousRow() }
    do {
      try reader.forEachRecord(in: range, firstLine: firstLine) { (record: CSVRecord) throws(InputError) in
        guard log.errors.count < ErrorLog.limit else { return }
        self.add(record)
      }
    } catch {
      log.add(error)
    }
  }

  /// One row: the fast path reads the file's bytes; a field in quotes or with non-ASCII bytes
  /// (which may need NFC normalisation) goes through `String`.
  mutating func add(_ record: CSVRecord) {
    if record.needsText(context.unitColumn) || record.needsText(context.respondentColumn)
      || record.needsText(context.questionColumn) || record.needsText(context.answerColumn)
    {

      let columns = [context.unitColumn, context.respondentColumn, context.questionColumn, context.answerColumn]
      let texts = columns.map { Array(String(record.text($0).trimmingSpaces).nfc.utf8) }
      let weight = Array(context.weightColumn.map { String(record.text($0).trimmingSpaces) }?.utf8 ?? "".utf8)
      texts[0].withUnsafeBufferPointer { unit in
        texts[1].withUnsafeBufferPointer { respondent in
          texts[2].withUnsafeBufferPointer { question in
            texts[3].withUnsafeBufferPointer { answer in
              weight.withUnsafeBufferPointer { weight in
                add(unit: unit, respondent: respondent, question: question, answer: answer, weight: weight, line: record.line, stable: false)
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
      weight: context.weightColumn.map { record.trimmedBytes($0) } ?? UnsafeBufferPointer(start: nil, count: 0), line: record.line,
      stable: true)
  }

  mutating func add(
    unit unitBytes: UnsafeBufferPointer<UInt8>, respondent: UnsafeBufferPointer<UInt8>, question questionBytes: UnsafeBufferPointer<UInt8>,
    answer answerBytes: UnsafeBufferPointer<UInt8>, weight weightBytes: UnsafeBufferPointer<UInt8>, line: Int,
    stable: Bool
  ) {
    func fail(_ field: String, _ value: UnsafeBufferPointer<UInt8>?, _ message: String) {
      log.add(InputError(
        file: context.file, location: .line(line), field: field, value: value.map { String(decoding: $0, as: UTF8.self) },
        message: message))
    }
    let cachedUnit = previous.unitBytes.map { Self.same($0, unitBytes) } ?? false
    guard let unit = cachedUnit ? previous.unit : context.units.find(unitBytes) else {
      return unitBytes.isEmpty
        ? fail("unit_id", nil, "expected a unit id") : fail("unit_id", unitBytes, "unknown unit: expected a unit_id listed in units.csv")
    }
    guard let question = context.questions.find(questionBytes) else {
      return fail("question", questionBytes, "expected a question listed in the criteria set's survey groups")
    }
    guard let answer = context.answers.find(answerBytes) else {
      return fail("answer", answerBytes, "expected one of the survey scale's answers: \(context.survey.scale.map(\.answer).joined(separator: ", "))")
    }
    guard !respondent.isEmpty else { return fail("respondent_id", nil, "expected a respondent id") }
    var weight = Int128(FixedDecimal.unitsPerOne)
    if !weightBytes.isEmpty {
      switch FixedDecimal.parse(weightBytes) {
      case .success(let parsed) where parsed > .zero && parsed <= SurveyAggregator.maximumWeight: weight = Int128(parsed.micros)
      case .success:
        return fail("weight", weightBytes, "expected a weight above 0 and at most \(SurveyAggregator.maximumWeight)")
      case .failure(let error): return fail("weight", weightBytes, error.expectation)
      }
    }
    // The respondent, per unit.
    let id: Int
    if cachedUnit, let bytes = previous.respondentBytes, Self.same(bytes, respondent) {
      id = previous.respondent
    } else {
      key.removeAll(keepingCapacity: true)
      withUnsafeBytes(of: Int32(unit).littleEndian) { key.append(contentsOf: $0) }
      key.append(contentsOf: respondent)
      let (interned, inserted) = key.withUnsafeBufferPointer { respondents.intern($0) }
      if inserted {
        respondentUnit.append(Int32(unit))
        answered.append(0)
      }
      id = interned
    }
    // Only bytes that stay put (in the file) may be remembered; a normalised copy does not.
    previous = stable ? PreviousRow(unitBytes: unitBytes, unit: unit, respondentBytes: respondent, respondent: id) : PreviousRow()
    if !markAnswered(id, question) {
      return fail("respondent_id", respondent, "this respondent already answered question \(context.survey.groups.flatMap(\.questions).first { $0.utf8.elementsEqual(questionBytes) } ?? "") for unit \(context.unitIDs[unit])")
    }
    let percent = context.percentOfAnswer[answer]
    let base = unit * context.survey.groups.count
    for group in context.groupsOfQuestion[question] {
      tallies[base + group].weightedSum += weight * percent
      tallies[base + group].weightSum += weight
      tallies[base + group].answers += 1
    }
  }

  static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
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

  /// Adds `other`'s tallies and respondents; false when a respondent answered the same
  /// question in both (the caller then reads the file in one piece to name the line).
  mutating func merge(_ other: SurveyChunk) -> Bool {
    for index in tallies.indices {
      tallies[index].weightedSum += other.tallies[index].weightedSum
      tallies[index].weightSum += other.tallies[index].weightSum
      tallies[index].answers += other.tallies[index].answers
    }
    log.add(contentsOf: other.log.errors)
    for id in 0..<other.respondents.count {
      let key = other.respondents.key(id)
      let (mine, inserted) = key.withUnsafeBufferPointer { respondents.intern($0) }
      if inserted {
        respondentUnit.append(other.respondentUnit[id])
        answered.append(0)
      }
      if answered[mine] & other.answered[id] != 0 { return false }
      answered[mine] |= other.answered[id]
    }
    for entry in other.answeredBeyond64 {
      let key = other.respondents.key(entry / 1_000_000)
      guard let mine = key.withUnsafeBufferPointer({ respondents.find($0) }) else { continue }
      if !answeredBeyond64.insert(mine * 1_000_000 + entry % 1_000_000).inserted { return false }
    }
    return true
  }

  func results() -> SurveyResults {
    var results = SurveyResults()
    var respondentCount = Array(repeating: 0, count: context.unitIDs.count)
    for unit in respondentUnit { respondentCount[Int(unit)] += 1 }
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
