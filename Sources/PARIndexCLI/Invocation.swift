import PARIndex

/// One run of one command: its parsed arguments, where output goes, the language of messages,
/// and the steps every command shares (reading inputs, reporting problems, writing output).
struct Invocation {
  let command: Command
  let arguments: Arguments
  let console: Console
  let language: Language

  /// How year files are read (`--encoding`).
  func loadOptions() throws(CommandError) -> LoadOptions {
    guard let name = arguments.value(.encoding) else { return LoadOptions() }
    guard let encoding = TextEncoding(name: name) else {
      throw .usage(.optionValue("--encoding '\(name)'", expected: "utf-8, windows-1258"))
    }
    return LoadOptions(encoding: encoding)
  }

  /// Prints warnings (one line each, to standard error); with `--strict`, they stop the
  /// command with `exit`.
  func warn(_ warnings: [Diagnostic], strict exit: ExitCode = .dataError) throws(CommandError) {
    report(warnings)
    if arguments.flag(.strict) && !warnings.isEmpty { throw .exit(exit) }
  }

  /// The format asked for, checked against the command's formats (the first is the default).
  /// Without `--format`, an `-o` file's extension chooses it (`-o ranking.xlsx` is a workbook);
  /// an extension that names another format than the one written is refused, so that no file
  /// called `.xlsx` holds text and no `.csv` holds a web page (README, "Output files").
  func format() throws(CommandError) -> OutputFormat {
    let allowed = command.formats.map(\.rawValue)
    let named = arguments.value(.output).flatMap(OutputFormat.named(byFileName:))
    let format: OutputFormat
    if let fixed = fixedFormat {
      format = fixed
    } else if let text = arguments.value(.format) {
      guard let asked = OutputFormat(rawValue: text), command.formats.contains(asked) else {
        throw .usage(.unknownFormat(text, allowed: allowed))
      }
      format = asked
    } else {
      format = named.flatMap { command.formats.contains($0) ? $0 : nil } ?? command.formats.first ?? .text
    }
    if let named, named != format {
      // The extension as typed (`.htm`, `.CSV`): the message quotes the user's own name.
      let typed = arguments.value(.output).flatMap(OutputFormat.fileExtension(of:)) ?? named.rawValue
      throw .usage(
        .outputExtension(
          extension: typed, written: format.rawValue, allowed: fixedFormat == nil ? allowed : []))
    }
    // A workbook is bytes: into a file, never onto a screen or mixed into a pipe of text.
    if format.isBinary, arguments.value(.output) == nil || arguments.value(.output) == "-" {
      throw .usage(.binaryToTerminal(format.rawValue))
    }
    return format
  }

  /// What the command writes whatever `--format` says, or `nil` when `--format` chooses.
  private var fixedFormat: OutputFormat? {
    switch command {
    case .report: .html
    case .explain, .whatif, .verify: .text
    case .criteria where arguments.positional.first == "import": .json
    case .criteria where arguments.positional.first == "export": .csv
    default: nil
    }
  }

  /// The two positional paths CRITERIA and DATA_DIR.
  func twoPaths() throws(CommandError) -> (String, String) {
    guard arguments.positional.count == 2 else {
      throw .usage(.wrongArguments(expected: "CRITERIA DATA_DIR", found: arguments.positional.count))
    }
    return (arguments.positional[0], arguments.positional[1])
  }

