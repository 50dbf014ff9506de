/// Reads a criteria set (`criteria/*.json`, docs/FORMATS.md §1) from untrusted bytes, checking every
/// invariant: known keys only, exact decimal numbers, unique codes, maxima that add up,
/// well-formed rules and bands. It reports every problem found, each with its JSON path.
public enum CriteriaSetDecoder {
  /// The format tag this version reads.
  public static let formatTag = "parindex-criteria/1"

  /// Decodes and validates a criteria set.
  /// - Parameter bytes: the JSON document, UTF-8.
  /// - Parameter file: the name used in error messages.
  /// - Throws: ``Diagnostics`` listing every problem.
  public static func decode(_ bytes: [UInt8], file: String) throws(Diagnostics) -> CriteriaSet {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw Diagnostics([
        Diagnostic(
          .jsonSyntax(error.problem, column: error.column), at: InputLocation(file: file, place: .line(error.line)))
      ])
    }
    var context = DecodingContext(file: file)
    let set = context.criteriaSet(document)
    if let set, context.log.isEmpty { return set }
    if context.log.isEmpty {
      context.log.add(.notACriteriaSet, at: InputLocation(file: file))
    }
    throw Diagnostics(context.log.errors)
  }
}

/// The state of one decoding: the file name and the problems found so far.
private struct DecodingContext {
  let file: String
  var log = DiagnosticLog()
  var seenCodes: [String: String] = [:]
  /// `rounding.points`: every amount of points in the set must be expressible with it, or a
  /// leaf could score a rounded value above its own maximum.
  var pointsPlaces = 2

  init(file: String) { self.file = file }

  mutating func fail(_ path: String, _ value: String?, _ message: Message) {
    log.add(message, at: InputLocation(file: file, place: .jsonPath(path)), value: value)
  }

  // MARK: Shapes

  /// The object's members by key, after checking that every key is one of `allowed`.
  mutating func object(_ value: JSONValue?, _ path: String, allowed: [String]) -> [String: JSONValue]? {
    guard let value else { return nil }
    guard case .object(let members) = value else {
      fail(path, nil, .expectedKind(expected: .object, found: value.kind))
      return nil
    }
    var result: [String: JSONValue] = [:]
    for (key, member) in members {
      if allowed.contains(key) {
        result[key] = member
      } else {
        fail(join(path, key), nil, .unknownKey(key, allowed: allowed))
      }
    }
    return result
  }

  mutating func required(_ members: [String: JSONValue], _ key: String, _ path: String) -> JSONValue? {
    if let value = members[key] { return value }
    fail(join(path, key), nil, .requiredKey(key))
    return nil
  }

  mutating func string(_ value: JSONValue?, _ path: String, nonEmpty: Bool = true) -> String? {
    guard let value else { return nil }
    guard case .string(let text) = value else {
      fail(path, nil, .expectedKind(expected: .text, found: value.kind))
      return nil
    }
    if nonEmpty && text.trimmingSpaces.isEmpty {
      fail(path, text, .expectedNonEmptyText)
      return nil
    }
    return text.nfc
  }

  mutating func enumeration<E: RawRepresentable<String>>(_ value: JSONValue?, _ path: String, _ cases: [E]) -> E? {
    guard let text = string(value, path) else { return nil }
    if let match = E(rawValue: text) { return match }
    fail(path, text, .expectedOneOf(cases.map(\.rawValue)))
    return nil
  }

  /// A non-negative decimal literal read exactly.
  mutating func decimal(_ value: JSONValue?, _ path: String, fractionDigits: Int = 4) -> FixedDecimal? {
    guard let value else { return nil }
    guard case .number(let literal) = value else {
      fail(path, nil, .expectedKind(expected: .number, found: value.kind))
      return nil
    }
    if literal.contains(where: { $0 == "e" || $0 == "E" }) {
      fail(path, literal, .exponentNotAllowed)
      return nil
    }
    switch FixedDecimal.parse(literal, maxFractionDigits: fractionDigits) {
    case .success(let number): return number
    case .failure(let error):
      fail(path, literal, .number(error))
      return nil
    }
  }

