import PARIndex

/// The commands' logic: each reads its inputs, calls the library, renders and exits.
extension Invocation {
  // MARK: validate

  func validate() throws(CommandError) -> ExitCode {
    guard (1...2).contains(arguments.positional.count) else {
      throw .usage(.wrongArguments(expected: "CRITERIA [DATA_DIR]", found: arguments.positional.count))
    }
    let criteriaPath = arguments.positional[0]
    if try format() == .json { return try validateJSON() }
    let criteria = try loadCriteria(criteriaPath, invalid: .problemsFound)
    let status = language.pick(
      vi: criteria.status == .official ? "chính thức" : "mô phỏng", en: criteria.status.rawValue)
    console.out(
      language.pick(
        vi: "\(criteriaPath): bộ tiêu chí \(criteria.id) (\(status)): \(criteria.items.count) lĩnh vực, "
          + "\(criteria.leaves.count) tiêu chí thành phần, thang điểm \(criteria.scale): hợp lệ\n",
        en: "\(criteriaPath): criteria set \(criteria.id) (\(status)): \(criteria.items.count) fields, "
          + "\(criteria.leaves.count) leaves, scale \(criteria.scale): OK\n"))
    guard arguments.positional.count == 2 else { return .success }
    let folder = arguments.positional[1]
    var options = try loadOptions()
    options.documentTexts = false
    do {
      // Every leaf is scored and checked, but only totals are kept: nothing per (unit, leaf),
      // and no document's texts.
      let data = try YearLoader.load(folder: folder, criteria: criteria, options: options)
      let results = try Assessment.rank(criteria: criteria, data: data)
      let rows = data.selfAssessmentRowCount
      var text = language.pick(
        vi: "\(folder): \(data.units.count) đơn vị trong \(results.groups.count) khối, \(rows) dòng tự chấm: hợp lệ\n",
        en: "\(folder): \(data.units.count) units in \(results.groups.count) groups, \(rows) self-assessment rows: OK\n"
      )
      text += language.pick(vi: "Các tệp đã đọc:\n", en: "Files read:\n")
      for input in results.inputs {
        let header =
          input.headerLine > 1
          ? language.pick(vi: ", dòng tiêu đề \(input.headerLine)", en: ", header on line \(input.headerLine)") : ""
        text += "  \(input.file): \(input.form)\(header)\n"
      }
      text += summaryLine(errors: 0, warnings: results.warnings.count)
      console.out(text)
      report(results.warnings)
      return arguments.flag(.strict) && !results.warnings.isEmpty ? .problemsFound : .success
    } catch {
      report(error.all)
      console.out(summaryLine(errors: error.errors.count, warnings: error.warnings.count))
      return exitCode(for: error, invalid: .problemsFound)
    }
  }

  /// `validate --format json`: everything on standard output, nothing on standard error; the
  /// same exit codes as the text form.
  func validateJSON() throws(CommandError) -> ExitCode {
    let criteriaPath = arguments.positional[0]
    let folder = arguments.positional.count == 2 ? arguments.positional[1] : nil
    var options = try loadOptions()
    options.digests = true
    var criteria: CriteriaSet?
    var diagnostics: [Diagnostic] = []
    var inputs: [InputSummary] = []
    var units: Int?
    var manifest: Manifest?
    do throws(Diagnostics) {
      let criteriaFile = try InputData.read(criteriaPath)
      let set = try Assessment.loadCriteria(criteriaFile)
      criteria = set
      if let folder {
        let results = try Assessment.rank(criteria: set, folder: folder, options: options)
        (diagnostics, inputs, units) = (results.warnings, results.inputs, results.rankedUnits.count)
        manifest = Manifest(criteria: set, criteriaFile: criteriaFile, folder: folder, inputs: results.inputs)
      }
    } catch {
      diagnostics = error.all
    }
    let strict = arguments.flag(.strict)
    console.out(
      ValidationJSON.render(
        criteriaFile: criteriaPath, criteria: criteria, dataFolder: folder, diagnostics: diagnostics, inputs: inputs,
        units: units, strict: strict, manifest: manifest))
    let found = Diagnostics(diagnostics)
    if !found.errors.isEmpty { return exitCode(for: found, invalid: .problemsFound) }
    return strict && !found.warnings.isEmpty ? .problemsFound : .success
  }

