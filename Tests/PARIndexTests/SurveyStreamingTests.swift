import Foundation
import Testing

@testable import PARIndex

/// The survey is read line by line, in pieces on several cores and, from a path, in blocks of
/// whole lines, letting go of each unit's respondents when its rows end. Every way of reading
/// must give exactly what the general CSV reader gives in one piece keeping every respondent:
/// the same tallies and respondent counts, or the same errors on the same lines.
@Suite struct SurveyStreamingTests {
  static let units = ["A", "B", "P"]

  /// A survey of every unit: `respondents` each answering S1 and S2, with a few weights.
  static func survey(respondents: Int = 30, separator: String = ",", lineEnd: String = "\n") -> String {
    var lines = ["unit_id\(separator)respondent_id\(separator)question\(separator)answer\(separator)weight"]
    var seed: UInt64 = 7
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    for unit in units {
      for respondent in 1...respondents {
        let weight = respondent % 7 == 0 ? (separator == "," ? "\"1,5\"" : "1,5") : ""
        for question in ["S1", "S2"] {
          lines.append([unit, "R\(respondent)", question, String(1 + next(5)), weight].joined(separator: separator))
        }
      }
    }
    return lines.joined(separator: lineEnd) + lineEnd
  }

  /// What one way of reading gives: the tallies and counts, or the problems as lines.
  enum Outcome: Equatable {
    case results([String: [String: SurveyResults.Tally]], [String: Int])
    case problems([String])
  }

  static func outcome(_ body: () throws(Diagnostics) -> SurveyResults) -> Outcome {
    do {
      let results = try body()
      return .results(results.tallies, results.respondents)
    } catch {
      return .problems(error.all.map { $0.rendered(.english) })
    }
  }

