/// What `validate --format json` prints, for a portal that checks uploads: whether the
/// criteria set and the year are valid, every error and warning with its stable code and place,
/// and the files read.
public enum ValidationJSON {
  /// The document's `format` value, which changes only with an incompatible layout.
  public static let formatTag = "parindex-validation/1"

  /// The validation document; `valid` is true without errors (and, when `strict`, without warnings).
  ///
  /// - Parameters:
  ///   - criteriaFile: the criteria file's path, as given.
  ///   - criteria: the set, when it could be read.
  ///   - dataFolder: the year folder's path, or `nil` when only the set was validated.
  ///   - diagnostics: every error and warning found, in the order reported.
  ///   - inputs: the year's files, when the year could be read.
  ///   - units: how many units the year ranked, when it could be read.
  ///   - strict: whether warnings count as problems (`--strict`).
  ///   - manifest: the files of a year that could be read, with their SHA-256 (under `manifest`).
  public static func render(
    criteriaFile: String, criteria: CriteriaSet?, dataFolder: String?, diagnostics: [Diagnostic],
    inputs: [InputSummary], units: Int?, strict: Bool, manifest: Manifest? = nil
  ) -> String {
    let errors = diagnostics.filter { $0.severity == .error }
    let warnings = diagnostics.filter { $0.severity == .warning }
    let criteriaObject: JSONOutput =
      criteria.map { set in
        .object([
          ("file", .string(criteriaFile)), ("id", .string(set.id)), ("status", .string(set.status.rawValue)),
          ("fields", .number(String(set.items.count))), ("leaves", .number(String(set.leaves.count))),
        ])
      } ?? .object([("file", .string(criteriaFile))])
    return JSONOutput.object(
      [
        ("format", .string(formatTag)),
        ("valid", .bool(errors.isEmpty && !(strict && !warnings.isEmpty))),
        ("criteria", criteriaObject),
        ("data", .optional(dataFolder)),
        ("units", units.map { .number(String($0)) } ?? .null),
        ("error_count", .number(String(errors.count))), ("warning_count", .number(String(warnings.count))),
        ("inputs", .array(inputs.map(ResultsJSON.input))),
        ("errors", .array(errors.map(ResultsJSON.diagnostic))),
        ("warnings", .array(warnings.map(ResultsJSON.diagnostic))),
      ] + (manifest.map { [("manifest", $0.json)] } ?? [])
    ).rendered()
  }
}
