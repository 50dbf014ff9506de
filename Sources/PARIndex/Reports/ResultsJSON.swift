/// The whole result as JSON (docs/FORMATS.md §3): per unit its total, maximum, index (exact and
/// rounded), class, rank and group, and per node its points, maximum, status, source and
/// flags; the files the year was read from and the warnings about values that look wrong.
/// Numbers are strings with fixed decimals, so no reader turns them into floats.
public enum ResultsJSON {
  /// The document's `format` value; it changes only with an incompatible layout.
  public static let formatTag = "parindex-results/1"

  /// The results as one JSON document; `units` limits it to those units (`nil`: every unit);
  /// `manifest`, the files they came from, goes under `manifest`.
  public static func render(
    _ results: YearResults, units: [Ranked<UnitScore>]? = nil, manifest: Manifest? = nil
  ) -> String {
    String(decoding: renderUTF8(results, units: units, manifest: manifest), as: UTF8.self)
  }

  /// ``render(_:units:manifest:)`` as UTF-8 bytes, for a file.
  public static func renderUTF8(
    _ results: YearResults, units: [Ranked<UnitScore>]? = nil, manifest: Manifest? = nil
  ) -> [UInt8] {
    let criteria = results.criteria
    let selected = units ?? results.rankedUnits
    // Each unit's tree is made as it is written: memory holds one unit's, not a country's.
    let rounds = results.appraisalRounds
    let groups = results.groups.compactMap { group -> JSONOutput? in
      let members = selected.filter { $0.unit.group == group.name }
      return members.isEmpty
        ? nil
        : .object([
          ("name", .string(group.name)),
          ("units", .generated(count: members.count) { unit(members[$0], criteria, rounds: rounds) }),
        ])
    }
    return JSONOutput.object(
      [("format", .string(formatTag))] + (manifest.map { [("manifest", $0.json)] } ?? []) + [
        (
          "criteria",
          .object([
            ("id", .string(criteria.id)), ("title", .string(criteria.title)),
            ("level", .string(criteria.level.rawValue)),
            ("year", .number(String(criteria.year))), ("status", .string(criteria.status.rawValue)),
            ("source", .string(criteria.source)),
          ])
        ),
        ("inputs", .array(results.inputs.map(input))),
        ("appraisal_rounds", .number(String(results.appraisalRounds))),
        ("warnings", .array(results.warnings.map(diagnostic))),
        ("groups", .array(groups)),
      ]
    ).renderedUTF8()
  }

  static func unit(_ score: Ranked<UnitScore>, _ criteria: CriteriaSet, rounds: Int = 0) -> JSONOutput {
    let points = { (value: FixedDecimal) in JSONOutput.string(value.formatted(places: criteria.pointsPlaces)) }
    var leafByCode: [String: LeafScore] = [:]
    for leaf in score.leaves { leafByCode[leaf.code] = leaf }
    let nodes = zip(criteria.allNodes, score.score.allNodes(in: criteria)).map { entry, node -> JSONOutput in
      var members: [(String, JSONOutput)] = [
        ("code", .string(node.code)), ("title", .string(entry.node.title)), ("depth", .number(String(entry.depth))),
        ("points", points(node.points)), ("max", points(node.applicableMax)),
      ]
      if let leaf = leafByCode[node.code] { members += self.leaf(leaf, criteria) }
      return .object(members)
    }
    return .object([
      ("unit_id", .string(score.unit.id)), ("name", .string(score.unit.name)), ("group", .string(score.unit.group)),
      ("rank", .number(String(score.rank))), ("total", points(score.total)), ("max", points(score.maxPoints)),
      ("index", .string(score.index.formatted(places: criteria.indexPlaces))),
      ("index_exact", .string("\(score.exactIndex.numerator)/\(score.exactIndex.denominator)")),
      ("class", .string(score.classLabel)),
      ("leaf_total", points(score.leafTotal)),
      ("bonus", points(score.bonus)), ("bonus_claimed", points(score.bonusClaimed)),
      ("penalty", points(score.penalty)), ("penalty_claimed", points(score.penaltyClaimed)),
      ("fields", .object(zip(criteria.items, score.fieldPoints).map { ($0.code, points($1)) })),
      (
        "rounds",
        .array(
          score.score.roundSummaries(rounds: rounds, criteria: criteria).map { round in
            .object([
              ("round", .number(String(round.round))), ("rows", .number(String(round.rows))),
              ("total_before", points(round.totalBefore)), ("total_after", points(round.totalAfter)),
              ("changed", .number(String(round.changed))), ("up", .number(String(round.up))),
              ("down", .number(String(round.down))),
            ])
          })
      ),
      ("nodes", .array(nodes)),
    ])
  }