  /// Every way of reading `bytes`, each against the general reader in one piece.
  static func expectSameEverywhere(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let criteria = try Mini.criteria
    let reference = outcome { () throws(Diagnostics) in
      try SurveyAggregator.aggregate(
        file: "survey.csv", bytes: bytes, criteria: criteria, unitIDs: units, threads: 1, lineByLine: false,
        sealsRuns: false)
    }
    for threads in [1, 2, 3, 5] {
      let inMemory = outcome { () throws(Diagnostics) in
        try SurveyAggregator.aggregate(
          file: "survey.csv", bytes: bytes, criteria: criteria, unitIDs: units, threads: threads)
      }
      #expect(inMemory == reference, "in memory, \(threads) pieces", sourceLocation: sourceLocation)
    }
    let year = try TemporaryYear([:])
    try year.writeBytes("survey.csv", bytes)
    let path = year.path + "/survey.csv"
    for threads in [1, 2, 3] {
      for blockSize in [1, 5, 64, 1 << 20] {
        var streamed = outcome { () throws(Diagnostics) in
          try SurveyAggregator.aggregate(
            path: path, criteria: criteria, unitIDs: units, threads: threads, blockSize: blockSize)
        }
        // The path names the file where the bytes above were called survey.csv.
        if case .problems(let lines) = streamed {
          streamed = .problems(lines.map { $0.replacingOccurrences(of: path, with: "survey.csv") })
        }
        #expect(
          streamed == reference, "streamed, \(threads) pieces, blocks of \(blockSize) bytes",
          sourceLocation: sourceLocation)
      }
    }
  }

  @Test func plainCommaFileWithQuotedDecimalWeights() throws {
    let text = Self.survey()
    #expect(text.contains("\"1,5\""))
    try Self.expectSameEverywhere(Array(text.utf8))
    // And it is read: 30 respondents per unit.
    let results = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: Array(text.utf8), criteria: Mini.criteria, unitIDs: Self.units, threads: 2)
    #expect(results.respondents == ["A": 30, "B": 30, "P": 30])
  }

  @Test func excelDialect() throws {
    // Semicolons, CRLF and a byte order mark, as Vietnamese Excel saves "CSV UTF-8".
    try Self.expectSameEverywhere([0xEF, 0xBB, 0xBF] + Array(Self.survey(separator: ";", lineEnd: "\r\n").utf8))
  }

  @Test func blankLinesSpacesAndNoFinalLineBreak() throws {
    var text = Self.survey(respondents: 8)
    text = text.replacingOccurrences(of: "\nB,R3,", with: "\n\n  ,  , ,\n B , R3 ,")
    text.removeLast()
    try Self.expectSameEverywhere(Array(text.utf8))
  }

  @Test func linesTheLineReaderHandsToTheRecordPath() throws {
    var text = Self.survey(respondents: 8)
    // A no-break space around an id, a decomposed id, doubled quotes, a quoted id.
    text = text.replacingOccurrences(of: "A,R2,S1", with: "A\u{00A0},R2,S1")
    text = text.replacingOccurrences(of: "B,R4,S2", with: "\"B\",\"R\"\"4\",S2")
    text += "P,Người\u{0300} 1,S1,5,\nP,Ngườ\u{0300}i 1,S2,4,\n"
    try Self.expectSameEverywhere(Array(text.utf8))
  }

  @Test func filesOnlyTheGeneralReaderCanRead() throws {
    let text = Self.survey(respondents: 8)
    // A quoted respondent id over two lines, a lone carriage return, a stray quote.
    try Self.expectSameEverywhere(Array(text.replacingOccurrences(of: "B,R5,S1", with: "B,\"R\n5\",S1").utf8))
    try Self.expectSameEverywhere(Array(text.replacingOccurrences(of: "\nB,R6,S1", with: "\rB,R6,S1").utf8))
    try Self.expectSameEverywhere(Array(text.replacingOccurrences(of: "B,R7,S1,", with: "B,R\"7,S1,").utf8))
    try Self.expectSameEverywhere(Array(text.replacingOccurrences(of: "B,R7,S1,", with: "B,\"R7\"x,S1,").utf8))
    try Self.expectSameEverywhere(Array((text + "P,\"R99,S1,5,\n").utf8))
  }

  @Test func errorsNameTheirLinesInEveryPiece() throws {
    var text = Self.survey(respondents: 12)
    text = text.replacingOccurrences(of: "A,R3,S1", with: "X,R3,S1")
    text = text.replacingOccurrences(of: "B,R9,S2,", with: "B,R9,S9,")
    text = text.replacingOccurrences(of: "P,R11,S1,", with: "P,R11,S1,7")
    // A respondent answering S1 twice, far apart: in different pieces.
    text += "A,R1,S1,5,\n"
    try Self.expectSameEverywhere(Array(text.utf8))
    guard
      case .problems(let lines) = Self.outcome({ () throws(Diagnostics) in
        try SurveyAggregator.aggregate(
          file: "survey.csv", bytes: Array(text.utf8), criteria: try! Mini.criteria, unitIDs: Self.units, threads: 3)
      })
    else {
      Issue.record("expected problems")
      return
    }
    #expect(lines.contains { $0.hasPrefix("survey.csv:\(1 + 2 * 2 + 1): unit_id 'X'") })
    #expect(
      lines.last?.hasPrefix(
        "survey.csv:\(1 + 3 * 12 * 2 + 1): respondent_id 'R1': this respondent already answered question S1") == true)
  }

  /// The problems of `text` read in 3 pieces in memory, as English lines.
  static func problems(_ text: String) -> [String] {
    let outcome = Self.outcome { () throws(Diagnostics) in
      try SurveyAggregator.aggregate(
        file: "survey.csv", bytes: Array(text.utf8), criteria: try! Mini.criteria, unitIDs: Self.units, threads: 3)
    }
    guard case .problems(let lines) = outcome else { return [] }
    return lines
  }

  @Test func aRowWiderThanTheHeaderIsAnErrorInEveryPiece() throws {
    // `1,5` unquoted in a comma file: the weight splits into `1` and `5`, one field too many
    // (DECISIONS §15). Respondents 7, 14, 21 and 28 of each unit carry it, on both questions.
    let text = Self.survey().replacingOccurrences(of: "\"1,5\"", with: "1,5")
    try Self.expectSameEverywhere(Array(text.utf8))
    let lines = Self.problems(text)
    #expect(lines.count == 3 * 4 * 2, "\(lines)")
    // A's respondent 7 answers S1 on line 1 + 6 × 2 + 1.
    #expect(
      lines.first
        == "survey.csv:14: the row has 6 fields but the header has 5: a separator too many, or a text with ',' that should be in double quotes"
    )
  }

  @Test func dataUnderABlankHeaderCellIsOneErrorHoweverManyPieces() throws {
    // The weight column's name deleted: every weight would be 1 without a word.
    let text = Self.survey(separator: ";").replacingOccurrences(of: ";answer;weight\n", with: ";answer;\n")
    try Self.expectSameEverywhere(Array(text.utf8))
    #expect(
      Self.problems(text) == [
        "survey.csv:14: '1,5': field 5 holds data but its column's header cell (line 1) is blank: name the column, or give it a name starting with x_ if it is meant to be ignored"
      ])
  }

  @Test func invalidUTF8IsOneErrorWithItsLine() throws {
    var bytes = Array(Self.survey(respondents: 12).utf8)
    let offset = bytes.count * 2 / 3
    bytes[offset] = 0xFF
    try Self.expectSameEverywhere(bytes)
  }

  @Test func moreThanTheErrorLimit() throws {
    var text = Self.survey(respondents: 2)
    for row in 0..<1500 { text += "Z,R\(row),S1,5,\n" }
    try Self.expectSameEverywhere(Array(text.utf8))
  }

  @Test func aLineLongerThanTheBlockGrowsIt() throws {
    let long = String(repeating: "r", count: 5000)
    let text = Self.survey(respondents: 3) + "A,\(long),S1,5,\nA,\(long),S2,1,\n"
    try Self.expectSameEverywhere(Array(text.utf8))
  }

  @Test func aNamedPipeIsReadToItsEnd() throws {
    // `survey.csv` may be a pipe (a FIFO): it has no size and no offsets, and can be opened
    // only once per writer.
    let text = Self.survey(respondents: 5)
    let year = try TemporaryYear([:])
    let path = year.path + "/survey.csv"
    #expect(mkfifo(path, 0o600) == 0)
    let writer = Thread {
      let handle = FileHandle(forWritingAtPath: path)!
      handle.write(Data(text.utf8))
      try? handle.close()
    }
    writer.start()
    let streamed = try SurveyAggregator.aggregate(path: path, criteria: Mini.criteria, unitIDs: Self.units)
    let inMemory = try SurveyAggregator.aggregate(
      file: path, bytes: Array(text.utf8), criteria: Mini.criteria, unitIDs: Self.units)
    #expect(streamed.tallies == inMemory.tallies && streamed.respondents == ["A": 5, "B": 5, "P": 5])
  }

  @Test func aByteThatBreaksUTF8IsPlacedByLineFeedsAfterALoneCarriageReturn() throws {
    // The header ends with a lone CR (a line break to the CSV reader) and the bad byte lies
    // beyond the first window the streamed reader looks at for the header.
    var bytes = Array(Self.survey(respondents: 1000).utf8)
    let headerEnd = bytes.firstIndex(of: 0x0A)!
    bytes[headerEnd] = 0x0D
    #expect(bytes.count > 1 << 16)
    bytes[bytes.count - 10] = 0xFF
    try Self.expectSameEverywhere(bytes)
  }

  @Test func aUnitWhoseRowsComeInSeveralRuns() throws {
    // Units interleaved (a file not sorted by unit): a unit's respondents must be remembered
    // across its runs, to count them once and to catch a question answered twice.
    let lines = Self.survey(respondents: 10).split(separator: "\n").map(String.init)
    let header = lines[0]
    let body = Array(lines.dropFirst())
    var interleaved: [String] = []
    for index in 0..<20 { for unit in 0..<3 { interleaved.append(body[unit * 20 + index]) } }
    let text = ([header] + interleaved).joined(separator: "\n") + "\n"
    try Self.expectSameEverywhere(Array(text.utf8))
    let results = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: Array(text.utf8), criteria: Mini.criteria, unitIDs: Self.units, threads: 2)
    #expect(results.respondents == ["A": 10, "B": 10, "P": 10])
    // A answers again, much later, a question it answered in its first run.
    try Self.expectSameEverywhere(Array((Self.survey(respondents: 10) + "B,R1,S2,5,\n").utf8))
    // A unit's second run adds a respondent, far from its first.
    let more = Self.survey(respondents: 10) + "A,R11,S1,4,\n"
    try Self.expectSameEverywhere(Array(more.utf8))
    let counted = try SurveyAggregator.aggregate(
      file: "survey.csv", bytes: Array(more.utf8), criteria: Mini.criteria, unitIDs: Self.units, threads: 3)
    #expect(counted.respondents["A"] == 11)
  }

  @Test func aNoBreakSpaceInAWeightIsTrimmedLikeInAnyField() throws {
    // Fuzz finding: the weight alone was read on the ASCII path, so `0,5` + NBSP was "not a
    // number" and an NBSP-only weight was not blank, while the same space in an answer was trimmed.
    let plain = "unit_id;respondent_id;question;answer;weight\nA;R1;S1;5;\nA;R2;S1;3;0,5\nB;R1;S1;2;\n"
    let spaced = plain.replacingOccurrences(of: "0,5", with: "0,5\u{A0}")
      .replacingOccurrences(of: "S1;5;", with: "S1;5;\u{A0}")
    let criteria = try Mini.criteria
    let read = { (text: String) in
      Self.outcome { () throws(Diagnostics) in
        try SurveyAggregator.aggregate(
          file: "survey.csv", bytes: Array(text.utf8), criteria: criteria, unitIDs: Self.units)
      }
    }
    guard case .results(let tallies, _) = read(plain) else {
      Issue.record("the plain survey fails")
      return
    }
    // A's S1: 5 with weight 1 and 3 with weight 0.5.
    #expect(tallies["A"]?.values.map(\.weightSum) == [1_500_000])
    #expect(read(spaced) == read(plain))
    try Self.expectSameEverywhere(Array(spaced.utf8))
  }

  @Test func aUnitLetGoWhileTheLastGoodRowStillNamesIt() throws {
    // Fuzz finding: B's row fails after B's run began (A let go: not the piece's first run,
    // which is kept), and the row remembered for the respondent cache is still A's; A's next row must not use A's old respondent ids.
    let text = """
      unit_id,respondent_id,question,answer,weight
      P,R1,S1,5,
      A,R1,S1,5,
      B,R1,S9,5,
      A,R1,S2,4,

      """
    try Self.expectSameEverywhere(Array(text.utf8))
    try Self.expectSameEverywhere(Array(text.replacingOccurrences(of: ",", with: ";").utf8))
  }
}
