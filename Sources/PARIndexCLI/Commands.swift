import PARIndex

/// The commands' logic.
enum Commands {
  static let formatOption = Arguments.Option(names: ["--format", "-f"], takesValue: true)
  static let outputOption = Arguments.Option(names: ["--output", "-o"], takesValue: true)
  static let groupOption = Arguments.Option(names: ["--group"], takesValue: true)
  static let unitOption = Arguments.Option(names: ["--unit"], takesValue: true)
  static let excelOption = Arguments.Option(names: ["--excel"], takesValue: false)

  // MARK: validate

  static func validate(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [])
    guard (1...2).contains(parsed.positional.count) else {
      throw CommandError.usage("expected CRITERIA and optionally DATA_DIR")
    }
    let criteria = try loadCriteria(parsed.positional[0], console: console, invalid: .problemsFound)
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

  static func rank(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [formatOption, outputOption, groupOption, excelOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let format = try chooseFormat(parsed, allowed: ["text", "csv", "json", "md"])
    if parsed.flag("--excel") && format != "csv" {
      throw CommandError.usage("--excel goes with --format csv")
    }
    // Only JSON shows leaves; the tables need totals alone (and a country's leaves are many).
    let results = try load(criteriaPath, folder, console: console, detail: format == "json" ? .leaves : .totals)
    let group = parsed.value("--group")
    if let group, !results.groups.contains(where: { $0.name == group }) {
      throw CommandError.usage("no group '\(group)': the groups are \(results.groups.map(\.name).joined(separator: ", "))")
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

  static func score(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [formatOption, outputOption, groupOption, unitOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let format = try chooseFormat(parsed, allowed: ["text", "md", "html", "json"])
    let results = try load(criteriaPath, folder, console: console)
    var units = results.rankedUnits
    if let unitID = parsed.value("--unit") {
      guard let unit = results.unit(unitID) else {
        throw CommandError.usage("no unit '\(unitID)' in \(folder)/units.csv")
      }
      units = [unit]
    }
    if let group = parsed.value("--group") {
      guard results.groups.contains(where: { $0.name == group }) else {
        throw CommandError.usage("no group '\(group)': the groups are \(results.groups.map(\.name).joined(separator: ", "))")
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

  static func explain(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let codeOption = Arguments.Option(names: ["--code"], takesValue: true)
    let parsed = try parse(arguments, options: [unitOption, codeOption, outputOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    guard let unitID = parsed.value("--unit") else { throw CommandError.usage("--unit ID is required") }
    let results = try load(criteriaPath, folder, console: console)
    guard let unit = results.unit(unitID) else {
      throw CommandError.usage("no unit '\(unitID)' in \(folder)/units.csv")
    }
    let code = parsed.value("--code")
    if let code, !results.criteria.allNodes.contains(where: { $0.node.code == code }) {
      throw CommandError.usage("no code '\(code)' in criteria set \(results.criteria.id)")
    }
    return emit(ExplainText.render(results, unit: unit, code: code), to: parsed.value("--output"), console: console)
  }

  // MARK: report

  static func report(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let previousCriteriaOption = Arguments.Option(names: ["--previous-criteria"], takesValue: true)
    let previousDataOption = Arguments.Option(names: ["--previous-data"], takesValue: true)
    let parsed = try parse(arguments, options: [outputOption, runsOption, seedOption, spreadOption, previousCriteriaOption, previousDataOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    if (parsed.value("--previous-criteria") == nil) != (parsed.value("--previous-data") == nil) {
      throw CommandError.usage("--previous-criteria and --previous-data go together")
    }
    let results = try load(criteriaPath, folder, console: console)
    var sections: [(title: String, html: String)] = []
    if parsed.value("--runs") != nil {
      let settings = try sensitivitySettings(parsed)
      sections.append(("Độ vững của xếp hạng", SensitivityReport.htmlSection(Sensitivity.run(results, settings: settings))))
    }
    if let previousCriteria = parsed.value("--previous-criteria"), let previousData = parsed.value("--previous-data") {
      let previous = try load(previousCriteria, previousData, console: console)
      sections.append(("So sánh với năm trước", ComparisonReport.htmlSection(Comparison(previous, results))))
    }
    return emit(CouncilReport.render(results, extraSections: sections), to: parsed.value("--output"), console: console)
  }

  // MARK: sensitivity, compare, whatif

  static let runsOption = Arguments.Option(names: ["--runs"], takesValue: true)
  static let seedOption = Arguments.Option(names: ["--seed"], takesValue: true)
  static let spreadOption = Arguments.Option(names: ["--spread"], takesValue: true)

  static func sensitivitySettings(_ parsed: Arguments) throws(CommandError) -> Sensitivity.Settings {
    var settings = Sensitivity.Settings()
    if let text = parsed.value("--runs") {
      guard let runs = Int(text), (1...1_000_000).contains(runs) else { throw CommandError.usage("--runs '\(text)': expected a whole number from 1 to 1000000") }
      settings.runs = runs
    }
    if let text = parsed.value("--seed") {
      guard let seed = UInt64(text) else { throw CommandError.usage("--seed '\(text)': expected a whole number ≥ 0") }
      settings.seed = seed
    }
    if let text = parsed.value("--spread") {
      guard case .success(let spread) = FixedDecimal.parse(text.hasSuffix("%") ? String(text.dropLast()) : text), spread <= FixedDecimal(100) else {
        throw CommandError.usage("--spread '\(text)': expected a percentage from 0 to 100, such as 10")
      }
      settings.spread = spread
    }
    return settings
  }

  static func sensitivity(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [formatOption, outputOption, runsOption, seedOption, spreadOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    let format = try chooseFormat(parsed, allowed: ["text", "csv", "json", "html"])
    let settings = try sensitivitySettings(parsed)
    let results = try load(criteriaPath, folder, console: console)
    let study = Sensitivity.run(results, settings: settings)
    let text: String
    switch format {
    case "csv": text = SensitivityReport.csv(study)
    case "json": text = SensitivityReport.json(study)
    case "html": text = CouncilReport.page(title: "Độ vững của xếp hạng — \(results.criteria.title)", sections: [("Độ vững của xếp hạng", SensitivityReport.htmlSection(study))])
    default: text = SensitivityReport.text(study)
    }
    return emit(text, to: parsed.value("--output"), console: console)
  }

  static func compare(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [formatOption, outputOption])
    guard parsed.positional.count == 4 else { throw CommandError.usage("expected CRITERIA_A DATA_DIR_A CRITERIA_B DATA_DIR_B") }
    let format = try chooseFormat(parsed, allowed: ["text", "csv", "json", "html"])
    let a = try load(parsed.positional[0], parsed.positional[1], console: console)
    let b = try load(parsed.positional[2], parsed.positional[3], console: console)
    let comparison = Comparison(a, b)
    let text: String
    switch format {
    case "csv": text = ComparisonReport.csv(comparison)
    case "json": text = ComparisonReport.json(comparison)
    case "html": text = CouncilReport.page(title: "So sánh Chỉ số CCHC", sections: [("So sánh giữa hai năm", ComparisonReport.htmlSection(comparison))])
    default: text = ComparisonReport.text(comparison)
    }
    for warning in comparison.warnings where format != "text" { console.err("warning: \(warning)\n") }
    return emit(text, to: parsed.value("--output"), console: console)
  }

  static func whatif(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let setOption = Arguments.Option(names: ["--set"], takesValue: true, repeatable: true)
    let goalOption = Arguments.Option(names: ["--goal"], takesValue: true)
    let parsed = try parse(arguments, options: [unitOption, setOption, goalOption, outputOption])
    let (criteriaPath, folder) = try twoPaths(parsed)
    guard let unitID = parsed.value("--unit") else { throw CommandError.usage("--unit ID is required") }
    let settings = try parsed.allValues("--set").map { (text: String) throws(CommandError) -> WhatIf.Setting in
      guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
        throw CommandError.usage("--set '\(text)': expected CODE=VALUE, such as 3.2=98%")
      }
      return WhatIf.Setting(code: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
    let goal = parsed.value("--goal")
    guard !settings.isEmpty || goal != nil else { throw CommandError.usage("expected --set CODE=VALUE (one or more) or --goal CLASS") }
    do throws(InputErrors) {
      let criteria = try Assessment.loadCriteria(at: criteriaPath)
      let data = try YearLoader.load(folder: folder, criteria: criteria)
      var text = ""
      if !settings.isEmpty {
        text += WhatIfReport.text(try WhatIf.apply(settings, unit: unitID, criteria: criteria, data: data), settings: settings)
      }
      if let goal {
        guard let unit = try Assessment.run(criteria: criteria, data: data).unit(unitID) else {
          throw InputErrors([InputError(file: "--unit", value: unitID, message: "no such unit in units.csv")])
        }
        let plan = try WhatIf.goal(goal, unit: unit, criteria: criteria)
        text += (text.isEmpty ? "" : "\n") + WhatIfReport.goal(plan, label: goal, unit: unit, criteria: criteria)
      }
      return emit(text, to: parsed.value("--output"), console: console)
    } catch {
      report(error, console: console)
      return error.hasMissingInput ? .noInput : .dataError
    }
  }

  // MARK: template

  static func template(_ arguments: [String], console: Console) throws(CommandError) -> ExitCode {
    let parsed = try parse(arguments, options: [unitOption, outputOption, excelOption])
    guard parsed.positional.count == 1 else { throw CommandError.usage("expected CRITERIA") }
    let criteria = try loadCriteria(parsed.positional[0], console: console, invalid: .dataError)
    let text = AssessmentTemplate.render(
      criteria, unitID: parsed.value("--unit") ?? "", dialect: parsed.flag("--excel") ? .excel : .plain)
    return emit(text, to: parsed.value("--output"), console: console)
  }

  // MARK: Shared steps

  static func twoPaths(_ parsed: Arguments) throws(CommandError) -> (String, String) {
    guard parsed.positional.count == 2 else {
      throw CommandError.usage("expected CRITERIA and DATA_DIR, found \(parsed.positional.count) argument(s)")
    }
    return (parsed.positional[0], parsed.positional[1])
  }

  static func chooseFormat(_ parsed: Arguments, allowed: [String]) throws(CommandError) -> String {
    let format = parsed.value("--format") ?? "text"
    guard allowed.contains(format) else {
      throw CommandError.usage("unknown format '\(format)': expected \(allowed.joined(separator: ", "))")
    }
    return format
  }

  /// Loads, scores and ranks; on input errors prints them and stops with the exit code.
  static func load(_ criteriaPath: String, _ folder: String, console: Console, detail: Scorer.Detail = .leaves) throws(CommandError) -> YearResults {
    let criteria = try loadCriteria(criteriaPath, console: console, invalid: .dataError)
    do {
      let data = try YearLoader.load(folder: folder, criteria: criteria)
      let results = try Assessment.run(criteria: criteria, data: data, detail: detail)
      // The command ends soon after: let the process's exit return the year's million rows
      // at once rather than free them one by one (a few tenths of a second nationally).
      _ = Unmanaged.passRetained(YearDataHolder(data))
      return results
    } catch {
      report(error, console: console)
      throw .exit(error.hasMissingInput ? .noInput : .dataError)
    }
  }

  /// Reads a criteria set; on problems prints them and stops with 66 (missing) or `invalid`.
  static func loadCriteria(_ path: String, console: Console, invalid: ExitCode) throws(CommandError) -> CriteriaSet {
    do {
      return try Assessment.loadCriteria(at: path)
    } catch {
      report(error, console: console)
      throw .exit(error.hasMissingInput ? .noInput : invalid)
    }
  }

  static func parse(_ arguments: [String], options: [Arguments.Option]) throws(CommandError) -> Arguments {
    do { return try Arguments(arguments, options: options) } catch { throw .usage(error.message) }
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

/// Holds a year's data past the end of a command (see ``Commands/load(_:_:console:detail:)``).
private final class YearDataHolder {
  let data: YearData
  init(_ data: YearData) { self.data = data }
}
