import PARIndex

/// The commands' logic.
enum Commands {
  static let formatOption = Arguments.Option(names: ["--format", "-f"], takesValue: true)
  static let outputOption = Arguments.Option(names: ["--output", "-o"], takesValue: true)
  static let groupOption = Arguments.Option(names: ["--group"], takesValue: true)
  static let unitOption = Arguments.Option(names: ["--unit"], takesValue: true)
  static let excelOption = Arguments.Option(names: ["--excel"], takesValue: false)

  // MARK: validate

  static func validate(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let parsed = try Arguments(arguments, options: [])
    guard (1...2).contains(parsed.positional.count) else {
      throw Arguments.UsageError(message: "expected CRITERIA and optionally DATA_DIR")
    }
    let criteria: CriteriaSet
    do {
      criteria = try Assessment.loadCriteria(at: parsed.positional[0])
    } catch {
      report(error, console: console)
      return error.hasMissingInput ? .noInput : .problemsFound
    }
    let leaves = criteria.leaves.count
    console.out("\(parsed.positional[0]): criteria set \(criteria.id) (\(criteria.status.rawValue)): \(criteria.items.count) fields, \(leaves) leaves, scale \(criteria.scale): OK\n")
    guard parsed.positional.count == 2 else { return .success }
    let folder = parsed.positional[1]
    do {
      let data = try YearLoader.load(folder: folder, criteria: criteria)
      let results = try Assessment.run(criteria: criteria, data: data)
      let rows = data.selfAssessment.values.reduce(0) { $0 + $1.count }
      console.out("\(folder): \(data.units.count) units in \(results.groups.count) groups, \(rows) self-assessment rows: OK\n")
      return .success
    } catch {
      report(error, console: console)
      return error.hasMissingInput ? .noInput : .problemsFound
    }
  }

  // MARK: rank

