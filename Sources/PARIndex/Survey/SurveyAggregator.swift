/// Streams `survey.csv` (one row per answer) into per-unit, per-group tallies.
///
/// Memory grows with units × groups plus the distinct respondents, not with the rows: each
/// row is folded into its tallies as it is read. Weights and percentages are exact.
public enum SurveyAggregator {
  /// The largest weight a respondent may carry.
  public static let maximumWeight = FixedDecimal(1000)

  /// Aggregates a survey file.
  /// - Parameters:
  ///   - unitIDs: the units of the year; an answer for another unit is an error.
  /// - Throws: ``InputErrors`` with every problem (up to the error limit).
  public static func aggregate(file: String, bytes: [UInt8], criteria: CriteriaSet, unitIDs: Set<String>) throws(InputErrors) -> SurveyResults {
    var log = ErrorLog()
    guard let survey = criteria.survey else {
      throw InputErrors([InputError(file: file, message: "criteria set \(criteria.id) has no \"survey\" block, so survey answers cannot be used")])
    }
    // Questions → the groups that use them; answer codes → percentages in millionths.
    var groupsOfQuestion: [String: [Int]] = [:]
    for (groupIndex, group) in survey.groups.enumerated() {
      for question in group.questions { groupsOfQuestion[question, default: []].append(groupIndex) }
    }
    var percentOfAnswer: [String: Int128] = [:]
    for entry in survey.scale { percentOfAnswer[entry.answer] = Int128(entry.percent.micros) }

    let reader: CSVReader
    do { reader = try CSVReader(file: file, bytes: bytes) } catch { throw InputErrors([error]) }

    var columns: [String: Int] = [:]
    var sawHeader = false
    var unitIndex: [String: Int] = [:]
    var unitOrder: [String] = []
    var tallies: [[SurveyResults.Tally]] = []
    var respondentsByUnit: [Set<String>] = []
    var seenAnswers = Set<AnswerKey>()
    var questionIndex: [String: Int] = [:]

    do {
      try reader.forEachRecord { (record: CSVRecord) throws(InputError) in
        guard sawHeader else {
          sawHeader = true
          columns = CSVHeader.columns(
            of: (0..<record.count).map { record.text($0) }, line: record.line, file: file,
            required: ["unit_id", "respondent_id", "question", "answer"], optional: ["weight"], log: &log)
          return
        }
        guard log.isEmpty || log.errors.count < ErrorLog.limit else { return }
        if columns.count < 4 { return }
        func field(_ name: String) -> String {
          guard let position = columns[name] else { return "" }
          return String(record.text(position).trimmingSpaces)
        }
        let line = record.line
        let unitID = field("unit_id").nfc
        guard unitIDs.contains(unitID) else {
          log.add(InputError(file: file, location: .line(line), field: "unit_id", value: unitID, message: unitID.isEmpty ? "expected a unit id" : "unknown unit: expected a unit_id listed in units.csv"))
          return
        }
        let question = field("question").nfc
        guard let groups = groupsOfQuestion[question] else {
          log.add(InputError(file: file, location: .line(line), field: "question", value: question, message: "expected a question listed in the criteria set's survey groups"))
          return
        }
        let answer = field("answer").nfc
        guard let percent = percentOfAnswer[answer] else {
          log.add(InputError(file: file, location: .line(line), field: "answer", value: answer, message: "expected one of the survey scale's answers: \(survey.scale.map(\.answer).joined(separator: ", "))"))
          return
        }
        let respondent = field("respondent_id").nfc
        guard !respondent.isEmpty else {
          log.add(InputError(file: file, location: .line(line), field: "respondent_id", message: "expected a respondent id"))
          return
        }
        var weight = FixedDecimal(1)
        let weightText = field("weight")
        if !weightText.isEmpty {
          switch FixedDecimal.parse(weightText) {
          case .success(let parsed) where parsed > .zero && parsed <= maximumWeight: weight = parsed
          case .success(let parsed):
            log.add(InputError(file: file, location: .line(line), field: "weight", value: parsed.description, message: "expected a weight above 0 and at most \(maximumWeight)"))
            return
          case .failure(let error):
            log.add(InputError(file: file, location: .line(line), field: "weight", value: weightText, message: error.expectation))
            return
          }
        }
        let unit: Int
        if let known = unitIndex[unitID] {
          unit = known
        } else {
          unit = unitOrder.count
          unitIndex[unitID] = unit
          unitOrder.append(unitID)
          tallies.append(Array(repeating: SurveyResults.Tally(), count: survey.groups.count))
          respondentsByUnit.append([])
        }
        let questionNumber: Int
        if let known = questionIndex[question] { questionNumber = known } else {
          questionNumber = questionIndex.count
          questionIndex[question] = questionNumber
        }
        respondentsByUnit[unit].insert(respondent)
        guard seenAnswers.insert(AnswerKey(unit: unit, respondent: respondent, question: questionNumber)).inserted else {
          log.add(InputError(file: file, location: .line(line), field: "respondent_id", value: respondent, message: "this respondent already answered question \(question) for unit \(unitID)"))
          return
        }
        let weightMicros = Int128(weight.micros)
        for group in groups {
          tallies[unit][group].weightedSum += weightMicros * percent
          tallies[unit][group].weightSum += weightMicros
          tallies[unit][group].answers += 1
        }
      }
    } catch {
      log.add(error)
    }
    if !sawHeader {
      log.add(InputError(file: file, message: "the file is empty: expected a header row with unit_id, respondent_id, question, answer"))
    }
    try log.throwIfAny()
    var results = SurveyResults()
    for (unit, unitID) in unitOrder.enumerated() {
      var byGroup: [String: SurveyResults.Tally] = [:]
      for (groupIndex, group) in survey.groups.enumerated() where tallies[unit][groupIndex].answers > 0 {
        byGroup[group.key] = tallies[unit][groupIndex]
      }
      results.tallies[unitID] = byGroup
      results.respondents[unitID] = respondentsByUnit[unit].count
    }
    return results
  }

  private struct AnswerKey: Hashable {
    var unit: Int
    var respondent: String
    var question: Int
  }
}