  mutating func integer(_ value: JSONValue?, _ path: String, range: ClosedRange<Int>) -> Int? {
    guard let number = decimal(value, path, fractionDigits: 0) else { return nil }
    let whole = Int(number.micros / FixedDecimal.unitsPerOne)
    guard range.contains(whole) else {
      fail(path, number.description, .expectedWholeNumber(from: range.lowerBound, to: range.upperBound))
      return nil
    }
    return whole
  }

  mutating func date(_ value: JSONValue?, _ path: String) -> CalendarDate? {
    guard let text = string(value, path) else { return nil }
    if let date = CalendarDate(parsing: text) { return date }
    fail(path, text, .expectedCriteriaDate)
    return nil
  }

  mutating func array(_ value: JSONValue?, _ path: String) -> [JSONValue]? {
    guard let value else { return nil }
    guard case .array(let elements) = value else {
      fail(path, nil, .expectedKind(expected: .list, found: value.kind))
      return nil
    }
    if elements.isEmpty {
      fail(path, nil, .expectedNonEmptyList)
      return nil
    }
    return elements
  }

  func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  // MARK: The set

  mutating func criteriaSet(_ document: JSONValue) -> CriteriaSet? {
    let keys = [
      "format", "id", "title", "level", "year", "status", "source", "scale", "rounding", "evidencePolicy",
      "classification", "adjustments", "survey", "items",
    ]
    guard let top = object(document, "", allowed: keys) else { return nil }
    if let format = string(required(top, "format", ""), "format"), format != CriteriaSetDecoder.formatTag {
      fail("format", format, .wrongFormatTag(expected: CriteriaSetDecoder.formatTag))
    }
    let id = string(required(top, "id", ""), "id")
    let title = string(required(top, "title", ""), "title")
    let level = enumeration(required(top, "level", ""), "level", [CriteriaSet.Level.commune, .department])
    let year = integer(required(top, "year", ""), "year", range: 2000...2100)
    let status = enumeration(required(top, "status", ""), "status", [CriteriaSet.Status.official, .modelled])
    let source = string(required(top, "source", ""), "source")
    var scale = FixedDecimal(100)
    if let value = top["scale"], let parsed = decimal(value, "scale") {
      if parsed > .zero && parsed <= FixedDecimal(10_000) {
        scale = parsed
      } else {
        fail("scale", parsed.description, .scaleOutOfRange)
      }
    }
    var pointsPlaces = 2
    var indexPlaces = 2
    if let rounding = object(top["rounding"], "rounding", allowed: ["points", "index"]) {
      if let value = rounding["points"], let places = integer(value, "rounding.points", range: 0...4) {
        pointsPlaces = places
      }
      self.pointsPlaces = pointsPlaces
      if let value = rounding["index"], let places = integer(value, "rounding.index", range: 0...4) {
        indexPlaces = places
      }
    }
    let policy =
      top["evidencePolicy"].map { enumeration($0, "evidencePolicy", [CriteriaSet.EvidencePolicy.required, .none]) }
      ?? .required
    let bands = classification(required(top, "classification", ""))
    let caps = adjustments(top["adjustments"])
    let survey = surveyDefinition(top["survey"])

    var items: [CriteriaNode] = []
    if let elements = array(required(top, "items", ""), "items") {
      for (position, element) in elements.enumerated() {
        if let node = node(element, "items[\(position)]", depth: 0, survey: survey) { items.append(node) }
      }
      if items.count == elements.count {
        let total = items.reduce(FixedDecimal.zero) { $0 + $1.maxPoints }
        if total != scale {
          fail("items", nil, .fieldsDoNotAddUp(total: total.description, scale: scale.description))
        }
      }
    }
    guard let id, let title, let level, let year, let status, let source, let policy, let bands else { return nil }
    return CriteriaSet(
      trusted: id, title: title, level: level, year: year, status: status, source: source, scale: scale,
      pointsPlaces: pointsPlaces, indexPlaces: indexPlaces, evidencePolicy: policy, classification: bands,
      adjustmentCaps: caps, survey: survey, items: items)
  }