  static func rank(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let parsed = try Arguments(arguments, options: [formatOption, outputOption, groupOption, excelOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let format = try chooseFormat(parsed, allowed: ["text", "csv", "json", "md"])
    if parsed.flag("--excel") && format != "csv" {
      throw Arguments.UsageError(message: "--excel goes with --format csv")
    }
    let results: YearResults
    switch load(criteriaPath, folder, console: console) {
    case .success(let loaded): results = loaded
    case .failure(let code): return code
    }
    let group = parsed.value("--group")
    if let group, !results.groups.contains(where: { $0.name == group }) {
      throw Arguments.UsageError(message: "no group '\(group)': the groups are \(results.groups.map(\.name).joined(separator: ", "))")
    }
    let text: String
    switch format {
    case "csv": text = RankingCSV.render(results, dialect: parsed.flag("--excel") ? .excel : .plain, group: group)
    case "json": text = ResultsJSON.render(results, units: group.map { name in results.rankedUnits.filter { $0.unit.group == name } })
    case "md": text = MarkdownReport.ranking(results, group: group)
    default: text = RankingText.render(results, group: group)
    }
    return emit(text, to: parsed.value("--output"), console: console)
  }

  // MARK: score

  static func score(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let parsed = try Arguments(arguments, options: [formatOption, outputOption, groupOption, unitOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let format = try chooseFormat(parsed, allowed: ["text", "md", "html", "json"])
    let results: YearResults
    switch load(criteriaPath, folder, console: console) {
    case .success(let loaded): results = loaded
    case .failure(let code): return code
    }
    var units = results.rankedUnits
    if let unitID = parsed.value("--unit") {
      guard let unit = results.unit(unitID) else {
        throw Arguments.UsageError(message: "no unit '\(unitID)' in \(folder)/units.csv")
      }
      units = [unit]
    }
    if let group = parsed.value("--group") {
      guard results.groups.contains(where: { $0.name == group }) else {
        throw Arguments.UsageError(message: "no group '\(group)': the groups are \(results.groups.map(\.name).joined(separator: ", "))")
      }
      units = units.filter { $0.unit.group == group }
    }
    let text: String
    switch format {
    case "json": text = ResultsJSON.render(results, units: units)
    case "md": text = MarkdownReport.scorecards(results, units: units)
    case "html": text = ScorecardHTML.page(results, units: units)
    default: text = ScorecardText.render(results, units: units)
    }
    return emit(text, to: parsed.value("--output"), console: console)
  }

  // MARK: explain

  static func explain(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let codeOption = Arguments.Option(names: ["--code"], takesValue: true)
    let parsed = try Arguments(arguments, options: [unitOption, codeOption, outputOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    guard let unitID = parsed.value("--unit") else { throw Arguments.UsageError(message: "--unit ID is required") }
    let results: YearResults
    switch load(criteriaPath, folder, console: console) {
    case .success(let loaded): results = loaded
    case .failure(let code): return code
    }
    guard let unit = results.unit(unitID) else {
      throw Arguments.UsageError(message: "no unit '\(unitID)' in \(folder)/units.csv")
    }
    let code = parsed.value("--code")
    if let code, !results.criteria.allNodes.contains(where: { $0.node.code == code }) {
      throw Arguments.UsageError(message: "no code '\(code)' in criteria set \(results.criteria.id)")
    }
    return emit(ExplainText.render(results, unit: unit, code: code), to: parsed.value("--output"), console: console)
  }

  // MARK: report

  static func report(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let parsed = try Arguments(arguments, options: [outputOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let results: YearResults
    switch load(criteriaPath, folder, console: console) {
    case .success(let loaded): results = loaded
    case .failure(let code): return code
    }
    return emit(CouncilReport.render(results), to: parsed.value("--output"), console: console)
  }

  // MARK: template

  static func template(_ arguments: [String], console: Console) throws(Arguments.UsageError) -> ExitCode {
    let parsed = try Arguments(arguments, options: [unitOption, outputOption, excelOption])
    guard parsed.positional.count == 1 else { throw Arguments.UsageError(message: "expected CRITERIA") }
    let criteria: CriteriaSet
    do {
      criteria = try Assessment.loadCriteria(at: parsed.positional[0])
    } catch {
      report(error, console: console)
      return error.hasMissingInput ? .noInput : .dataError
    }
    let text = AssessmentTemplate.render(
      criteria, unitID: parsed.value("--unit") ?? "", dialect: parsed.flag("--excel") ? .excel : .plain)
    return emit(text, to: parsed.value("--output"), console: console)
  }

  // MARK: Shared steps

  static func twoPaths(_ parsed: Arguments) throws(Arguments.UsageError) -> (String, String) {
    guard parsed.positional.count == 2 else {
      throw Arguments.UsageError(message: "expected CRITERIA and DATA_DIR, found \(parsed.positional.count) argument(s)")
    }
    return (parsed.positional[0], parsed.positional[1])
  }

  static func chooseFormat(_ parsed: Arguments, allowed: [String]) throws(Arguments.UsageError) -> String {
    let format = parsed.value("--format") ?? "text"
    guard allowed.contains(format) else {
      throw Arguments.UsageError(message: "unknown format '\(format)': expected \(allowed.joined(separator: ", "))")
    }
    return format
  }

  /// Loads, scores and ranks; on input errors prints them and gives the exit code.
  static func load(_ criteriaPath: String, _ folder: String, console: Console) -> Result<YearResults, ExitCode> {
    do {
      let criteria = try Assessment.loadCriteria(at: criteriaPath)
      return .success(try Assessment.run(criteria: criteria, folder: folder))
    } catch {
      report(error, console: console)
      return .failure(error.hasMissingInput ? .noInput : .dataError)
    }
  }

  static func report(_ errors: InputErrors, console: Console) {
    var text = errors.errors.map(\.description).joined(separator: "\n") + "\n"
    if errors.errors.count >= 1000 { text += "(stopped after 1000 problems)\n" }
    console.err(text)
  }

  static func emit(_ text: String, to path: String?, console: Console) -> ExitCode {
    guard let path, path != "-" else {
      console.out(text)
      return .success
    }
    do {
      try OutputFile.write(text, to: path)
      return .success
    } catch {
      console.err("\(error)\n")
      return .cannotCreate
    }
  }
}
