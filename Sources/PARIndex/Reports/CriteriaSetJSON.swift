/// A criteria set written as its JSON file (`parindex-criteria/1`, docs/FORMATS.md §1): what
/// `parindex criteria import` writes. Every value is written, defaults included, keys in the
/// order of the format's example, numbers as exact decimal literals: the same set gives the
/// same bytes, and ``CriteriaSetDecoder`` reads back an equal set.
public enum CriteriaSetJSON {
  /// The set as one JSON document.
  public static func render(_ set: CriteriaSet) -> String { document(set).rendered() }

  static func document(_ set: CriteriaSet) -> JSONOutput {
    var members: [(String, JSONOutput)] = [
      ("format", .string(CriteriaSetDecoder.formatTag)), ("id", .string(set.id)), ("title", .string(set.title)),
      ("level", .string(set.level.rawValue)), ("year", .number(String(set.year))),
      ("status", .string(set.status.rawValue)), ("source", .string(set.source)),
      ("scale", .number(set.scale.description)),
      (
        "rounding",
        .object([("points", .number(String(set.pointsPlaces))), ("index", .number(String(set.indexPlaces)))])
      ),
      ("evidencePolicy", .string(set.evidencePolicy.rawValue)),
      (
        "classification",
        .array(
          set.classification.map {
            .object([("label", .string($0.label)), ("minIndex", .number($0.minIndex.description))])
          })
      ),
    ]
    if let caps = set.adjustmentCaps {
      members.append(
        (
          "adjustments",
          .object([
            ("bonusCap", .number(caps.bonusCap.description)), ("penaltyCap", .number(caps.penaltyCap.description)),
          ])
        ))
    }
    if let survey = set.survey {
      var surveyMembers: [(String, JSONOutput)] = [
        ("scale", .object(survey.scale.map { ($0.answer, .number($0.percent.description)) })),
        (
          "groups",
          .object(
            survey.groups.map { group in
              (
                group.key,
                .object([("title", .string(group.title)), ("questions", .array(group.questions.map { .string($0) }))])
              )
            })
        ),
      ]
      if let minimum = survey.minResponses { surveyMembers.append(("minResponses", .number(String(minimum)))) }
      members.append(("survey", .object(surveyMembers)))
    }
    members.append(("items", .array(set.items.map(node))))
    return .object(members)
  }

  static func node(_ node: CriteriaNode) -> JSONOutput {
    var members: [(String, JSONOutput)] = [
      ("code", .string(node.code)), ("title", .string(node.title)), ("maxPoints", .number(node.maxPoints.description)),
    ]
    if let rule = node.rule {
      members += [
        ("rule", self.rule(rule)), ("evidence", .string(node.evidence.rawValue)),
        ("notApplicable", .string(node.notApplicable.rawValue)),
      ]
    } else {
      members.append(("children", .array(node.children.map(self.node))))
    }
    if let source = node.source { members.append(("source", .string(source))) }
    return .object(members)
  }

  static func rule(_ rule: Rule) -> JSONOutput {
    let number = { (value: FixedDecimal) in JSONOutput.number(value.description) }
    var members: [(String, JSONOutput)] = [("type", .string(rule.typeName))]
    switch rule {
    case .check: break
    case .choice(let options):
      members.append(
        (
          "options",
          .array(
            options.map {
              .object([("key", .string($0.key)), ("label", .string($0.label)), ("points", number($0.points))])
            })
        ))
    case .tiers(let tiers):
      members.append(
        (
          "tiers",
          .array(
            tiers.map {
              .object([($0.isStrict ? "above" : "atLeast", number($0.threshold)), ("points", number($0.points))])
            }
          )
        ))
    case .proportional(let target, let zeroBelow):
      members.append(("target", number(target)))
      if let zeroBelow { members.append(("zeroBelow", number(zeroBelow))) }
    case .deadline(let due, let latePoints, let lateUntil):
      members += [("due", .string(due.isoText)), ("latePoints", number(latePoints))]
      if let lateUntil { members.append(("lateUntil", .string(lateUntil.isoText))) }
    case .deduction(let perItem, let floor):
      members += [("perItem", number(perItem)), ("floor", number(floor))]
    case .survey(let group):
      members.append(("group", .string(group)))
    case .manual(let step):
      members.append(("step", number(step)))
    }
    return .object(members)
  }
}