  mutating func classification(_ value: JSONValue?) -> [ClassificationBand]? {
    guard let elements = array(value, "classification") else { return nil }
    var bands: [ClassificationBand] = []
    for (position, element) in elements.enumerated() {
      let path = "classification[\(position)]"
      guard let band = object(element, path, allowed: ["label", "minIndex"]) else { continue }
      let label = string(required(band, "label", path), "\(path).label")
      let minIndex = decimal(required(band, "minIndex", path), "\(path).minIndex")
      guard let label, let minIndex else { continue }
      bands.append(ClassificationBand(label: label, minIndex: minIndex))
    }
    guard bands.count == elements.count else { return nil }
    let problems = CriteriaChecks.bands(bands)
    report(problems, under: "")
    return problems.isEmpty ? bands : nil
  }

  /// Reports shared checks' problems, their paths under `prefix`.
  mutating func report(_ problems: [CriteriaProblem], under prefix: String) {
    for problem in problems { fail(join(prefix, problem.path), problem.value, problem.message) }
  }

  mutating func adjustments(_ value: JSONValue?) -> AdjustmentCaps? {
    guard let caps = object(value, "adjustments", allowed: ["bonusCap", "penaltyCap"]) else { return nil }
    let bonus = decimal(required(caps, "bonusCap", "adjustments"), "adjustments.bonusCap")
    let penalty = decimal(required(caps, "penaltyCap", "adjustments"), "adjustments.penaltyCap")
    guard let bonus, let penalty else { return nil }
    return AdjustmentCaps(bonusCap: bonus, penaltyCap: penalty)
  }

  mutating func surveyDefinition(_ value: JSONValue?) -> SurveyDefinition? {
    guard let value, let survey = object(value, "survey", allowed: ["scale", "groups", "minResponses"]) else {
      return nil
    }
    var scale: [(answer: String, percent: FixedDecimal)] = []
    if case .object(let entries)? = required(survey, "scale", "survey") {
      for (answer, percentValue) in entries {
        guard let percent = decimal(percentValue, "survey.scale.\(answer)") else { continue }
        scale.append((String(answer.trimmingSpaces).nfc, percent))
      }
    } else if survey["scale"] != nil {
      fail("survey.scale", nil, .expectedScaleObject)
    }
    var groups: [SurveyDefinition.Group] = []
    if case .object(let entries)? = required(survey, "groups", "survey") {
      for (key, groupValue) in entries {
        let path = "survey.groups.\(key)"
        guard let group = object(groupValue, path, allowed: ["title", "questions"]) else { continue }
        let title = string(required(group, "title", path), "\(path).title")
        var questions: [String] = []
        for (position, question) in (array(required(group, "questions", path), "\(path).questions") ?? []).enumerated()
        {
          if let text = string(question, "\(path).questions[\(position)]") {
            questions.append(String(text.trimmingSpaces))
          }
        }
        if let title { groups.append(.init(key: key, title: title, questions: questions)) }
      }
    } else if survey["groups"] != nil {
      fail("survey.groups", nil, .expectedGroupsObject)
    }
    let minResponses = survey["minResponses"].flatMap { integer($0, "survey.minResponses", range: 1...1_000_000) }
    let definition = SurveyDefinition(scale: scale, groups: groups, minResponses: minResponses)
    let problems = CriteriaChecks.survey(definition)
    report(problems, under: "")
    return problems.isEmpty ? definition : nil
  }

  // MARK: Nodes and rules