  /// Prints problems, one per line, in the invocation's language.
  func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var text = diagnostics.map { $0.rendered(language) }.joined(separator: "\n") + "\n"
    if diagnostics.filter({ $0.severity == .error }).count >= 1000 {
      text += language.pick(vi: "(dừng sau 1000 lỗi)\n", en: "(stopped after 1000 problems)\n")
    }
    console.err(text)
  }

  /// The exit code for problems that stopped a command: 66 missing input, 64 a request for
  /// something the data do not hold, else `invalid`.
  func exitCode(for diagnostics: Diagnostics, invalid: ExitCode) -> ExitCode {
    if diagnostics.hasMissingInput { return .noInput }
    if diagnostics.isRequestError { return .usage }
    return invalid
  }

  /// Reads a criteria set; on problems prints them and stops with 66 (missing) or `invalid`.
  func loadCriteria(_ path: String, invalid: ExitCode) throws(CommandError) -> CriteriaSet {
    try loadCriteriaFile(path, invalid: invalid).criteria
  }

  /// Reads a criteria set and keeps the bytes it was read from (for a manifest).
  func loadCriteriaFile(
    _ path: String, invalid: ExitCode
  ) throws(CommandError) -> (
    criteria: CriteriaSet, file: InputData
  ) {
    do throws(Diagnostics) {
      let file = try InputData.read(path)
      return (try Assessment.loadCriteria(file), file)
    } catch {
      report(error.all)
      throw .exit(exitCode(for: error, invalid: invalid))
    }
  }

  /// Whether the output carries a manifest: every JSON and HTML output (the report is HTML).
  var writesManifest: Bool {
    if command == .report || command == .manifest { return true }
    return [.json, .html].contains((try? format()) ?? .text)
  }

  /// `--as-of-round N`, checked to be a whole number from 0.
  func asOfRound() throws(CommandError) -> Int? {
    guard let text = arguments.value(.asOfRound) else { return nil }
    guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let round = Int(text) else {
      throw .usage(
        .optionValue(
          "--as-of-round '\(text)'",
          expected: language.pick(vi: "số vòng từ 0 (0: tự chấm)", en: "a round from 0 (0: self-assessment)")))
    }
    return round
  }

  /// Loads, scores and ranks, keeping every leaf; on input errors prints them and stops with
  /// the exit code.
  func loadYear(_ criteriaPath: String, _ folder: String) throws(CommandError) -> YearResults {
    try loadYearWithManifest(criteriaPath, folder).results
  }

  /// ``loadYear(_:_:)`` with the manifest of the files read, when the output carries one;
  /// `--as-of-round` applies unless `applyingRound` is false (the previous year of a report).
  func loadYearWithManifest(
    _ criteriaPath: String, _ folder: String, applyingRound: Bool = true
  ) throws(CommandError) -> (results: YearResults, manifest: Manifest?) {
    try load(criteriaPath, folder, applyingRound: applyingRound) { (criteria, data) throws(Diagnostics) in
      try Assessment.run(criteria: criteria, data: data)
    }
  }

  /// Loads, scores and ranks on totals only (what a ranking table needs).
  func loadTotals(_ criteriaPath: String, _ folder: String) throws(CommandError) -> YearTotals {
    // A ranking table prints no document: their texts are not read.
    try load(criteriaPath, folder, documentTexts: false) { (criteria, data) throws(Diagnostics) in
      try Assessment.rank(criteria: criteria, data: data)
    }.results
  }

  private func load<Score>(
    _ criteriaPath: String, _ folder: String, applyingRound: Bool = true, documentTexts: Bool = true,
    _ rank: (CriteriaSet, YearData) throws(Diagnostics) -> RankedYear<Score>
  ) throws(CommandError) -> (results: RankedYear<Score>, manifest: Manifest?) {
    let (criteria, criteriaFile) = try loadCriteriaFile(criteriaPath, invalid: .dataError)
    var options = try loadOptions()
    options.digests = writesManifest
    options.documentTexts = documentTexts
    let round = applyingRound ? try asOfRound() : nil
    let results: RankedYear<Score>
    do throws(Diagnostics) {
      var data = try YearLoader.load(folder: folder, criteria: criteria, options: options)
      if let round {
        guard let earlier = data.asOfRound(round) else {
          throw Diagnostics([
            Diagnostic(
              .noSuchRound(rounds: data.appraisalRoundCount), at: InputLocation(file: folder), field: "--as-of-round",
              value: String(round))
          ])
        }
        data = earlier
      }
      results = try rank(criteria, data)
      // The command ends soon after: let the process's exit return the year's million rows
      // at once rather than free them one by one (a few tenths of a second nationally).
      _ = Unmanaged.passRetained(YearDataHolder(data))
    } catch {
      report(error.all)
      throw .exit(exitCode(for: error, invalid: .dataError))
    }
    try warn(results.warnings)
    let manifest =
      options.digests
      ? Manifest(criteria: criteria, criteriaFile: criteriaFile, folder: folder, inputs: results.inputs) : nil
    return (results, manifest)
  }

  /// The group asked for with `--group`, checked against the results.
  func group<Score>(in results: RankedYear<Score>) throws(CommandError) -> String? {
    guard let group = arguments.value(.group) else { return nil }
    guard results.groups.contains(where: { $0.name == group }) else {
      throw .usage(.noSuchGroup(results.groups.map(\.name)))
    }
    return group
  }

  /// Refuses, before anything is read, an `-o FILE` that would overwrite a file the command
  /// reads or land in a folder it reads (the year folders, their per-unit folders): one line,
  /// exit 64. Every positional argument is an input (criteria files, year folders), and so are
  /// `--previous-criteria` and `--previous-data`. The criteria tables come in pairs
  /// (`TABLE.csv` and `TABLE-set.csv`): `criteria import` reads both, `criteria export` writes both.
  func refuseOutputOverInputs() throws(CommandError) {
    guard let output = arguments.value(.output), output != "-" else { return }
    var inputs = InputFootprint()
    let previous = [arguments.value(.previousCriteria), arguments.value(.previousData)].compactMap { $0 }
    for path in arguments.positional + previous { inputs.add(path) }
    var outputs = [output]
    if command == .criteria, arguments.positional.count == 2 {
      switch arguments.positional[0] {
      case "import": inputs.add(CriteriaTable.infoPath(for: arguments.positional[1]))
      case "export": outputs.append(CriteriaTable.infoPath(for: output))
      default: break
      }
    }
    for path in outputs {
      let message: Message
      switch inputs.conflict(for: path) {
      case nil: continue
      case .sameFile(let input)?: message = .outputIsInput(input: input)
      case .insideFolder(let folder)?: message = .outputInInputFolder(folder: folder)
      }
      console.err(Diagnostic(message, at: InputLocation(file: path)).rendered(language) + "\n")
      throw .exit(.usage)
    }
  }

  /// Writes `workbook` to `-o FILE` as `.xlsx` (``format()`` made sure there is a file).
  func emit(_ workbook: Spreadsheet) -> ExitCode {
    let path = arguments.value(.output) ?? "-"
    do {
      let bytes = try workbook.xlsx()
      try OutputFile.write(bytes, to: path)
      return .success
    } catch let error as OutputFile.WriteError {
      console.err(
        Diagnostic(.cannotWrite(reason: error.reason), at: InputLocation(file: path)).rendered(language) + "\n")
      return .cannotCreate
    } catch {
      console.err(
        Diagnostic(.cannotWrite(reason: "\(error)"), at: InputLocation(file: path)).rendered(language) + "\n")
      return .cannotCreate
    }
  }

  /// Writes `text` to `-o FILE` (atomically; a pipe or a device directly) or standard output.
  /// Bidi controls in names and titles are written escaped (docs/FORMATS.md §3): standard
  /// output through the console, which escapes everything (``CommandLineTool``), a file here.
  func emit(_ text: String) -> ExitCode {
    guard let path = arguments.value(.output), path != "-" else {
      console.out(text)
      return .success
    }
    let text = OutputText.escapingBidiControls(in: text, json: (try? format()) == .json)
    return write(to: path) { () throws(OutputFile.WriteError) in try OutputFile.write(text, to: path) }
  }

  /// A JSON document rendered as UTF-8 bytes: into a file as they are (a national document is
  /// a quarter of a gigabyte, not made a `String` to be written); as text, bidi controls
  /// escaped, for the screen or when it holds one.
  func emit(json bytes: [UInt8]) -> ExitCode {
    guard let path = arguments.value(.output), path != "-",
      !bytes.withUnsafeBufferPointer({ InvisibleCharacter.containsBidiControl(utf8: $0) })
    else { return emit(String(decoding: bytes, as: UTF8.self)) }
    return write(to: path) { () throws(OutputFile.WriteError) in try OutputFile.write(bytes, to: path) }
  }

  /// Runs `write`; a failure is one line naming `path` and exit 73.
  private func write(to path: String, _ write: () throws(OutputFile.WriteError) -> Void) -> ExitCode {
    do {
      try write()
      return .success
    } catch {
      console.err(
        Diagnostic(.cannotWrite(reason: error.reason), at: InputLocation(file: path)).rendered(language) + "\n")
      return .cannotCreate
    }
  }
}

/// Holds a year's data past the end of a command (see ``Invocation/loadYear(_:_:detail:)``).
private final class YearDataHolder {
  let data: YearData
  init(_ data: YearData) { self.data = data }
}