  /// `2 lỗi, 1 cảnh báo` / `2 errors, 1 warning`.
  func summaryLine(errors: Int, warnings: Int) -> String {
    language.pick(
      vi: "\(errors) lỗi, \(warnings) cảnh báo\n",
      en: "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
  }

  // MARK: rank, score, explain

  func rank() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    let format = try format()
    if arguments.flag(.excel) && format != .csv { throw .usage(.optionNeedsOption("--excel", "--format csv")) }
    let annex = arguments.flag(.annex)
    if annex && ![.md, .html, .xlsx].contains(format) {
      throw .usage(.optionNeedsOption("--annex", "--format md|html|xlsx"))
    }
    // Only JSON shows leaves; the tables need totals alone (and a country's leaves are many).
    if format == .json {
      let (results, manifest) = try loadYearWithManifest(criteriaPath, folder)
      let group = try group(in: results)
      return emit(
        json: ResultsJSON.renderUTF8(
          results, units: group.map { name in results.rankedUnits.filter { $0.unit.group == name } },
          manifest: manifest))
    }
    let results = try loadTotals(criteriaPath, folder)
    let group = try group(in: results)
    let text: String
    switch format {
    case .xlsx: return emit(RankingWorkbook.make(results, group: group))
    case .csv: text = RankingCSV.render(results, dialect: arguments.flag(.excel) ? .excel : .plain, group: group)
    case .md:
      text = annex ? RankingAnnex(results, group: group).markdown : MarkdownReport.ranking(results, group: group)
    case .html: text = RankingAnnex(results, group: group).html
    default: text = RankingText.render(results, group: group)
    }
    return emit(text)
  }