  mutating func node(_ value: JSONValue, _ path: String, depth: Int, survey: SurveyDefinition?) -> CriteriaNode? {
    let keys = ["code", "title", "maxPoints", "children", "rule", "evidence", "notApplicable", "source"]
    guard let members = object(value, path, allowed: keys) else { return nil }
    let code = string(required(members, "code", path), "\(path).code").map { String($0.trimmingSpaces) }
    let title = string(required(members, "title", path), "\(path).title")
    let maxPoints = pointAmount(required(members, "maxPoints", path), "\(path).maxPoints")
    let source = members["source"].flatMap { string($0, "\(path).source") }
    if let code {
      if let problem = CriteriaChecks.code(code) {
        fail("\(path).code", code, problem)
      } else if let other = seenCodes[code] {
        fail("\(path).code", code, .duplicateCode(elsewhere: other))
      } else {
        seenCodes[code] = path
      }
    }
    if let maxPoints, let problem = CriteriaChecks.maximum(maxPoints) {
      fail("\(path).maxPoints", maxPoints.description, problem)
      if maxPoints > CriteriaChecks.largestMaximum { return nil }
    }

    switch (members["children"], members["rule"]) {
    case (nil, nil):
      fail(path, code, .childrenOrRule)
      return nil
    case (.some, .some):
      fail(path, code, .childrenAndRule)
      return nil
    case (let childrenValue?, nil):
      for key in ["evidence", "notApplicable"] where members[key] != nil {
        fail(join(path, key), nil, .leafOnlyKey(key))
      }
      guard depth < CriteriaChecks.deepestLevel else {
        fail(path, code, .nestedTooDeep(levels: CriteriaChecks.deepestLevel))
        return nil
      }
      var children: [CriteriaNode] = []
      let elements = array(childrenValue, "\(path).children") ?? []
      for (position, element) in elements.enumerated() {
        if let child = node(element, "\(path).children[\(position)]", depth: depth + 1, survey: survey) {
          children.append(child)
        }
      }
      guard let code, let title, let maxPoints, !elements.isEmpty, children.count == elements.count else { return nil }
      let parent = CriteriaNode(trusted: code, title: title, maxPoints: maxPoints, children: children, source: source)
      if let problem = CriteriaChecks.childrenSum(of: parent) { report([problem], under: path) }
      return parent
    case (nil, let ruleValue?):
      let evidence =
        members["evidence"].map {
          enumeration($0, "\(path).evidence", [CriteriaNode.EvidenceRequirement.required, .none])
        } ?? CriteriaNode.EvidenceRequirement.none
      let notApplicable =
        members["notApplicable"].map {
          enumeration($0, "\(path).notApplicable", [CriteriaNode.NotApplicablePolicy.exclude, .full, .forbidden])
        } ?? .forbidden
      guard let maxPoints else { return nil }
      let rule = rule(ruleValue, "\(path).rule", maxPoints: maxPoints, survey: survey)
      guard let code, let title, let rule, let evidence, let notApplicable else { return nil }
      return CriteriaNode(
        trusted: code, title: title, maxPoints: maxPoints, rule: rule, evidence: evidence, notApplicable: notApplicable,
        source: source)
    }
  }

  /// An amount of points: a decimal with at most `rounding.points` decimals.
  mutating func pointAmount(_ value: JSONValue?, _ path: String) -> FixedDecimal? {
    guard let points = decimal(value, path) else { return nil }
    if let problem = CriteriaChecks.amount(points, places: pointsPlaces) {
      fail(path, points.description, problem)
      return nil
    }
    return points
  }

  mutating func rule(_ value: JSONValue, _ path: String, maxPoints: FixedDecimal, survey: SurveyDefinition?) -> Rule? {
    guard let rule = parsedRule(value, path) else { return nil }
    let problems = CriteriaChecks.rule(rule, maxPoints: maxPoints)
    report(problems, under: path)
    guard problems.isEmpty else { return nil }
    if case .survey(let group) = rule {
      guard let survey else {
        fail("\(path).group", group, .noSurveyForGroup)
        return nil
      }
      guard survey.group(group) != nil else {
        fail("\(path).group", group, .unknownSurveyGroup(survey.groups.map(\.key)))
        return nil
      }
    }
    return rule
  }

