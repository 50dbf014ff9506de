import PARIndex

/// `parindex criteria import|export|show|diff`: criteria sets as the tables a province types.
extension Invocation {
  func criteria() throws(CommandError) -> ExitCode {
    let positional = arguments.positional
    let usage = "import TABLE.csv | export SET.json | show SET.json | diff A.json B.json"
    guard let action = positional.first else { throw .usage(.wrongArguments(expected: usage, found: 0)) }
    let paths = Array(positional.dropFirst())
    switch (action, paths.count) {
    case ("import", 1): return try importTable(paths[0])
    case ("export", 1): return try exportTable(paths[0])
    case ("show", 1):
      let set = try loadCriteria(paths[0], invalid: .dataError)
      switch try format() {
      case .md: return emit(CriteriaAnnex.markdown(set))
      case .html: return emit(CriteriaAnnex.html(set))
      default: return emit(CriteriaAnnex.text(set))
      }
    case ("diff", 2):
      let (a, b) = (try loadCriteria(paths[0], invalid: .dataError), try loadCriteria(paths[1], invalid: .dataError))
      let diff = CriteriaDiff(a, b)
      switch try format() {
      case .md: return emit(diff.markdown())
      case .html: throw .usage(.unknownFormat("html", allowed: ["text", "md"]))
      default: return emit(diff.text())
      }
    default:
      throw .usage(.wrongArguments(expected: usage, found: positional.count))
    }
  }

  /// Reads the tables, checks the set as a JSON set is checked, and writes it only when valid.
  private func importTable(_ path: String) throws(CommandError) -> ExitCode {
    guard arguments.value(.output) != nil else { throw .usage(.optionValue("-o", expected: "SET.json")) }
    let set: CriteriaSet
    let warnings: [Diagnostic]
    do throws(Diagnostics) {
      (set, warnings) = try CriteriaTable.read(at: path)
    } catch {
      report(error.all)
      return exitCode(for: error, invalid: .dataError)
    }
    try warn(warnings)
    return emit(CriteriaSetJSON.render(set))
  }

  /// Writes `TABLE.csv` and `TABLE-set.csv`, each whole or not at all.
  private func exportTable(_ path: String) throws(CommandError) -> ExitCode {
    guard let output = arguments.value(.output), output != "-" else {
      throw .usage(.optionValue("-o", expected: "TABLE.csv (TABLE.csv and TABLE-set.csv are written)"))
    }
    let set = try loadCriteria(path, invalid: .dataError)
    let (nodes, info) = CriteriaTableWriter.render(set, dialect: arguments.flag(.excel) ? .excel : .plain)
    for (text, file) in [(nodes, output), (info, CriteriaTable.infoPath(for: output))] {
      do { try OutputFile.write(OutputText.escapingBidiControls(in: text, json: false), to: file) } catch {
        console.err(
          Diagnostic(.cannotWrite(reason: error.reason), at: InputLocation(file: file)).rendered(language) + "\n")
        return .cannotCreate
      }
    }
    return .success
  }
}