  func score() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    let format = try format()
    let (results, manifest) = try loadYearWithManifest(criteriaPath, folder)
    var units = results.rankedUnits
    if let unitID = arguments.value(.unit) {
      guard let unit = results.unit(unitID) else { throw .usage(.noSuchUnit) }
      units = [unit]
    }
    if let group = try group(in: results) { units = units.filter { $0.unit.group == group } }
    let text: String
    switch format {
    case .xlsx: return emit(ScoreWorkbook.make(results, units: units))
    case .json: return emit(json: ResultsJSON.renderUTF8(results, units: units, manifest: manifest))
    case .md: text = MarkdownReport.scorecards(results, units: units)
    case .html: text = ScorecardHTML.page(results, units: units, manifest: manifest)
    default: text = ScorecardText.render(results, units: units)
    }
    return emit(text)
  }

  func explain() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    guard let unitID = arguments.value(.unit) else { throw .usage(.optionValue("--unit", expected: "ID")) }
    let results = try loadYear(criteriaPath, folder)
    guard let unit = results.unit(unitID) else { throw .usage(.noSuchUnit) }
    let code = arguments.value(.code)
    if let code, !results.criteria.allNodes.contains(where: { $0.node.code == code }) {
      throw .usage(.noSuchCode(criteria: results.criteria.id))
    }
    return emit(ExplainText.render(results, unit: unit, code: code))
  }

  // MARK: report, template

  func report() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    if (arguments.value(.previousCriteria) == nil) != (arguments.value(.previousData) == nil) {
      throw .usage(.optionsGoTogether("--previous-criteria", "--previous-data"))
    }
    var detail = ScorecardHTML.Detail.losses
    if let text = arguments.value(.scorecards) {
      guard let chosen = ScorecardHTML.Detail(rawValue: text) else {
        throw .usage(.optionValue("--scorecards '\(text)'", expected: "full, losses, none"))
      }
      detail = chosen
    }
    let (results, manifest) = try loadYearWithManifest(criteriaPath, folder)
    var sections: [(title: String, html: String)] = []
    if arguments.value(.runs) != nil {
      let settings = try sensitivitySettings()
      sections.append(
        ("Độ vững của xếp hạng", SensitivityReport.htmlSection(Sensitivity.run(results, settings: settings))))
    }
    if let previousCriteria = arguments.value(.previousCriteria), let previousData = arguments.value(.previousData) {
      // Last year as published: --as-of-round is about this year's rounds.
      let (previous, previousManifest) = try loadYearWithManifest(
        previousCriteria, previousData, applyingRound: false)
      var html = ComparisonReport.htmlSection(Comparison(previous, results))
      if let previousManifest { html += ManifestReport.previousYearHTML(previousManifest) }
      sections.append(("So sánh với năm trước", html))
    }
    return emit(CouncilReport.render(results, extraSections: sections, manifest: manifest, scorecards: detail))
  }

  func template() throws(CommandError) -> ExitCode {
    guard arguments.positional.count == 1 else {
      throw .usage(.wrongArguments(expected: "CRITERIA", found: arguments.positional.count))
    }
    let format = try format()
    if arguments.flag(.excel) && format != .csv { throw .usage(.optionNeedsOption("--excel", "--format csv")) }
    let criteria = try loadCriteria(arguments.positional[0], invalid: .dataError)
    if format == .xlsx { return emit(TemplateWorkbook.make(criteria, unitID: arguments.value(.unit) ?? "")) }
    let text = AssessmentTemplate.render(
      criteria, unitID: arguments.value(.unit) ?? "", dialect: arguments.flag(.excel) ? .excel : .plain)
    return emit(text)
  }

  // MARK: sensitivity, compare, whatif

  func sensitivitySettings() throws(CommandError) -> Sensitivity.Settings {
    var (runs, seed, spread) = (
      Sensitivity.Settings.standard.runs, Sensitivity.Settings.standard.seed, Sensitivity.Settings.standard.spread
    )
    if let text = arguments.value(.runs) {
      guard let value = Int(text), (1...1_000_000).contains(value) else {
        throw .usage(
          .optionValue(
            "--runs '\(text)'",
            expected: language.pick(
              vi: "một số nguyên từ 1 đến 1000000", en: "a whole number from 1 to 1000000")))
      }
      runs = value
    }
    if let text = arguments.value(.seed) {
      guard let value = UInt64(text) else {
        throw .usage(
          .optionValue("--seed '\(text)'", expected: language.pick(vi: "một số nguyên ≥ 0", en: "a whole number ≥ 0")))
      }
      seed = value
    }
    if let text = arguments.value(.spread) {
      guard case .success(let value) = FixedDecimal.parse(text.hasSuffix("%") ? String(text.dropLast()) : text),
        value <= .hundred
      else {
        throw .usage(
          .optionValue(
            "--spread '\(text)'",
            expected: language.pick(
              vi: "một tỷ lệ từ 0 đến 100, như 10", en: "a percentage from 0 to 100, such as 10")))
      }
      spread = value
    }
    do {
      return try Sensitivity.Settings(runs: runs, seed: seed, spread: spread)
    } catch {
      throw .exit(.usage)  // unreachable: each value was checked above with its option's message
    }
  }

  func sensitivity() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    let format = try format()
    let settings = try sensitivitySettings()
    let (results, manifest) = try loadYearWithManifest(criteriaPath, folder)
    let study = Sensitivity.run(results, settings: settings)
    if format == .xlsx { return emit(SensitivityWorkbook.make(study, criteria: results.criteria)) }
    let text: String
    switch format {
    case .csv: text = SensitivityReport.csv(study)
    case .json: text = SensitivityReport.json(study, manifest: manifest)
    case .html:
      text = CouncilReport.page(
        title: "Độ vững của xếp hạng — \(results.criteria.title)",
        sections: [("Độ vững của xếp hạng", SensitivityReport.htmlSection(study))],
        manifests: manifest.map { [$0] } ?? [])
    default: text = SensitivityReport.text(study)
    }
    return emit(text)
  }

  func compare() throws(CommandError) -> ExitCode {
    guard arguments.positional.count == 4 else {
      throw .usage(
        .wrongArguments(expected: "CRITERIA_A DATA_DIR_A CRITERIA_B DATA_DIR_B", found: arguments.positional.count))
    }
    let format = try format()
    let (a, manifestA) = try loadYearWithManifest(arguments.positional[0], arguments.positional[1])
    let (b, manifestB) = try loadYearWithManifest(arguments.positional[2], arguments.positional[3])
    let comparison = Comparison(a, b)
    let text: String
    switch format {
    case .xlsx: text = ""
    case .csv: text = ComparisonReport.csv(comparison)
    case .json: text = ComparisonReport.json(comparison, manifests: [manifestA, manifestB].compactMap { $0 })
    case .html:
      text = CouncilReport.page(
        title: "So sánh Chỉ số CCHC", sections: [("So sánh giữa hai năm", ComparisonReport.htmlSection(comparison))],
        manifests: [manifestB, manifestA].compactMap { $0 })
    default: text = ComparisonReport.text(comparison)
    }
    if format != .text {
      for warning in comparison.warnings {
        console.err(language.pick(vi: "cảnh báo: ", en: "warning: ") + warning.text(language) + "\n")
      }
    }
    return format == .xlsx ? emit(ComparisonWorkbook.make(comparison)) : emit(text)
  }

  func whatif() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    guard let unitID = arguments.value(.unit) else { throw .usage(.optionValue("--unit", expected: "ID")) }
    let settings = try arguments.allValues(.set).map { (text: String) throws(CommandError) -> WhatIf.Setting in
      guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
        throw .usage(
          .optionValue(
            "--set '\(text)'",
            expected: language.pick(
              vi: "MÃ=GIÁ_TRỊ, như 3.2=98%", en: "CODE=VALUE, such as 3.2=98%")))
      }
      return WhatIf.Setting(code: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
    let goal = arguments.value(.goal)
    guard !settings.isEmpty || goal != nil else {
      throw .usage(
        .optionValue(
          "--set / --goal",
          expected: language.pick(
            vi: "--set MÃ=GIÁ_TRỊ (một hoặc nhiều) hoặc --goal XẾP_LOẠI",
            en: "--set CODE=VALUE (one or more) or --goal CLASS")))
    }
    let criteria = try loadCriteria(criteriaPath, invalid: .dataError)
    let options = try loadOptions()
    do throws(Diagnostics) {
      let data = try YearLoader.load(folder: folder, criteria: criteria, options: options)
      var text = ""
      if !settings.isEmpty {
        text += WhatIfReport.text(
          try WhatIf.apply(settings, unit: unitID, criteria: criteria, data: data), settings: settings)
      }
      if let goal {
        guard let unit = try Assessment.run(criteria: criteria, data: data).unit(unitID) else {
          throw Diagnostics([Diagnostic(.noSuchUnit, at: InputLocation(file: folder), field: "unit_id", value: unitID)])
        }
        let plan = try WhatIf.goal(goal, unit: unit, criteria: criteria)
        text += (text.isEmpty ? "" : "\n") + WhatIfReport.goal(plan, label: goal, unit: unit, criteria: criteria)
      }
      return emit(text)
    } catch {
      report(error.all)
      return exitCode(for: error, invalid: .dataError)
    }
  }
}

// MARK: manifest, verify

extension Invocation {
  func manifest() throws(CommandError) -> ExitCode {
    let (criteriaPath, folder) = try twoPaths()
    // A manifest is always taken for this command (``writesManifest``).
    guard let manifest = try loadYearWithManifest(criteriaPath, folder).manifest else { return .dataError }
    return emit(try format() == .text ? ManifestReport.text(manifest, language) : manifest.json.rendered())
  }

  func verify() throws(CommandError) -> ExitCode {
    guard arguments.positional.count == 3 else {
      throw .usage(.wrongArguments(expected: "MANIFEST CRITERIA DATA_DIR", found: arguments.positional.count))
    }
    let (manifestPath, criteriaPath, folder) = (
      arguments.positional[0], arguments.positional[1], arguments.positional[2]
    )
    do throws(Diagnostics) {
      let manifest = try Manifest.read(InputData.read(manifestPath).bytes, file: manifestPath)
      let changes = try manifest.verify(criteria: criteriaPath, folder: folder)
      console.out(ManifestReport.verification(changes, manifest, language))
      return changes.isEmpty ? .success : .problemsFound
    } catch {
      report(error.all)
      return exitCode(for: error, invalid: .dataError)
    }
  }
}