  /// The rule as written, its keys and numbers checked; what the values must satisfy is
  /// ``CriteriaChecks/rule(_:maxPoints:)``'s.
  mutating func parsedRule(_ value: JSONValue, _ path: String) -> Rule? {
    guard case .object(let members) = value else {
      fail(path, nil, .expectedRuleObject(found: value.kind))
      return nil
    }
    guard let typeValue = members.first(where: { $0.key == "type" })?.value,
      let type = string(typeValue, "\(path).type")
    else {
      if !members.contains(where: { $0.key == "type" }) { fail("\(path).type", nil, .requiredKey("type")) }
      return nil
    }
    let keysByType: [String: [String]] = [
      "check": [], "choice": ["options"], "tiers": ["tiers"], "proportional": ["target", "zeroBelow"],
      "deadline": ["due", "latePoints", "lateUntil"], "deduction": ["perItem", "floor"], "survey": ["group"],
      "manual": ["step"],
    ]
    guard let ruleKeys = keysByType[type] else {
      fail(
        "\(path).type", type,
        .unknownRuleType(["check", "choice", "tiers", "proportional", "deadline", "deduction", "survey", "manual"]))
      return nil
    }
    guard let rule = object(value, path, allowed: ["type"] + ruleKeys) else { return nil }
    switch type {
    case "check":
      return .check
    case "choice":
      var options: [ChoiceOption] = []
      let elements = array(required(rule, "options", path), "\(path).options") ?? []
      for (position, element) in elements.enumerated() {
        let optionPath = "\(path).options[\(position)]"
        guard let option = object(element, optionPath, allowed: ["key", "label", "points"]) else { continue }
        let key = string(required(option, "key", optionPath), "\(optionPath).key").map { String($0.trimmingSpaces) }
        let label = option["label"].flatMap { string($0, "\(optionPath).label") }
        let points = pointAmount(required(option, "points", optionPath), "\(optionPath).points")
        guard let key, let points else { continue }
        options.append(ChoiceOption(key: key, label: label ?? key, points: points))
      }
      return options.count == elements.count && !options.isEmpty ? .choice(options) : nil
    case "tiers":
      var tiers: [Tier] = []
      let elements = array(required(rule, "tiers", path), "\(path).tiers") ?? []
      for (position, element) in elements.enumerated() {
        let tierPath = "\(path).tiers[\(position)]"
        guard let tier = object(element, tierPath, allowed: ["atLeast", "above", "points"]) else { continue }
        let points = pointAmount(required(tier, "points", tierPath), "\(tierPath).points")
        let threshold: FixedDecimal?
        let strict: Bool
        switch (tier["atLeast"], tier["above"]) {
        case (let bound?, nil):
          threshold = decimal(bound, "\(tierPath).atLeast")
          strict = false
        case (nil, let bound?):
          threshold = decimal(bound, "\(tierPath).above")
          strict = true
        case (nil, nil):
          fail(tierPath, nil, .tierNeedsBound)
          continue
        case (.some, .some):
          fail(tierPath, nil, .tierBothBounds)
          continue
        }
        guard let threshold, let points else { continue }
        tiers.append(Tier(threshold: threshold, isStrict: strict, points: points))
      }
      return tiers.count == elements.count && !tiers.isEmpty ? .tiers(tiers) : nil
    case "proportional":
      let target = decimal(required(rule, "target", path), "\(path).target")
      let zeroBelow = rule["zeroBelow"].flatMap { decimal($0, "\(path).zeroBelow") }
      guard let target, rule["zeroBelow"] == nil || zeroBelow != nil else { return nil }
      return .proportional(target: target, zeroBelow: zeroBelow)
    case "deadline":
      let due = date(required(rule, "due", path), "\(path).due")
      let late = rule["latePoints"].map { pointAmount($0, "\(path).latePoints") } ?? .zero
      let lateUntil = rule["lateUntil"].flatMap { date($0, "\(path).lateUntil") }
      guard let due, let late, rule["lateUntil"] == nil || lateUntil != nil else { return nil }
      return .deadline(due: due, latePoints: late, lateUntil: lateUntil)
    case "deduction":
      let perItem = pointAmount(required(rule, "perItem", path), "\(path).perItem")
      let floor = rule["floor"].map { pointAmount($0, "\(path).floor") } ?? .zero
      guard let perItem, let floor else { return nil }
      return .deduction(perItem: perItem, floor: floor)
    case "survey":
      guard let group = string(required(rule, "group", path), "\(path).group") else { return nil }
      return .survey(group: group)
    case "manual":
      let step = rule["step"].map { pointAmount($0, "\(path).step") } ?? FixedDecimal.step(places: pointsPlaces)
      guard let step else { return nil }
      return .manual(step: step)
    default:
      return nil
    }
  }
}