  /// A leaf's history, step by step (`self`, `survey`, `appraisal`, `explanation`).
  static func history(_ steps: [LeafHistoryStep], _ criteria: CriteriaSet) -> JSONOutput {
    .array(
      steps.map { step in
        var members: [(String, JSONOutput)]
        switch step.kind {
        case .selfAssessment: members = [("step", .string("self"))]
        case .survey: members = [("step", .string("survey"))]
        case .appraisal(let round): members = [("step", .string("appraisal")), ("round", .number(String(round)))]
        case .explanation(let round): members = [("step", .string("explanation")), ("round", .number(String(round)))]
        }
        if let points = step.points {
          members.append(("points", .string(points.formatted(places: criteria.pointsPlaces))))
        }
        if let status = step.status { members.append(("status", .string(status.rawValue))) }
        if let entry = step.entry {
          members.append(("value", .optional(entry.value)))
          if case .appraisal = step.kind {
            members += [
              ("reason", .optional(entry.remark)), ("appraiser", .optional(entry.appraiser)),
              ("date", .optional(entry.date?.description)),
            ]
          } else {
            members += [("note", .optional(entry.remark)), ("evidence", .array(entry.evidenceIDs.map { .string($0) }))]
          }
          members.append(("row", .string(entry.origin.description)))
        }
        if let explanation = step.explanation {
          members += [
            ("text", .string(explanation.text)), ("evidence", .array(explanation.evidenceIDs.map { .string($0) })),
            ("date", .optional(explanation.date?.description)), ("row", .string(explanation.origin.description)),
          ]
        }
        return .object(members)
      })
  }

  static func leaf(_ leaf: LeafScore, _ criteria: CriteriaSet) -> [(String, JSONOutput)] {
    var members: [(String, JSONOutput)] = [
      ("status", .string(leaf.status.rawValue)), ("source", .optional(leaf.source?.rawValue)),
      ("value", .optional(leaf.decidingEntry?.value)),
      ("flags", .array(leaf.flags.map { flag($0, criteria) })),
    ]
    if let reason = leaf.appraisalReason { members.append(("reason", .string(reason))) }
    if let selfEntry = leaf.selfEntry, leaf.source == .appraisal {
      members.append(("self_value", .optional(selfEntry.value)))
      members.append(("self_points", .optional(selfEntry.points?.formatted(places: criteria.pointsPlaces))))
    }
    if !leaf.evidence.isEmpty {
      members.append(
        (
          "evidence",
          .array(
            leaf.evidence.map {
              .object([
                ("id", .string($0.id)), ("title", .string($0.title)), ("doc_number", .optional($0.documentNumber)),
                ("date", .optional($0.date?.description)),
              ])
            })
        ))
    }
    if case .noEvidence(let unknown) = leaf.reasoning, !unknown.isEmpty {
      members.append(("unknown_evidence", .array(unknown.map { .string($0) })))
    }
    if !leaf.history.isEmpty { members.append(("history", history(leaf.history, criteria))) }
    return members
  }

  static func flag(_ flag: LeafFlag, _ criteria: CriteriaSet) -> JSONOutput {
    switch flag {
    case .mismatch(let claimed):
      .object([("flag", .string(flag.name)), ("claimed", .string(claimed.formatted(places: criteria.pointsPlaces)))])
    case .fewResponses(let respondents, let minimum):
      .object([
        ("flag", .string(flag.name)), ("respondents", .number(String(respondents))),
        ("minimum", .number(String(minimum))),
      ])
    }
  }

  /// One file read: which year file, its path as given, how it was read, its header's line
  /// and its size in bytes.
  static func input(_ input: InputSummary) -> JSONOutput {
    .object([
      ("kind", .string(input.kind.rawValue)), ("file", .string(input.file)), ("form", .string(input.form)),
      ("header_line", .number(String(input.headerLine))), ("size", .number(String(input.size))),
      ("sha256", .optional(input.sha256)),
    ])
  }

  /// One problem or warning: its stable code, where it is (`location` as a message shows
  /// it, and the file and line or row alone), the field and value, the unit and leaf, and the
  /// message in Vietnamese and English.
  public static func diagnostic(_ diagnostic: Diagnostic) -> JSONOutput {
    .object([
      ("code", .string(diagnostic.code)), ("severity", .string(diagnostic.severity.rawValue)),
      ("location", .string(diagnostic.location.description)), ("file", .string(diagnostic.file)),
      ("line", diagnostic.line.map { .number(String($0)) } ?? .null),
      ("field", .optional(diagnostic.field)), ("value", .optional(diagnostic.value)),
      ("unit", .optional(diagnostic.subject?.unit)), ("leaf", .optional(diagnostic.subject?.leaf)),
      ("message", .string(diagnostic.message.text(.vietnamese))),
      ("message_en", .string(diagnostic.message.text(.english))),
    ])
  }
}
