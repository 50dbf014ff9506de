/// What a diagnostic says: the catalogue of every error and warning message of the library and
/// its command line, each with a stable code and its Vietnamese and English text side by side.
///
/// The code (`E-UNKNOWN-UNIT`) never changes with the language; an embedding program can
/// switch on it. Values from the data (ids, codes, numbers) are carried by the cases and
/// shown as they are; the words around them are translated. Errors have codes starting with
/// `E-`, warnings `W-`.
public enum Message: Sendable, Hashable {
  // MARK: Files and folders
  /// A file the run needs does not exist.
  case fileNotFound
  /// A folder the run needs does not exist.
  case folderNotFound
  /// A year folder was expected, a file was found.
  case expectedFolder
  /// A file was expected, a folder was found.
  case expectedFile
  /// The file exists but cannot be read.
  case cannotRead(reason: String)
  /// A special file (a pipe, a device) that is not standard input.
  case notARegularFile
  /// Nobody wrote to a pipe within the time limit.
  case pipeTimedOut(seconds: Int)
  /// A large file read in two passes (checked, then read in blocks) changed in between: its
  /// rows may be half old and half new.
  case fileChangedWhileRead
  /// The file is larger than the reader accepts.
  case fileTooLarge(limit: String)
  /// Two forms of one year file are present (`assessment.csv` and `assessment.xlsx`).
  case twoForms(other: String)
  /// `appraisal.csv` (one round) and `appraisal-1.csv`… (rounds) in one folder.
  case appraisalFormsMixed(other: String)
  /// Appraisal rounds that do not run 1, 2, 3… (`appraisal-1` and `appraisal-3` without `appraisal-2`).
  case appraisalRoundMissing(round: Int)
  /// A file given as a manifest holds none, or a damaged one (`missing`: the key not found).
  case notAManifest(missing: String)
  /// A required year file is absent in every form.
  case requiredFileMissing(name: String, forms: [String])
  /// A file of a kind the tool cannot read in place of a year file (`.xls`, `.ods`, `.xlsm`).
  case unsupportedFileKind(FileKind)
  /// A file in a per-unit folder that is not a year file.
  case ignoredFileInFolder
  /// An Excel owner file (`~$name.xlsx`): the workbook is open somewhere.
  case workbookOpenElsewhere
  /// A per-unit folder holds no year file.
  case emptyFolder
  /// Evidence is required but no evidence file was given.
  case evidenceFileMissing(leaves: Int)
  /// Survey leaves have no survey file and no published percentage for some units.
  case surveyFileMissing(units: [String], total: Int)

  // MARK: Encodings and containers
  /// Bytes that are not UTF-8 and no other encoding recognised.
  case notUTF8(byte: UInt8, offset: Int)
  /// Bytes that read as Windows-1258 text.
  case looksWindows1258(byte: UInt8, offset: Int)
  /// UTF-16 text without its byte order mark.
  case looksUTF16WithoutBOM
  /// A ZIP archive (an Excel workbook) under a text file's name.
  case looksWorkbook
  /// An OLE compound file (an old `.xls`, or a password-protected workbook).
  case looksOLE
  /// A gzip-compressed file.
  case looksGzip
  /// A PDF file.
  case looksPDF
  /// A byte the Windows-1258 code page does not define.
  case windows1258Undefined(byte: UInt8, offset: Int)
  /// UTF-16 that breaks (an unpaired surrogate, an odd number of bytes).
  case badUTF16(offset: Int)
  /// A NUL byte in what should be text.
  case binaryData(offset: Int)
  /// Files in the year folder that look like year files but are not one.
  case unknownYearFile(expected: [String])

  // MARK: CSV and table structure
  /// A quoted field without its closing quote.
  case unclosedQuote
  /// Text after the closing quote of a field.
  case textAfterClosingQuote
  /// A file with no header row.
  case emptyFile(expected: [String])
  /// No row among the first ones holds the required columns.
  case noHeaderRow(expected: [String], searched: Int)
  /// A row with more non-empty fields than the header.
  case tooManyFields(fields: Int, header: Int, separator: String)
  /// Data in a column whose header cell is blank, or past the header's last cell
  /// (`E-UNNAMED-COLUMN`); `position` counts from 1.
  case dataUnderUnnamedColumn(position: Int, headerLine: Int)
  /// The same column twice in the header.
  case duplicateColumn
  /// A column name the format does not define.
  case unknownColumn(expected: [String])
  /// A required column is absent from the header.
  case missingColumn
  /// A column named both in English and by a Vietnamese alias.
  case ambiguousColumn(canonical: String, other: String)
  /// A second header row in the data (a second sheet pasted below the first).
  case repeatedHeader(firstLine: Int)
  /// An identifier holding an invisible or format character.
  case invisibleCharacter(codePoint: String, name: String)
  /// An id with spaces before or after it, built in code (a file's cells are trimmed).
  case surroundingSpaces

  // MARK: Values in year files
  /// An empty cell where a value is required.
  case emptyField(column: String)
  /// A number that is not one.
  case number(NumberSyntaxError)
  /// The same unit twice in `units.csv`.
  case duplicateUnit(first: EarlierRow)
  /// `units.csv` with a header and no unit.
  case noUnits
  /// An assessment file with neither a value nor a points column.
  case needValueOrPointsColumn
  /// A code of a node that has sub-criteria.
  case notALeaf
  /// A code the criteria set does not have.
  case unknownCode(criteria: String)
  /// A self-assessment row for a survey leaf.
  case surveyLeafSelfAssessed(group: String)
  /// A row with neither a value nor points.
  case noValueOrPoints
  /// A second row for the same unit and leaf.
  case duplicateRow(unit: String, first: EarlierRow)
  /// An empty unit id.
  case missingUnitID
  /// A unit id not in the units file.
  case unknownUnit(unitsFile: String)
  /// An empty evidence id.
  case missingEvidenceID
  /// The same evidence id twice for one unit.
  case duplicateEvidence(unit: String, first: EarlierRow)
  /// A date that is not one.
  case invalidDate
  /// Adjustment rows when the set has no caps.
  case noAdjustmentCaps(criteria: String)
  /// An adjustment kind that is neither bonus nor penalty.
  case adjustmentKind
  /// A survey question not in the set's groups.
  case unknownQuestion
  /// A survey answer not in the set's scale.
  case unknownAnswer(scale: [String])
  /// An empty respondent id.
  case missingRespondent
  /// A weight outside (0, max].
  case weightOutOfRange(maximum: String)
  /// One respondent answering one question twice.
  case answeredTwice(question: String, unit: String)
  /// Survey answers when the set has no survey block.
  case noSurveyBlock(criteria: String)

  // MARK: Excel workbooks
  /// A cell holding an Excel error value.
  case errorCell(String)
  /// A number in a column of codes or ids.
  case numberInTextColumn(shown: String)
  /// A formula cell whose result was never saved.
  case formulaWithoutValue
  /// A date cell whose serial is not a day Excel can show.
  case invalidDateSerial(String)
  /// Excel's fictitious 29 February 1900.
  case excelLeapBug
  /// A number with more digits than a value may have.
  case workbookNumberTooPrecise(allowed: Int)
  /// The workbook has no worksheet.
  case noWorksheet
  /// The workbook is damaged (the ZIP container, the compressed data or the XML).
  case damagedWorkbook(WorkbookDamage)
  /// The workbook exceeds a limit set against hostile files.
  case workbookLimit(WorkbookLimit)
  /// A number cell in a date column (its date format lost).
  case numberInDateColumn(shown: String)
  /// A part of the workbook is missing.
  case workbookPartMissing(String)

  // MARK: Rules (a value or points against a leaf's rule)
  /// A `check` leaf's value is not a yes or no word: có / không, đạt / không đạt, x, 1 / 0 (`E-VALUE-YES-NO`).
  case expectedYesNo
  /// A `choice` leaf's value is none of its option keys (`E-VALUE-OPTION`).
  case expectedOption(keys: [String])
  /// A proportional or survey leaf's value whose points are too large to compute exactly (`E-VALUE-TOO-LARGE`).
  case valueTooLarge
  /// A `deadline` leaf's value is neither a date (dd/mm/yyyy, yyyy-mm-dd) nor a no for not done
  /// (`E-VALUE-DATE`).
  case expectedDeadlineDate
  /// A `deduction` leaf's value is not a whole number of items (`E-VALUE-COUNT`).
  case expectedCount
  /// A `manual` leaf's value is not a number of points given by the council (`E-VALUE-MANUAL`).
  case expectedManualPoints(maximum: String, step: String)
  /// A value for an item that has sub-criteria, and so no rule to score it (`E-NO-RULE`).
  case noRule
  /// Points given above the leaf's maximum (`E-POINTS-ABOVE-MAX`).
  case pointsAboveMaximum(String)
  /// Points given for a `deduction` leaf that are neither its maximum minus whole items nor its floor
  /// (`E-POINTS-DEDUCTION`).
  case pointsNotDeduction(maximum: String, perItem: String, floor: String)
  /// Points given for a `manual` leaf that are not on its step from 0 to its maximum (`E-POINTS-STEP`).
  case pointsNotOnStep(step: String, maximum: String)
  /// Points given that are none of the amounts the leaf's rule can give (`E-POINTS-NOT-ALLOWED`).
  case pointsNotAllowed([String])
  /// A percentage above 100 on a proportional or survey leaf (`E-PERCENT-ABOVE-100`).
  case percentAbove100
  /// A ratio with a zero denominator (nothing arose) on a leaf that cannot be not applicable
  /// (`E-RATIO-ZERO`).
  case zeroDenominatorForbidden
  /// A ratio above 1: the part is larger than the whole (`E-RATIO-ABOVE-ONE`).
  case ratioAboveOne
  /// A value that is not a number, a percentage (`85%`, `85,5`) or a ratio (`17/20`) (`E-VALUE-PERCENT`).
  case expectedPercentage
  /// Không phát sinh (not applicable) written for a leaf that needs a real value
  /// (`E-NOT-APPLICABLE-FORBIDDEN`).
  case notApplicableForbidden
  /// A count written like a thousands group where a whole number is expected.
  case countLooksThousands(String)

  /// An explanation's round that the year does not hold (`rounds`: how many it holds).
  case explanationRound(rounds: Int)
  /// A round that is not a whole number from 1 (`appraisal-0.csv`, an explanation's `round` `0` or `x`).
  case roundNotPositive
  /// A self-assessment row citing an evidence id the unit's evidence file does not hold, on a
  /// leaf that then scores 0 for want of evidence (`W-EVIDENCE-UNKNOWN`), with the slip that
  /// likely made it.
  case evidenceUnknown(slip: EvidenceSlip)
  /// A control character (ESC, BEL, DEL, a C1 control) in a name or group
  /// (`E-CONTROL-CHARACTER`): printed raw, a terminal would obey it.
  case controlCharacter(codePoint: String, name: String)
  /// A group written as another group is, but for case or spaces (`E-GROUP-SPELLING`).
  case groupSpelledTwoWays(first: String, place: EarlierRow)
  /// A listed unit with no row in the self-assessment (`W-UNIT-WITHOUT-ROWS`): its file
  /// forgotten, most likely.
  case unitWithoutRows
  /// An explanation citing an evidence id that the unit's evidence file does not hold (`W-EXPLANATION-EVIDENCE`).
  case explanationEvidenceUnknown(unit: String)

  // MARK: Scoring
  /// An appraisal that changes the unit's points without a reason (`round`: the round, for a
  /// year appraised in rounds).
  case reasonRequired(unit: String, leaf: String, from: Claim, to: Claim, round: Int?)
  /// `--as-of-round N` beyond the rounds the year holds.
  case noSuchRound(rounds: Int)
  /// Every leaf of a unit is not applicable.
  case maximumZero
  /// More leaf scores to keep than ``Assessment/leafScoreLimit``.
  case tooManyScores(units: Int, leaves: Int, limit: Int)

  // MARK: Warnings
  /// A percentage that looks written as a fraction of 1 (`0,962` for 96,2 %: Excel's `%` format lost)
  /// (`W-PERCENT-AS-FRACTION`).
  case percentAsFraction(shown: String)
  /// A count that looks written with a thousands separator (`1.234`) (`W-THOUSANDS-GROUP`).
  case thousandsGroup(shown: String)
  /// A deadline date more than a quarter before the year assessed: likely a wrong year
  /// (`W-DATE-BEFORE-YEAR`).
  case dateBeforeYear(year: Int)
  /// A date two or more years after the year assessed (2027 for 2025): likely a wrong year (`W-DATE-FAR-AFTER`).
  case dateFarAfterYear(year: Int)
  /// A dd/mm/yyyy date that also reads as a valid mm/dd/yyyy one, and would then fall on the other side
  /// of the deadline (`W-DATE-AMBIGUOUS`).
  case dateAmbiguous(other: String, outcome: DeadlineReading, otherOutcome: DeadlineReading)
  /// The file is UTF-8, so the `--encoding` given was not needed (`W-ENCODING-UNUSED`).
  case unusedDecoding(encoding: String)

  // MARK: Comparing two years (warnings that the sets differ)
  /// The two years' criteria sets have different scales (`W-COMPARE-SCALE`).
  case compareScale(a: String, setA: String, b: String, setB: String)
  /// The two years' criteria sets have different classification bands (`W-COMPARE-BANDS`).
  case compareBands
  /// A field of the later year's set that the earlier set does not have (`W-COMPARE-FIELD-NEW`).
  case compareFieldNew(field: String, title: String, set: String)
  /// A field whose maximum points differ between the two years' sets (`W-COMPARE-FIELD-MAX`).
  case compareFieldMaximum(field: String, from: String, to: String)
  /// A field whose leaves differ between the two years' sets: leaves added and removed (`W-COMPARE-FIELD-LEAVES`).
  case compareFieldLeaves(field: String, added: [String], removed: [String])
  /// A field of the earlier year's set that the later set no longer has (`W-COMPARE-FIELD-REMOVED`).
  case compareFieldRemoved(field: String, title: String, set: String)
  /// After any of the other comparison warnings: the overall index is not like for like, and the fields
  /// that still are (`W-COMPARE-NOT-LIKE-FOR-LIKE`).
  case compareNotLikeForLike(comparable: [String])

  // MARK: Requests (what a caller asked for)
  /// A unit id asked for (a what-if, a scorecard) that the year does not have (`E-NO-SUCH-UNIT`).
  case noSuchUnit
  /// A setting of an analysis outside what it accepts (`runs` 0 for a sensitivity study).
  case settingOutOfRange(expected: String)
  /// A leaf code asked for that the criteria set does not have (`E-NO-SUCH-LEAF`).
  case noSuchLeaf(criteria: String)
  /// A class asked for that is none of the criteria set's bands (`E-NO-SUCH-CLASS`).
  case noSuchClass([String])
  /// A group (khối) asked for that the year's units do not have (`E-NO-SUCH-GROUP`).
  case noSuchGroup([String])
  /// A code asked for (a leaf or a parent) that the criteria set does not have (`E-NO-SUCH-CODE`).
  case noSuchCode(criteria: String)

  // MARK: Criteria sets (JSON)
  /// The criteria file is not valid JSON, at a column of the line (`E-JSON-SYNTAX`).
  case jsonSyntax(JSONSyntax, column: Int)
  /// The JSON document is not a criteria set (`E-NOT-CRITERIA`).
  case notACriteriaSet
  /// A JSON value of the wrong kind: an object, a list, a text or a number was expected (`E-CRITERIA-TYPE`).
  case expectedKind(expected: JSONKind, found: JSONKind)
  /// A key the criteria format does not define at that place (`E-CRITERIA-UNKNOWN-KEY`).
  case unknownKey(String, allowed: [String])
  /// A key the criteria format requires is absent (`E-CRITERIA-MISSING-KEY`).
  case requiredKey(String)
  /// An empty text where the criteria format needs one (`E-CRITERIA-EMPTY-TEXT`).
  case expectedNonEmptyText
  /// A text that is none of the values the key allows (`level`, `status`…) (`E-CRITERIA-CHOICE`).
  case expectedOneOf([String])
  /// A number written with an exponent (`1e3`); amounts are plain decimals (`E-CRITERIA-EXPONENT`).
  case exponentNotAllowed
  /// A number that is not a whole number in the range the key allows (`E-CRITERIA-WHOLE`).
  case expectedWholeNumber(from: Int, to: Int)
  /// A date in the criteria set that is not a real day written yyyy-mm-dd or dd/mm/yyyy (`E-CRITERIA-DATE`).
  case expectedCriteriaDate
  /// An empty list where at least one element is needed (items, options, tiers) (`E-CRITERIA-EMPTY-LIST`).
  case expectedNonEmptyList
  /// The `format` key does not name the criteria format this library reads (`E-CRITERIA-FORMAT`).
  case wrongFormatTag(expected: String)
  /// A scale (thang điểm) not above 0 or above 10000 (`E-CRITERIA-SCALE`).
  case scaleOutOfRange
  /// The fields' maximum points do not add up to the scale (`E-CRITERIA-FIELDS-SUM`).
  case fieldsDoNotAddUp(total: String, scale: String)
  /// A classification band's `minIndex` above 100 (`E-CRITERIA-BAND-ABOVE-100`).
  case bandAbove100
  /// Classification bands not ordered by `minIndex`, highest first (`E-CRITERIA-BANDS-ORDER`).
  case bandsNotDescending(previous: String, minIndex: String)
  /// Two classification bands with the same label (`E-CRITERIA-BAND-LABEL`).
  case duplicateBandLabel
  /// The last classification band does not start at 0, so some units would have no class (`E-CRITERIA-LAST-BAND`).
  case lastBandNotZero
  /// A survey scale with no answer code (`E-CRITERIA-NO-ANSWERS`).
  case noAnswerCodes
  /// A survey answer's percentage outside 0…100 (`E-CRITERIA-PERCENT`).
  case percentOutOfRange
  /// An empty survey answer code (`E-CRITERIA-EMPTY-ANSWER`).
  case emptyAnswerCode
  /// A survey answer code listed twice, after trimming spaces (`E-CRITERIA-DUPLICATE-ANSWER`).
  case duplicateAnswerCode
  /// A survey `scale` that is not an object mapping answer codes to percentages (`E-CRITERIA-SCALE-OBJECT`).
  case expectedScaleObject
  /// A survey block with no group (`E-CRITERIA-NO-GROUPS`).
  case noSurveyGroups
  /// A question listed twice in one survey group (`E-CRITERIA-DUPLICATE-QUESTION`).
  case duplicateQuestion
  /// Survey `groups` that are not an object of groups (`E-CRITERIA-GROUPS-OBJECT`).
  case expectedGroupsObject
  /// An item code that is not a dotted code such as `2.3.1` (an empty part, a space, a comma, a quote or an
  /// invisible character) (`E-CRITERIA-CODE`).
  case invalidCode
  /// An item code used twice in the set; codes must be unique (`E-CRITERIA-DUPLICATE-CODE`).
  case duplicateCode(elsewhere: String)
  /// An item's maximum points not above 0 (`E-CRITERIA-MAX-ZERO`).
  case maximumNotPositive
  /// An item's maximum points above 10000 (`E-CRITERIA-MAX-LARGE`).
  case maximumTooLarge
  /// An item with neither `children` nor a `rule` (`E-CRITERIA-NO-RULE`).
  case childrenOrRule
  /// An item with both `children` and a `rule` (`E-CRITERIA-RULE-AND-CHILDREN`).
  case childrenAndRule
  /// A key only leaves take (items with a rule) on an item with children (`E-CRITERIA-LEAF-KEY`).
  case leafOnlyKey(String)
  /// A criteria table's row whose parent code has no row above it.
  case parentMissing(parent: String)
  /// A criteria table's row under a row that has a rule (a leaf has no children).
  case parentIsALeaf(parent: String)
  /// A criteria table's parameter column filled for a rule that does not take it.
  case parameterForOtherRule(rules: [String])
  /// A criteria table's rule without a parameter it needs.
  case missingRuleParameter(rule: String)
  /// A tiers cell that is not `≥ 98: 1; > 90: 0,5`.
  case tierSyntax
  /// An options line that is not `key = label: points`.
  case optionSyntax
  /// A criteria table's header key given twice.
  case infoKeyRepeated(firstLine: Int)
  /// A criteria table's header cell filled on a key that does not use that column.
  case columnNotForKey(keys: [String])
  /// A table writing decimals both as `1,5` and `1.5` (`W-MIXED-DECIMALS`): in Vietnamese Excel `.` groups thousands.
  case mixedDecimalSeparators(other: String)
  /// A choice option's key or label, or a survey question, holding a character the criteria table
  /// uses to separate entries (a line break; `;` in a question).
  case separatorInName(String)
  /// Items nested deeper than the levels allowed (`E-CRITERIA-DEPTH`).
  case nestedTooDeep(levels: Int)
  /// An item's children whose maximum points do not add up to its own (`E-CRITERIA-CHILDREN-SUM`).
  case childrenDoNotAddUp(code: String, sum: String, maximum: String)
  /// An amount with more decimals than `rounding.points` allows (`E-CRITERIA-DECIMALS`).
  case tooManyDecimals(places: Int)
  /// Points in a rule (an option, a tier, late points) above the item's maximum (`E-CRITERIA-POINTS-ABOVE-MAX`).
  case pointsAboveItemMaximum(String)
  /// A `rule` that is not an object such as `{"type": "check"}` (`E-CRITERIA-RULE`).
  case expectedRuleObject(found: JSONKind)
  /// A rule `type` that is none of the rule types (`E-CRITERIA-RULE-TYPE`).
  case unknownRuleType([String])
  /// A `choice` rule with the same option key twice (`E-CRITERIA-OPTION-KEY`).
  case duplicateOptionKey
  /// A `choice` option key that reads as không phát sinh, not applicable (`E-CRITERIA-OPTION-NA`).
  case optionKeyMeansNotApplicable
  /// A tier with neither `atLeast` nor `above` (`E-CRITERIA-TIER-BOUND`).
  case tierNeedsBound
  /// A tier with both `atLeast` and `above` (`E-CRITERIA-TIER-BOUNDS`).
  case tierBothBounds
  /// Tiers not ordered from the highest threshold down (`E-CRITERIA-TIERS-ORDER`).
  case tiersNotDescending(previous: String)
  /// A proportional rule's target not above 0 or above 100 (`E-CRITERIA-TARGET`).
  case targetOutOfRange
  /// A proportional rule's `zeroBelow` above its target (`E-CRITERIA-ZERO-BELOW`).
  case zeroBelowAboveTarget(String)
  /// A deadline rule's `lateUntil` before its due date (`E-CRITERIA-LATE-UNTIL`).
  case lateUntilBeforeDue(String)
  /// A deduction rule's points per item not above 0 (`E-CRITERIA-PER-ITEM`).
  case perItemZero
  /// A survey leaf in a set that has no `survey` block to define its group (`E-CRITERIA-NO-SURVEY`).
  case noSurveyForGroup
  /// A survey leaf's group that `survey.groups` does not define (`E-CRITERIA-SURVEY-GROUP`).
  case unknownSurveyGroup([String])
  /// A manual rule's step not above 0 or above the item's maximum (`E-CRITERIA-STEP`).
  case stepOutOfRange(maximum: String)
  /// A set with no classification band (`E-CRITERIA-NO-BANDS`).
  case emptyClassification
  /// A survey group with no question (`E-CRITERIA-GROUP-EMPTY`).
  case groupsWithoutQuestions
  /// An amount below zero in a set built in code (a file cannot write a sign).
  case negativeAmount
  /// `rounding.points` or `rounding.index` outside 0…4, in a set built in code.
  case placesOutOfRange
  /// A year outside 2000…2100.
  case yearOutOfRange

  // MARK: Command line
  /// `parindex` run with a command it does not have (`E-CLI-UNKNOWN-COMMAND`).
  case unknownCommand(String)
  /// An option the command does not take (`E-CLI-UNKNOWN-OPTION`).
  case unknownOption(String)
  /// An option written without the value it needs (`E-CLI-OPTION-VALUE`).
  case optionNeedsValue(String)
  /// An option given twice (`E-CLI-OPTION-TWICE`).
  case optionGivenTwice(String)
  /// A flag written with a value (`--flag=value`) (`E-CLI-OPTION-NO-VALUE`).
  case optionTakesNoValue(String)
  /// The wrong number of positional arguments for the command (`E-CLI-ARGUMENTS`).
  case wrongArguments(expected: String, found: Int)
  /// A `--format` the command does not write (`E-CLI-FORMAT`).
  case unknownFormat(String, allowed: [String])
  /// One of two options that must be given together, without the other (`E-CLI-TOGETHER`).
  case optionsGoTogether(String, String)
  /// An option that only goes with another option, given without it (`E-CLI-NEEDS`).
  case optionNeedsOption(String, String)
  /// An option's value that is not one it accepts (`E-CLI-VALUE`).
  case optionValue(String, expected: String)
  /// A language (`--lang`) other than `vi` or `en` (`E-CLI-LANGUAGE`).
  case unknownLanguage(String)
  /// A binary output format asked for without `-o FILE`, to a terminal (`E-CLI-BINARY-TO-TERMINAL`).
  case binaryToTerminal(String)
  /// An `-o` file whose extension names another format than the one it would hold
  /// (`E-CLI-OUTPUT-EXTENSION`): `rank -o ranking.xlsx --format csv`.
  case outputExtension(extension: String, written: String, allowed: [String])
  /// An output file that cannot be written (`E-CANNOT-WRITE`).
  case cannotWrite(reason: String)
  /// `-o` names a file the command reads (the same file under any name).
  case outputIsInput(input: String)
  /// `-o` names a file inside a folder the command reads.
  case outputInInputFolder(folder: String)

  /// Where an earlier row with the same key is: a line of the same file, or a place elsewhere.
  public enum EarlierRow: Sendable, Hashable {
    /// A line of the same file.
    case line(Int)
    /// A place elsewhere (another file, a cell of a workbook).
    case at(String)
  }

  /// What most likely made a cited evidence id unknown.
  public enum EvidenceSlip: Sendable, Hashable {
    /// Nothing recognisable.
    case none
    /// Several ids joined with a comma or a line break.
    case joined
    /// The id of this document, in another case.
    case otherCase(String)
  }

  /// The first-hand facts a rule decided on, for a reason-required message.
  public enum Claim: Sendable, Hashable {
    /// Points given or computed, as written.
    case points(String)
    /// Không phát sinh: the leaf counted as not applicable.
    case notApplicable
  }

  /// What is wrong with a workbook's container or XML.
  public enum WorkbookDamage: Sendable, Hashable {
    /// Not a ZIP archive at all.
    case notAWorkbook
    /// Cut off before its end (an upload or a copy that did not finish).
    case truncated
    /// A part's compressed data or checksum is wrong.
    case corruptPart(String)
    /// A part's XML is malformed (at a line of that part).
    case badXML(part: String, line: Int, detail: String)
    /// A ZIP feature no workbook uses (ZIP64, several disks, a compression method).
    case unsupportedZIP(String)
    /// A row numbered 0, past Excel's last row, or not after the row before it (`previous`).
    case rowOutOfOrder(part: String, reference: String, previous: Int)
    /// A cell past column `XFD`, or not right of the cell before it in its row.
    case cellOutOfOrder(part: String, reference: String, row: Int)
  }

  /// A limit against hostile workbooks.
  public enum WorkbookLimit: Sendable, Hashable {
    /// More uncompressed data than the limit.
    case size(limit: String)
    /// A part that expands far more than any real workbook's.
    case ratio(part: String)
    /// More parts than the limit.
    case entries(limit: Int)
    /// A part's XML is nested deeper, or holds longer texts, than the limit.
    case xml(part: String, limit: String)
  }

  /// How a deadline date reads against its due date, for the ambiguous-date warning.
  public enum DeadlineReading: String, Sendable, Hashable {
    /// Đúng hạn (on time), trễ hạn (late: the late points) or trễ quá hạn cho phép (too late: no points).
    case onTime, late, tooLate
  }

  /// What kind of file was found in place of a year file.
  public enum FileKind: String, Sendable, Hashable {
    /// An Excel 97–2003 workbook (`.xls`, BIFF).
    case xls
    /// A macro-enabled workbook (`.xlsm`).
    case xlsm
    /// A binary workbook (`.xlsb`).
    case xlsb
    /// An OpenDocument spreadsheet (`.ods`).
    case ods
    /// A password-protected (encrypted) workbook.
    case encryptedWorkbook
  }

  /// The kind of a JSON value, for "expected … found …".
  public enum JSONKind: String, Sendable, Hashable {
    /// `object` `{…}`, `list` `[…]`, `text` (in double quotes), `number`, `boolean` (`true`/`false`), `null`;
    /// `ruleObject`, a rule such as `{"type": "check"}`.
    case object, list, text, number, boolean, null, ruleObject
  }

  /// Why JSON text is not JSON.
  public enum JSONSyntax: Sendable, Hashable {
    /// Structure: `trailingText` after the document; `endOfFile` or an `unexpectedCharacter` where a value
    /// is due; nesting `tooDeep`; `expectedKey` where a key in double quotes is due; a `duplicateKey`.
    case trailingText, endOfFile, unexpectedCharacter, tooDeep(Int), expectedKey, duplicateKey(String)
    /// Punctuation: `expectedColon` after a key, `expectedCommaOrBrace` in an object, `expectedCommaOrBracket`
    /// in a list. Text: bytes `notUTF8`, an `invalidEscape`, a raw `controlCharacter` (a line break not `\n`).
    case expectedColon, expectedCommaOrBrace, expectedCommaOrBracket, notUTF8, invalidEscape, controlCharacter
    /// Text: `unclosedText` (no closing quote); a `\u` escape with an `unpairedSurrogate`, `incompleteEscape`
    /// or `invalidHexDigit`. Numbers: a `leadingZero`, an `invalidNumber`.
    case unclosedText, unpairedSurrogate, incompleteEscape, invalidHexDigit, leadingZero, invalidNumber
    /// Numbers: no `digitsAfterPoint`, an `invalidExponent`. Words: an `unexpectedWord`, not `true`, `false`
    /// or `null`.
    case digitsAfterPoint, invalidExponent, unexpectedWord
  }
}

extension Message {
  /// The stable code: `E-…` for an error, `W-…` for a warning; the same in every language.
  public var code: String { entry.code }

  /// The message in `language`, as a phrase for one line.
  public func text(_ language: Language) -> String {
    language == .vietnamese ? entry.vi : entry.en
  }

  /// Whether this message is a warning: valid, but almost certainly not what was meant.
  public var isWarning: Bool { code.hasPrefix("W-") }

  /// What kind of problem, which decides a command line's exit code.
  public var kind: Diagnostic.Kind {
    switch self {
    case .fileNotFound, .folderNotFound, .requiredFileMissing: .notFound
    case .noSuchUnit, .noSuchLeaf, .noSuchClass, .noSuchGroup, .noSuchCode, .settingOutOfRange, .noSuchRound: .request
    default: .invalid
    }
  }

  private struct Entry {
    var code: String
    var vi: String
    var en: String
  }

  private func e(_ code: String, vi: String, en: String) -> Entry { Entry(code: code, vi: vi, en: en) }

  private static func list(_ items: [String]) -> String { items.joined(separator: ", ") }

  // One switch holds every message, its code and both languages: nothing can be added in
  // one language only (the compiler asks for every case; a test checks the texts).
  private var entry: Entry {
    let list = Self.list
    switch self {
    // Files and folders
    case .fileNotFound: return e("E-FILE-NOT-FOUND", vi: "không có tệp này", en: "no such file")
    case .folderNotFound: return e("E-FOLDER-NOT-FOUND", vi: "không có thư mục này", en: "no such folder")
    case .expectedFolder:
      return e(
        "E-NOT-A-FOLDER", vi: "đây là một tệp; cần thư mục chứa units và assessment của năm",
        en: "this is a file; expected the folder that holds units and assessment")
    case .expectedFile:
      return e("E-NOT-A-FILE", vi: "đây là một thư mục; cần một tệp", en: "this is a folder; expected a file")
    case .cannotRead(let reason):
      return e("E-CANNOT-READ", vi: "không đọc được tệp: \(reason)", en: "the file cannot be read: \(reason)")
    case .notARegularFile:
      return e(
        "E-NOT-REGULAR",
        vi:
          "đây không phải một tệp thông thường (là ống dẫn hoặc thiết bị); hãy chỉ đến một tệp, hoặc dùng - cho đầu vào chuẩn",
        en: "this is not a regular file (a pipe or a device); name a file, or use - for standard input")
    case .pipeTimedOut(let seconds):
      return e(
        "E-PIPE-TIMEOUT", vi: "không có dữ liệu nào được ghi vào ống dẫn sau \(seconds) giây",
        en: "nothing was written to the pipe within \(seconds) seconds")
    case .fileChangedWhileRead:
      return e(
        "E-FILE-CHANGED",
        vi:
          "tệp đã thay đổi trong lúc đang được đọc (kích thước hoặc thời điểm sửa khác lúc bắt đầu); hãy đợi tệp được lưu xong rồi chạy lại",
        en:
          "the file changed while it was being read (its size or time of last change is not what it was at the start); wait until it is saved and run again"
      )
    case .fileTooLarge(let limit):
      return e(
        "E-FILE-TOO-LARGE", vi: "tệp lớn hơn mức cho phép \(limit)", en: "the file is larger than the limit of \(limit)"
      )
    case .twoForms(let other):
      return e(
        "E-TWO-FORMS", vi: "có cả tệp này và \(other) cho cùng một loại dữ liệu: giữ lại một",
        en: "both this and \(other) hold the same file: keep one")
    case .appraisalFormsMixed(let other):
      return e(
        "E-APPRAISAL-FORMS",
        vi: "có cả tệp này và \(other): một vòng thẩm định thì chỉ dùng appraisal, nhiều vòng thì appraisal-1, "
          + "appraisal-2, …",
        en: "both this and \(other): one appraisal round is appraisal alone, several are appraisal-1, appraisal-2, …")
    case .appraisalRoundMissing(let round):
      return e(
        "E-ROUND-MISSING", vi: "thiếu vòng thẩm định \(round) (appraisal-\(round)): các vòng phải liên tiếp từ 1",
        en: "appraisal round \(round) (appraisal-\(round)) is missing: rounds run 1, 2, 3… without a gap")
    case .notAManifest(let missing):
      return e(
        "E-NOT-A-MANIFEST",
        vi: "không tìm thấy bảng kê tệp nguồn hợp lệ (thiếu \(missing)): cần tệp của parindex manifest, "
          + "một kết quả JSON hoặc báo cáo HTML của parindex",
        en: "no valid manifest here (missing \(missing)): give the output of parindex manifest, or a JSON result "
          + "or HTML report of parindex")
    case .requiredFileMissing(let name, let forms):
      return e(
        "E-REQUIRED-FILE-MISSING", vi: "thiếu tệp bắt buộc \(name) (\(forms.joined(separator: ", ")))",
        en: "required file \(name) is missing (\(forms.joined(separator: ", ")))")
    case .unsupportedFileKind(let kind):
      return kindEntry(kind)
    case .ignoredFileInFolder:
      return e(
        "W-IGNORED-FILE", vi: "bỏ qua: không phải tệp .csv, .txt hoặc .xlsx",
        en: "ignored: not a .csv, .txt or .xlsx file")
    case .workbookOpenElsewhere:
      return e(
        "W-WORKBOOK-OPEN",
        vi: "bỏ qua tệp khóa của Excel: bảng tính đang được mở trên một máy khác; hãy đóng nó trước khi chấm",
        en: "ignored Excel's lock file: the workbook is open on some machine; close it before scoring")
    case .emptyFolder:
      return e(
        "E-EMPTY-FOLDER", vi: "thư mục không có tệp .csv, .txt hoặc .xlsx nào",
        en: "the folder holds no .csv, .txt or .xlsx file")
    case .evidenceFileMissing(let leaves):
      return e(
        "E-EVIDENCE-FILE-MISSING",
        vi:
          "thiếu tệp evidence (danh mục tài liệu kiểm chứng) trong khi \(leaves) tiêu chí bắt buộc có tài liệu kiểm chứng; nếu không có tài liệu nào, hãy để một tệp evidence.csv chỉ có dòng tiêu đề",
        en:
          "the evidence file is missing, but \(leaves) leaves require evidence; to say on purpose that there are no documents, give an evidence.csv with only its header row"
      )
    case .surveyFileMissing(let units, let total):
      let shown = list(Array(units.prefix(5))) + (total > 5 ? ", …" : "")
      return e(
        "E-SURVEY-FILE-MISSING",
        vi:
          "thiếu tệp survey (kết quả điều tra xã hội học): \(total) đơn vị (\(shown)) không có kết quả cho các tiêu chí điều tra; nếu cố ý không có phiếu nào, hãy để một tệp survey.csv chỉ có dòng tiêu đề",
        en:
          "the survey file is missing: \(total) units (\(shown)) have no result for the survey leaves; to say on purpose that there are no answers, give a survey.csv with only its header row"
      )

    // Encodings and containers
    case .notUTF8(let byte, let offset):
      return e(
        "E-NOT-UTF8",
        vi:
          "tệp không phải văn bản UTF-8 (byte 0x\(hex(byte)) ở vị trí \(offset)); có thể tệp được lưu theo bảng mã cũ như Windows-1258: hãy lưu lại dưới dạng 'CSV UTF-8'",
        en:
          "the file is not UTF-8 text (byte 0x\(hex(byte)) at offset \(offset)); it may be saved in Windows-1258 or another legacy encoding: save it again as 'CSV UTF-8'"
      )
    case .looksWindows1258(let byte, let offset):
      return e(
        "E-WINDOWS-1258",
        vi:
          "tệp không phải UTF-8 (byte 0x\(hex(byte)) ở vị trí \(offset)) mà có vẻ lưu theo bảng mã Windows-1258: hãy lưu lại dưới dạng 'CSV UTF-8', hoặc chạy với --encoding windows-1258",
        en:
          "the file is not UTF-8 (byte 0x\(hex(byte)) at offset \(offset)) and reads as Windows-1258 text: save it again as 'CSV UTF-8', or pass --encoding windows-1258"
      )
    case .looksUTF16WithoutBOM:
      return e(
        "E-UTF16-NO-BOM",
        vi:
          "tệp có vẻ là văn bản UTF-16 nhưng không có BOM: hãy lưu lại bằng Excel dưới dạng 'Unicode Text' hoặc 'CSV UTF-8'",
        en:
          "the file looks like UTF-16 text without a byte order mark: save it again from Excel as 'Unicode Text' or 'CSV UTF-8'"
      )
    case .looksWorkbook:
      return e(
        "E-LOOKS-WORKBOOK",
        vi: "đây là một bảng tính Excel (tệp nén ZIP) mang tên tệp văn bản: hãy đổi đuôi thành .xlsx",
        en: "this is an Excel workbook (a ZIP archive) under a text file's name: name it .xlsx")
    case .looksOLE:
      return e(
        "E-LOOKS-OLE",
        vi:
          "đây là tệp Excel 97–2003 (.xls) hoặc bảng tính có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu nếu có, và lưu dưới dạng .xlsx",
        en:
          "this is an Excel 97–2003 file (.xls) or a password-protected workbook: open it in Excel, remove any password, and save it as .xlsx"
      )
    case .looksGzip:
      return e(
        "E-LOOKS-GZIP", vi: "đây là tệp nén gzip: hãy giải nén trước",
        en: "this is a gzip-compressed file: decompress it first")
    case .looksPDF:
      return e(
        "E-LOOKS-PDF", vi: "đây là tệp PDF, không phải bảng dữ liệu", en: "this is a PDF file, not a table of data")
    case .windows1258Undefined(let byte, let offset):
      return e(
        "E-WINDOWS-1258-BYTE", vi: "byte 0x\(hex(byte)) ở vị trí \(offset) không có trong bảng mã Windows-1258",
        en: "byte 0x\(hex(byte)) at offset \(offset) is not defined in Windows-1258")
    case .badUTF16(let offset):
      return e(
        "E-BAD-UTF16", vi: "văn bản UTF-16 bị lỗi ở vị trí \(offset)",
        en: "the UTF-16 text is broken at offset \(offset)")
    case .binaryData(let offset):
      return e(
        "E-BINARY-DATA", vi: "tệp chứa dữ liệu nhị phân (byte 0x00 ở vị trí \(offset)), không phải bảng văn bản",
        en: "the file holds binary data (a 0x00 byte at offset \(offset)), not a table of text")
    case .unknownYearFile(let expected):
      return e(
        "W-UNKNOWN-FILE", vi: "bỏ qua: không phải tệp số liệu của năm (\(list(expected)))",
        en: "ignored: not a file of the year (\(list(expected)))")

    // CSV and table structure
    case .unclosedQuote:
      return e(
        "E-CSV-UNCLOSED-QUOTE", vi: "một ô trong ngoặc kép không được đóng: thiếu dấu '\"' trước khi hết tệp",
        en: "a quoted field is not closed: a '\"' is missing before the end of the file")
    case .textAfterClosingQuote:
      return e(
        "E-CSV-TEXT-AFTER-QUOTE",
        vi: "có chữ sau dấu ngoặc kép đóng của một ô: dấu '\"' bên trong ô phải viết đôi (\"\")",
        en: "text after the closing quote of a field: a '\"' inside a quoted field must be doubled (\"\")")
    case .emptyFile(let expected):
      return e(
        "E-EMPTY-FILE", vi: "tệp trống: cần một dòng tiêu đề có \(list(expected))",
        en: "the file is empty: expected a header row with \(list(expected))")
    case .noHeaderRow(let expected, let searched):
      return e(
        "E-NO-HEADER",
        vi: "không tìm thấy dòng tiêu đề trong \(searched) dòng đầu: cần một dòng có các cột \(list(expected))",
        en: "no header row in the first \(searched) rows: expected a row with the columns \(list(expected))")
    case .tooManyFields(let fields, let header, let separator):
      return e(
        "E-TOO-MANY-FIELDS",
        vi:
          "dòng có \(fields) ô nhưng dòng tiêu đề có \(header): thừa một dấu phân cách, hoặc một ô có '\(separator)' cần đặt trong ngoặc kép",
        en:
          "the row has \(fields) fields but the header has \(header): a separator too many, or a text with '\(separator)' that should be in double quotes"
      )
    case .dataUnderUnnamedColumn(let position, let headerLine):
      return e(
        "E-UNNAMED-COLUMN",
        vi:
          "ô thứ \(position) có dữ liệu nhưng ô tiêu đề của cột đó (dòng \(headerLine)) để trống: hãy đặt tên cột, hoặc đặt tên bắt đầu bằng x_ nếu cột được bỏ qua có chủ ý",
        en:
          "field \(position) holds data but its column's header cell (line \(headerLine)) is blank: name the column, or give it a name starting with x_ if it is meant to be ignored"
      )
    case .duplicateColumn:
      return e("E-DUPLICATE-COLUMN", vi: "cột này xuất hiện hai lần", en: "this column appears twice")
    case .unknownColumn(let expected):
      return e(
        "E-UNKNOWN-COLUMN",
        vi: "cột không hợp lệ: cần một trong \(list(expected)), hoặc tên bắt đầu bằng x_ cho cột thêm",
        en: "unknown column: expected \(list(expected)), or a name starting with x_ for extra columns")
    case .missingColumn:
      return e(
        "E-MISSING-COLUMN", vi: "thiếu cột bắt buộc trong dòng tiêu đề",
        en: "required column is missing from the header")
    case .ambiguousColumn(let canonical, let other):
      return e(
        "E-AMBIGUOUS-COLUMN", vi: "cột \(canonical) có hai tên trong dòng tiêu đề (cả '\(other)'): giữ lại một",
        en: "column \(canonical) is named twice in the header (also as '\(other)'): keep one")
    case .repeatedHeader(let firstLine):
      return e(
        "E-REPEATED-HEADER",
        vi: "dòng tiêu đề lặp lại (giống dòng \(firstLine); dán thêm một trang tính?): hãy xóa dòng này",
        en: "repeated header row (as on line \(firstLine); a second sheet pasted?): delete this row")
    case .surroundingSpaces:
      return e(
        "E-ID-SPACES", vi: "mã không được có khoảng trắng ở đầu hoặc cuối",
        en: "an id must not start or end with a space")
    case .invisibleCharacter(let codePoint, let name):
      return e(
        "E-INVISIBLE-CHARACTER",
        vi: "mã có ký tự ẩn \(codePoint) \(name), trông giống mã khác nhưng không phải: hãy gõ lại mã",
        en:
          "the id holds the invisible character \(codePoint) \(name), so it looks like another id but is not: type it again"
      )

    // Values in year files
    case .emptyField(let column):
      return e("E-EMPTY-FIELD", vi: "cần điền \(column)", en: "expected a non-empty \(column)")
    case .number(let problem):
      return numberEntry(problem)
    case .duplicateUnit(let first):
      return e(
        "E-DUPLICATE-UNIT", vi: "mã đơn vị bị trùng: đã có ở \(earlier(first, .vietnamese))",
        en: "duplicate unit id: already at \(earlier(first, .english))")
    case .noUnits:
      return e(
        "E-NO-UNITS", vi: "tệp có dòng tiêu đề nhưng không có đơn vị nào", en: "the file has a header but no units")
    case .needValueOrPointsColumn:
      return e(
        "E-NO-VALUE-COLUMN", vi: "cần cột 'value' hoặc 'points' (hoặc cả hai)",
        en: "expected a 'value' or a 'points' column (or both)")
    case .notALeaf:
      return e(
        "E-NOT-A-LEAF", vi: "tiêu chí này có tiêu chí thành phần: hãy chấm từng tiêu chí thành phần",
        en: "this item has sub-criteria: score each of its leaves instead")
    case .unknownCode(let criteria):
      return e(
        "E-UNKNOWN-CODE", vi: "mã tiêu chí không có trong bộ tiêu chí \(criteria)",
        en: "unknown code: expected a leaf code of criteria set \(criteria)")
    case .surveyLeafSelfAssessed(let group):
      return e(
        "E-SURVEY-LEAF-SELF",
        vi:
          "tiêu chí này chấm theo kết quả điều tra (nhóm \(group)), đơn vị không tự chấm: hãy xóa dòng (chỉ dòng thẩm định được ghi)",
        en:
          "this leaf is scored from the survey (group \(group)), not self-assessed: remove the row (only an appraisal row may set it)"
      )
    case .noValueOrPoints:
      return e(
        "E-NO-VALUE-OR-POINTS", vi: "dòng không có cả số liệu lẫn điểm: hãy điền một trong hai, hoặc xóa dòng",
        en: "the row has neither a value nor points: fill one in, or delete the row")
    case .duplicateRow(let unit, let first):
      return e(
        "E-DUPLICATE-ROW", vi: "dòng trùng của đơn vị \(unit): đã có ở \(earlier(first, .vietnamese))",
        en: "duplicate row for unit \(unit): already at \(earlier(first, .english))")
    case .missingUnitID: return e("E-MISSING-UNIT-ID", vi: "cần mã đơn vị", en: "expected a unit id")
    case .unknownUnit(let unitsFile):
      return e(
        "E-UNKNOWN-UNIT", vi: "không có đơn vị này trong \(unitsFile)",
        en: "unknown unit: expected a unit_id listed in \(unitsFile)")
    case .missingEvidenceID:
      return e("E-MISSING-EVIDENCE-ID", vi: "cần mã tài liệu", en: "expected a non-empty evidence id")
    case .duplicateEvidence(let unit, let first):
      return e(
        "E-DUPLICATE-EVIDENCE", vi: "mã tài liệu bị trùng ở đơn vị \(unit): đã có ở \(earlier(first, .vietnamese))",
        en: "duplicate evidence id for unit \(unit): already at \(earlier(first, .english))")
    case .invalidDate:
      return e(
        "E-DATE", vi: "cần một ngày có thật, dạng dd/mm/yyyy hoặc yyyy-mm-dd",
        en: "expected a date dd/mm/yyyy or yyyy-mm-dd that exists")
    case .noAdjustmentCaps(let criteria):
      return e(
        "E-NO-ADJUSTMENT-CAPS",
        vi: "bộ tiêu chí \(criteria) không có mục \"adjustments\", nên không dùng được điểm thưởng, điểm trừ",
        en: "criteria set \(criteria) has no \"adjustments\" block, so bonus and penalty rows cannot be used")
    case .adjustmentKind:
      return e(
        "E-ADJUSTMENT-KIND", vi: "cần bonus (thưởng) hoặc penalty (trừ)",
        en: "expected bonus or penalty (thưởng or trừ)")
    case .unknownQuestion:
      return e(
        "E-UNKNOWN-QUESTION", vi: "câu hỏi không có trong các nhóm điều tra của bộ tiêu chí",
        en: "expected a question listed in the criteria set's survey groups")
    case .unknownAnswer(let scale):
      return e(
        "E-UNKNOWN-ANSWER", vi: "câu trả lời phải là một trong thang điểm: \(list(scale))",
        en: "expected one of the survey scale's answers: \(list(scale))")
    case .missingRespondent: return e("E-MISSING-RESPONDENT", vi: "cần mã phiếu", en: "expected a respondent id")
    case .weightOutOfRange(let maximum):
      return e(
        "E-WEIGHT", vi: "trọng số phải lớn hơn 0 và không quá \(maximum)",
        en: "expected a weight above 0 and at most \(maximum)")
    case .answeredTwice(let question, let unit):
      return e(
        "E-ANSWERED-TWICE", vi: "phiếu này đã trả lời câu \(question) của đơn vị \(unit)",
        en: "this respondent already answered question \(question) for unit \(unit)")
    case .noSurveyBlock(let criteria):
      return e(
        "E-NO-SURVEY-BLOCK", vi: "bộ tiêu chí \(criteria) không có mục \"survey\", nên không dùng được phiếu điều tra",
        en: "criteria set \(criteria) has no \"survey\" block, so survey answers cannot be used")

    // Excel workbooks
    case .errorCell(let value):
      return e(
        "E-XLSX-ERROR-CELL", vi: "ô chứa lỗi của Excel \(value): hãy sửa công thức hoặc nhập giá trị",
        en: "the cell holds Excel's error \(value): fix the formula or type the value")
    case .numberInTextColumn(let shown):
      return e(
        "E-XLSX-NUMBER-IN-TEXT-COLUMN",
        vi:
          "ô là số (\(shown)), nhưng cột này chứa mã: Excel có thể đã đổi mã (1.10 thành 1.1); hãy định dạng cột là Text (Văn bản) và gõ lại mã",
        en:
          "the cell is a number (\(shown)) in a column of codes: Excel may have changed the code (1.10 to 1.1); format this column as Text and type the codes again"
      )
    case .formulaWithoutValue:
      return e(
        "E-XLSX-FORMULA-NO-VALUE",
        vi: "ô có công thức nhưng chưa có kết quả được lưu: hãy mở tệp bằng Excel và lưu lại",
        en: "the cell has a formula whose result was never saved: open the file in Excel and save it again")
    case .invalidDateSerial(let serial):
      return e(
        "E-XLSX-DATE-SERIAL", vi: "ô ngày tháng có giá trị \(serial) không phải một ngày hợp lệ",
        en: "the date cell holds \(serial), which is not a valid day")
    case .excelLeapBug:
      return e(
        "E-XLSX-FEB-29-1900", vi: "ngày 29/02/1900 của Excel không có thật", en: "Excel's 29/02/1900 does not exist")
    case .workbookNumberTooPrecise(let allowed):
      return e(
        "E-XLSX-TOO-PRECISE",
        vi: "số có quá \(allowed) chữ số thập phân (thường do công thức): hãy làm tròn bằng ROUND hoặc nhập giá trị",
        en: "the number has more than \(allowed) decimals (often from a formula): round it with ROUND or type the value"
      )
    case .noWorksheet:
      return e("E-XLSX-NO-SHEET", vi: "bảng tính không có trang tính nào", en: "the workbook has no worksheet")
    case .damagedWorkbook(let damage):
      let (vi, en): (String, String) =
        switch damage {
        case .notAWorkbook: ("không phải tệp .xlsx", "not an .xlsx file")
        case .truncated:
          ("tệp bị cắt cụt, chưa được tải hoặc chép hết", "the file is cut short: not fully uploaded or copied")
        case .corruptPart(let part):
          ("dữ liệu nén của phần \(part) bị lỗi", "the compressed data of its part \(part) is wrong")
        case .badXML(let part, let line, let detail):
          (
            "phần \(part) không phải XML hợp lệ ở dòng \(line)",
            "its part \(part) is not valid XML at line \(line): \(detail)"
          )
        case .unsupportedZIP(let what):
          ("dùng tính năng ZIP không hỗ trợ: \(what)", "it uses a ZIP feature no workbook needs: \(what)")
        case .rowOutOfOrder(let part, let reference, let previous):
          (
            "phần \(part) ghi số hàng '\(reference)' sau hàng \(previous); số hàng phải tăng dần, từ 1 đến 1048576",
            "its part \(part) numbers a row '\(reference)' after row \(previous); rows must rise from 1 to 1048576"
          )
        case .cellOutOfOrder(let part, let reference, let row):
          (
            "phần \(part) ghi ô '\(reference)' sai thứ tự ở hàng \(row); các ô phải theo thứ tự cột, từ A đến XFD",
            "its part \(part) places a cell '\(reference)' out of order in row \(row); cells must follow their columns, A to XFD"
          )
        }
      return e(
        "E-XLSX-DAMAGED",
        vi: "bảng tính bị hỏng (\(vi)): hãy mở bằng Excel và lưu lại, hoặc xin đơn vị gửi lại tệp",
        en: "the workbook is damaged (\(en)): open it in Excel and save it again, or ask the unit to send it again")
    case .workbookLimit(let limit):
      let (vi, en): (String, String) =
        switch limit {
        case .size(let bytes): ("dữ liệu giải nén vượt \(bytes)", "more than \(bytes) uncompressed")
        case .ratio(let part):
          ("phần \(part) giãn nở bất thường khi giải nén", "its part \(part) expands far more than a real workbook's")
        case .entries(let count): ("hơn \(count) phần", "more than \(count) parts")
        case .xml(let part, let what):
          ("phần \(part) vượt giới hạn \(what)", "its part \(part) exceeds the limit on \(what)")
        }
      return e(
        "E-XLSX-LIMIT", vi: "bảng tính vượt giới hạn an toàn (\(vi)): không đọc tệp này",
        en: "the workbook exceeds a safety limit (\(en)): the file is not read")
    case .numberInDateColumn(let shown):
      return e(
        "E-XLSX-NUMBER-IN-DATE-COLUMN",
        vi: "ô là số \(shown), không phải ngày tháng: hãy định dạng ô là ngày (dd/mm/yyyy)",
        en: "the cell is the number \(shown), not a date: format the cell as a date (dd/mm/yyyy)")
    case .workbookPartMissing(let part):
      return e(
        "E-XLSX-PART-MISSING", vi: "bảng tính thiếu phần \(part): hãy mở bằng Excel và lưu lại",
        en: "the workbook lacks its part \(part): open it in Excel and save it again")

    // Rules
    case .expectedYesNo:
      return e(
        "E-VALUE-YES-NO", vi: "cần có hoặc không: có / không, đạt / không đạt, x, 1 / 0",
        en: "expected yes or no: có / không, đạt / không đạt, x, 1 / 0")
    case .expectedOption(let keys):
      return e(
        "E-VALUE-OPTION", vi: "cần một trong các mức: \(list(keys))", en: "expected one of the options: \(list(keys))")
    case .valueTooLarge:
      return e("E-VALUE-TOO-LARGE", vi: "giá trị quá lớn để tính", en: "the value is too large to compute with")
    case .expectedDeadlineDate:
      return e(
        "E-VALUE-DATE", vi: "cần ngày thực hiện, dd/mm/yyyy hoặc yyyy-mm-dd (hoặc 'không' nếu chưa thực hiện)",
        en: "expected the date it was done, dd/mm/yyyy or yyyy-mm-dd (or 'không' if it was not done)")
    case .expectedCount:
      return e(
        "E-VALUE-COUNT", vi: "cần một số nguyên (0, 1, 2, …)", en: "expected a whole number of items (0, 1, 2, …)")
    case .expectedManualPoints(let maximum, let step):
      return e(
        "E-VALUE-MANUAL", vi: "cần điểm do Hội đồng chấm, từ 0 đến \(maximum), bước \(step)",
        en: "expected points given by the council, a number from 0 to \(maximum) in steps of \(step)")
    case .noRule:
      return e(
        "E-NO-RULE", vi: "tiêu chí này có tiêu chí thành phần, không có quy tắc chấm",
        en: "this item has sub-criteria and no rule")
    case .pointsAboveMaximum(let maximum):
      return e(
        "E-POINTS-ABOVE-MAX", vi: "điểm vượt điểm tối đa \(maximum) của tiêu chí",
        en: "points above the leaf's maximum \(maximum)")
    case .pointsNotDeduction(let maximum, let perItem, let floor):
      return e(
        "E-POINTS-DEDUCTION", vi: "điểm phải bằng \(maximum) trừ một số lần \(perItem), không thấp hơn \(floor)",
        en: "expected points the rule can give: \(maximum) minus a whole number of \(perItem), not below \(floor)")
    case .pointsNotOnStep(let step, let maximum):
      return e(
        "E-POINTS-STEP", vi: "điểm phải theo bước \(step), từ 0 đến \(maximum)",
        en: "expected points in steps of \(step), from 0 to \(maximum)")
    case .pointsNotAllowed(let choices):
      return e(
        "E-POINTS-NOT-ALLOWED", vi: "điểm phải là một mức quy tắc cho phép: \(list(choices))",
        en: "expected points the rule can give: \(list(choices))")
    case .percentAbove100:
      return e("E-PERCENT-ABOVE-100", vi: "cần tỷ lệ từ 0 đến 100", en: "expected a percentage from 0 to 100")
    case .zeroDenominatorForbidden:
      return e(
        "E-RATIO-ZERO",
        vi: "tỷ lệ có mẫu số 0 nghĩa là không phát sinh, nhưng tiêu chí này không được ghi không phát sinh",
        en: "a ratio with a zero denominator means nothing arose, but this leaf cannot be 'not applicable'")
    case .ratioAboveOne:
      return e(
        "E-RATIO-ABOVE-ONE", vi: "tỷ lệ không được lớn hơn 1 (phần không vượt tổng)",
        en: "expected a ratio of at most 1 (the part cannot exceed the whole)")
    case .expectedPercentage:
      return e(
        "E-VALUE-PERCENT", vi: "cần một số, một tỷ lệ % như 85% hoặc 85,5, hoặc một tỷ số như 17/20",
        en: "expected a number, a percentage such as 85% or 85,5, or a ratio such as 17/20")
    case .notApplicableForbidden:
      return e(
        "E-NOT-APPLICABLE-FORBIDDEN", vi: "tiêu chí này không được ghi 'không phát sinh': cần số liệu thực tế",
        en: "this leaf cannot be 'not applicable': expected a real value")
    case .countLooksThousands(let whole):
      return e(
        "E-VALUE-COUNT-THOUSANDS",
        vi: "cần một số nguyên; nếu là \(whole) thì viết \(whole), không dùng dấu phân cách hàng nghìn",
        en: "expected a whole number; if \(whole) was meant, write \(whole) without a thousands separator")

    // Scoring
    case .reasonRequired(let unit, let leaf, let from, let to, let round):
      let (vi, en) = round.map { (" vòng \($0)", " round \($0)") } ?? ("", "")
      return e(
        "E-REASON-REQUIRED",
        vi:
          "kết quả thẩm định\(vi) đổi tiêu chí \(leaf) của \(unit) từ \(claim(from, .vietnamese)) thành \(claim(to, .vietnamese)): cần ghi lý do",
        en:
          "the appraisal\(en) changes \(unit) \(leaf) from \(claim(from, .english)) to \(claim(to, .english)): a reason is required"
      )
    case .noSuchRound(let rounds):
      return e(
        "E-NO-SUCH-ROUND", vi: "năm này có \(rounds) vòng thẩm định: chọn từ 0 (tự chấm) đến \(rounds)",
        en: "the year holds \(rounds) appraisal round\(rounds == 1 ? "" : "s"): choose 0 (self-assessment) to \(rounds)"
      )
    case .roundNotPositive:
      return e("E-ROUND-NUMBER", vi: "vòng phải là số nguyên từ 1", en: "a round is a whole number from 1")
    case .explanationRound(let rounds):
      switch rounds {
      case 0:
        return e(
          "E-NO-ROUND-TO-EXPLAIN",
          vi: "chưa có vòng thẩm định nào (appraisal hoặc appraisal-1) để giải trình",
          en: "there is no appraisal round (appraisal or appraisal-1) to explain")
      case let count:
        return e(
          "E-EXPLANATION-ROUND", vi: "năm này chỉ có \(count) vòng thẩm định",
          en: "the year holds only \(count) appraisal round\(count == 1 ? "" : "s")")
      }
    case .evidenceUnknown(let slip):
      let hint: (vi: String, en: String)
      switch slip {
      case .none: hint = ("", "")
      case .joined:
        hint = (
          "; nhiều mã tài liệu phải cách nhau bằng ';' hoặc '|' (không dùng dấu phẩy hay xuống dòng)",
          "; several ids are separated by ';' or '|' (not by a comma or a line break)"
        )
      case .otherCase(let document):
        hint = (
          "; tệp evidence có '\(document)' (khác chữ hoa, chữ thường)",
          "; the evidence file has '\(document)' (another case)"
        )
      }
      return e(
        "W-EVIDENCE-UNKNOWN",
        vi:
          "mã tài liệu này không có trong tệp evidence của đơn vị: tiêu chí được 0 điểm vì thiếu tài liệu kiểm chứng\(hint.vi)",
        en: "this evidence id is not in the unit's evidence file: the leaf scores 0 for want of evidence\(hint.en)")
    case .controlCharacter(let codePoint, let name):
      return e(
        "E-CONTROL-CHARACTER",
        vi:
          "có ký tự điều khiển \(codePoint) \(name): ký tự này không hiển thị, và trong bảng kết quả sẽ làm rối màn hình hay tệp in ra; hãy xoá nó",
        en:
          "this holds the control character \(codePoint) \(name): it does not show, and in the results it would garble the screen or the printed file; delete it"
      )
    case .groupSpelledTwoWays(let first, let place):
      return e(
        "E-GROUP-SPELLING",
        vi:
          "nhóm này chỉ khác nhóm '\(first)' (\(earlier(place, .vietnamese))) ở chữ hoa, chữ thường hay khoảng trắng: hai cách viết sẽ thành hai nhóm xếp hạng riêng; hãy viết giống nhau",
        en:
          "this group differs from '\(first)' (\(earlier(place, .english))) only in case or spaces: the two spellings would be ranked as two groups; write them the same"
      )
    case .unitWithoutRows:
      return e(
        "W-UNIT-WITHOUT-ROWS",
        vi:
          "đơn vị này không có dòng nào trong tệp tự chấm (assessment): mọi tiêu chí tự chấm mà Hội đồng không thẩm định sẽ là 0 điểm (tiêu chí điều tra xã hội học vẫn được tính). Đơn vị chưa nộp, hay thiếu tệp?",
        en:
          "the unit has no row in the self-assessment (assessment): every self-assessed leaf the council did not appraise scores 0 (survey leaves still count). Did the unit not send its file, or is it missing?"
      )
    case .explanationEvidenceUnknown(let unit):
      return e(
        "W-EXPLANATION-EVIDENCE", vi: "tài liệu này không có trong tệp evidence của đơn vị \(unit)",
        en: "this document is not in \(unit)'s evidence file")
    case .tooManyScores(let units, let leaves, let limit):
      return e(
        "E-TOO-MANY-SCORES",
        vi: "\(units) đơn vị × \(leaves) tiêu chí là quá \(limit) điểm tiêu chí mà JSON, phiếu điểm và báo cáo "
          + "phải giữ: hãy dùng validate, hoặc rank --format csv, text hay md (chỉ giữ tổng điểm)",
        en: "\(units) units × \(leaves) leaves is more than the \(limit) leaf scores that JSON, scorecards and "
          + "reports keep: use validate, or rank --format csv, text or md (totals only)")
    case .maximumZero:
      return e(
        "E-MAX-ZERO",
        vi: "mọi tiêu chí của đơn vị đều không phát sinh, nên điểm tối đa bằng 0 và không tính được chỉ số",
        en: "every leaf of this unit is not applicable, so its maximum is 0 and its index is undefined")

    // Warnings
    case .percentAsFraction(let shown):
      return e(
        "W-PERCENT-AS-FRACTION",
        vi:
          "trông như tỷ lệ viết dưới dạng phần của 1 (Excel bỏ mất định dạng %?): nếu là \(shown) % thì ghi \(shown) hoặc \(shown)%",
        en: "looks like a fraction of 1 (Excel's % format lost?): if \(shown) % was meant, write \(shown) or \(shown)%")
    case .thousandsGroup(let shown):
      return e(
        "W-THOUSANDS-GROUP",
        vi: "trông như số có dấu phân cách hàng nghìn: nếu là \(shown) thì ghi \(shown)",
        en: "looks like a number with a thousands separator: if \(shown) was meant, write \(shown)")
    case .dateBeforeYear(let year):
      return e(
        "W-DATE-BEFORE-YEAR", vi: "ngày trước năm đánh giá \(year): kiểm tra lại năm",
        en: "the date is before the year \(year) assessed: check the year")
    case .dateFarAfterYear(let year):
      return e(
        "W-DATE-FAR-AFTER", vi: "ngày quá xa sau năm đánh giá \(year): kiểm tra lại năm",
        en: "the date is long after the year \(year) assessed: check the year")
    case .dateAmbiguous(let other, let outcome, let otherOutcome):
      let viOutcome = outcomeName(outcome, .vietnamese)
      let enOutcome = outcomeName(outcome, .english)
      return e(
        "W-DATE-AMBIGUOUS",
        vi:
          "đọc theo dd/mm/yyyy là \(viOutcome), nhưng nếu là ngày \(other) (kiểu tháng/ngày của Excel tiếng Anh) thì \(outcomeName(otherOutcome, .vietnamese)): kiểm tra lại ngày",
        en:
          "read as dd/mm/yyyy it is \(enOutcome), but as \(other) (mm/dd/yyyy, as English-locale Excel writes) it would be \(outcomeName(otherOutcome, .english)): check the date"
      )
    case .unusedDecoding(let encoding):
      return e(
        "W-ENCODING-UNUSED", vi: "tệp là UTF-8 nên không cần --encoding \(encoding)",
        en: "the file is UTF-8: --encoding \(encoding) was not needed")

    // Comparing two years
    case .compareScale(let a, let setA, let b, let setB):
      return e(
        "W-COMPARE-SCALE", vi: "thang điểm khác nhau: \(a) ở \(setA), \(b) ở \(setB)",
        en: "scale differs: \(a) in \(setA), \(b) in \(setB)")
    case .compareBands:
      return e(
        "W-COMPARE-BANDS", vi: "các mức xếp loại khác nhau: xếp loại không so sánh tương đương được",
        en: "classification bands differ: classes are not like for like")
    case .compareFieldNew(let field, let title, let set):
      return e(
        "W-COMPARE-FIELD-NEW", vi: "lĩnh vực \(field) “\(title)” mới có ở \(set)",
        en: "field \(field) “\(title)” is new in \(set)")
    case .compareFieldMaximum(let field, let from, let to):
      return e(
        "W-COMPARE-FIELD-MAX", vi: "điểm tối đa lĩnh vực \(field) đổi từ \(from) thành \(to)",
        en: "field \(field) maximum changed from \(from) to \(to)")
    case .compareFieldLeaves(let field, let added, let removed):
      return e(
        "W-COMPARE-FIELD-LEAVES", vi: "lĩnh vực \(field): thêm tiêu chí \(list(added)), bỏ tiêu chí \(list(removed))",
        en: "field \(field): leaves added \(list(added)), removed \(list(removed))")
    case .compareFieldRemoved(let field, let title, let set):
      return e(
        "W-COMPARE-FIELD-REMOVED", vi: "lĩnh vực \(field) “\(title)” không còn ở \(set)",
        en: "field \(field) “\(title)” was removed in \(set)")
    case .compareNotLikeForLike(let comparable):
      return e(
        "W-COMPARE-NOT-LIKE-FOR-LIKE",
        vi:
          "chỉ số chung không so sánh tương đương được; chỉ so sánh theo lĩnh vực: \(comparable.isEmpty ? "không có" : list(comparable))",
        en:
          "the overall index is not like for like; per field, compare only: \(comparable.isEmpty ? "none" : list(comparable))"
      )

    // Requests
    case .settingOutOfRange(let expected):
      return e("E-SETTING-RANGE", vi: "giá trị phải trong khoảng \(expected)", en: "expected a value in \(expected)")
    case .noSuchUnit: return e("E-NO-SUCH-UNIT", vi: "không có đơn vị này", en: "no such unit")
    case .noSuchLeaf(let criteria):
      return e(
        "E-NO-SUCH-LEAF", vi: "không có tiêu chí thành phần này trong bộ tiêu chí \(criteria)",
        en: "expected a leaf code of criteria set \(criteria)")
    case .noSuchClass(let labels):
      return e(
        "E-NO-SUCH-CLASS", vi: "cần một mức xếp loại của bộ tiêu chí: \(list(labels))",
        en: "expected a class of the criteria set: \(list(labels))")
    case .noSuchGroup(let groups):
      return e(
        "E-NO-SUCH-GROUP", vi: "không có khối này; các khối là \(list(groups))",
        en: "no such group: the groups are \(list(groups))")
    case .noSuchCode(let criteria):
      return e(
        "E-NO-SUCH-CODE", vi: "không có mã này trong bộ tiêu chí \(criteria)",
        en: "no such code in criteria set \(criteria)")

    // Criteria sets
    case .jsonSyntax(let problem, let column):
      return jsonEntry(problem, column: column)
    case .notACriteriaSet: return e("E-NOT-CRITERIA", vi: "không phải một bộ tiêu chí", en: "not a criteria set")
    case .expectedKind(let expected, let found):
      return e(
        "E-CRITERIA-TYPE", vi: "cần \(kind(expected, .vietnamese)), nhưng là \(kind(found, .vietnamese))",
        en: "expected \(kind(expected, .english)), found \(kind(found, .english))")
    case .unknownKey(let key, let allowed):
      return e(
        "E-CRITERIA-UNKNOWN-KEY", vi: "khóa \"\(key)\" không hợp lệ: cần một trong \(list(allowed))",
        en: "unknown key \"\(key)\": expected one of \(list(allowed))")
    case .requiredKey(let key):
      return e("E-CRITERIA-MISSING-KEY", vi: "thiếu khóa bắt buộc \"\(key)\"", en: "required key \"\(key)\" is missing")
    case .expectedNonEmptyText:
      return e("E-CRITERIA-EMPTY-TEXT", vi: "cần một đoạn chữ không rỗng", en: "expected a non-empty text")
    case .expectedOneOf(let choices):
      return e("E-CRITERIA-CHOICE", vi: "cần một trong \(list(choices))", en: "expected one of \(list(choices))")
    case .exponentNotAllowed:
      return e(
        "E-CRITERIA-EXPONENT", vi: "cần một số thập phân viết thường (không dùng số mũ)",
        en: "expected a plain decimal number (no exponent)")
    case .expectedWholeNumber(let from, let to):
      return e(
        "E-CRITERIA-WHOLE", vi: "cần một số nguyên từ \(from) đến \(to)",
        en: "expected a whole number from \(from) to \(to)")
    case .expectedCriteriaDate:
      return e(
        "E-CRITERIA-DATE", vi: "cần một ngày có thật, dạng yyyy-mm-dd (hoặc dd/mm/yyyy)",
        en: "expected a date yyyy-mm-dd (or dd/mm/yyyy) that exists")
    case .expectedNonEmptyList:
      return e("E-CRITERIA-EMPTY-LIST", vi: "cần một danh sách không rỗng", en: "expected a non-empty list")
    case .wrongFormatTag(let expected):
      return e("E-CRITERIA-FORMAT", vi: "cần \"\(expected)\"", en: "expected \"\(expected)\"")
    case .scaleOutOfRange:
      return e(
        "E-CRITERIA-SCALE", vi: "thang điểm phải lớn hơn 0 và không quá 10000",
        en: "expected a scale above 0 and at most 10000")
    case .fieldsDoNotAddUp(let total, let scale):
      return e(
        "E-CRITERIA-FIELDS-SUM", vi: "tổng điểm tối đa các lĩnh vực là \(total), nhưng thang điểm là \(scale)",
        en: "the fields' maxPoints add up to \(total), but the scale is \(scale)")
    case .bandAbove100: return e("E-CRITERIA-BAND-ABOVE-100", vi: "cần không quá 100", en: "expected at most 100")
    case .bandsNotDescending(let previous, let minIndex):
      return e(
        "E-CRITERIA-BANDS-ORDER",
        vi: "các mức xếp loại phải xếp theo minIndex giảm dần: mức \(previous) có \(minIndex)",
        en: "bands must be ordered by minIndex, highest first: \(previous) has \(minIndex)")
    case .duplicateBandLabel:
      return e(
        "E-CRITERIA-BAND-LABEL", vi: "tên mức xếp loại này đã dùng cho mức khác",
        en: "this label is used by another band")
    case .lastBandNotZero:
      return e(
        "E-CRITERIA-LAST-BAND", vi: "mức xếp loại cuối phải bắt đầu từ 0 để đơn vị nào cũng được xếp loại",
        en: "the last band must start at 0 so that every unit has a class")
    case .noAnswerCodes:
      return e("E-CRITERIA-NO-ANSWERS", vi: "cần ít nhất một mã câu trả lời", en: "expected at least one answer code")
    case .percentOutOfRange:
      return e("E-CRITERIA-PERCENT", vi: "cần tỷ lệ từ 0 đến 100", en: "expected a percentage from 0 to 100")
    case .emptyAnswerCode:
      return e("E-CRITERIA-EMPTY-ANSWER", vi: "cần mã câu trả lời không rỗng", en: "expected a non-empty answer code")
    case .duplicateAnswerCode:
      return e(
        "E-CRITERIA-DUPLICATE-ANSWER", vi: "mã câu trả lời bị lặp (sau khi bỏ khoảng trắng)",
        en: "this answer code is listed twice (after trimming spaces)")
    case .expectedScaleObject:
      return e(
        "E-CRITERIA-SCALE-OBJECT", vi: "cần một đối tượng ánh xạ mã câu trả lời sang tỷ lệ %",
        en: "expected an object mapping answer codes to percentages")
    case .noSurveyGroups:
      return e("E-CRITERIA-NO-GROUPS", vi: "cần ít nhất một nhóm điều tra", en: "expected at least one group")
    case .duplicateQuestion:
      return e(
        "E-CRITERIA-DUPLICATE-QUESTION", vi: "câu hỏi bị lặp trong nhóm",
        en: "this question is listed twice in the group")
    case .expectedGroupsObject:
      return e("E-CRITERIA-GROUPS-OBJECT", vi: "cần một đối tượng các nhóm", en: "expected an object of groups")
    case .invalidCode:
      return e(
        "E-CRITERIA-CODE",
        vi:
          "mã phải là các số hoặc tên nối bằng dấu chấm, không rỗng, không có khoảng trắng, dấu phẩy, ngoặc kép hay ký tự ẩn, như 2.3.1",
        en: "expected a dotted code such as 2.3.1: no empty part, no spaces, commas, quotes or invisible characters")
    case .duplicateCode(let elsewhere):
      return e(
        "E-CRITERIA-DUPLICATE-CODE", vi: "mã này đã dùng ở \(elsewhere): mã phải duy nhất",
        en: "this code is also used at \(elsewhere): codes must be unique")
    case .maximumNotPositive:
      return e("E-CRITERIA-MAX-ZERO", vi: "điểm tối đa phải lớn hơn 0", en: "expected maxPoints above 0")
    case .maximumTooLarge:
      return e("E-CRITERIA-MAX-LARGE", vi: "điểm tối đa không quá 10000", en: "expected at most 10000 points")
    case .childrenOrRule:
      return e(
        "E-CRITERIA-NO-RULE", vi: "một mục cần có \"children\" hoặc \"rule\"",
        en: "an item needs either \"children\" or a \"rule\"")
    case .childrenAndRule:
      return e(
        "E-CRITERIA-RULE-AND-CHILDREN", vi: "một mục chỉ có \"children\" hoặc \"rule\", không có cả hai",
        en: "an item has either \"children\" or a \"rule\", not both")
    case .parentMissing(let parent):
      return e(
        "E-TABLE-PARENT-MISSING",
        vi: "không có dòng nào phía trên cho mục cha \(parent): ghi theo thứ tự phụ lục, mục cha trước các mục con",
        en: "no row above for the parent \(parent): rows go in annex order, a parent above its children")
    case .parentIsALeaf(let parent):
      return e(
        "E-TABLE-PARENT-IS-LEAF",
        vi: "mục \(parent) có quy tắc chấm (là tiêu chí thành phần) nên không thể có mục con",
        en: "\(parent) has a rule (it is a leaf), so it cannot hold children")
    case .parameterForOtherRule(let rules):
      return e(
        "E-TABLE-PARAMETER",
        vi: "cột này chỉ dùng cho quy tắc \(list(rules)): xóa ô này hoặc sửa quy tắc",
        en: "this column is only for the rule \(list(rules)): clear the cell or change the rule")
    case .missingRuleParameter(let rule):
      return e(
        "E-TABLE-PARAMETER-MISSING", vi: "quy tắc \(rule) cần ô này", en: "the rule \(rule) needs this cell")
    case .tierSyntax:
      return e(
        "E-TABLE-TIERS",
        vi: "cần các mức như \"≥ 98: 1; > 90: 0,5; ≥ 80: 0,25\" (ngưỡng: điểm, mức cao trước, ngăn cách bằng ;)",
        en:
          "expected tiers such as \"≥ 98: 1; > 90: 0,5; ≥ 80: 0,25\" (threshold: points, highest first, separated by ;)"
      )
    case .optionSyntax:
      return e(
        "E-TABLE-OPTIONS", vi: "cần mỗi dòng một lựa chọn \"khóa = tên: điểm\"",
        en: "expected one option per line, \"key = label: points\"")
    case .columnNotForKey(let keys):
      return e(
        "E-TABLE-COLUMN", vi: "cột này chỉ dùng cho mục \(list(keys)): xóa ô này",
        en: "this column is only for the keys \(list(keys)): clear the cell")
    case .infoKeyRepeated(let firstLine):
      return e(
        "E-TABLE-KEY-REPEATED", vi: "mục này đã có ở dòng \(firstLine)", en: "this key is already on line \(firstLine)")
    case .mixedDecimalSeparators(let other):
      return e(
        "W-MIXED-DECIMALS",
        vi: "bảng ghi số thập phân cả bằng dấu chấm và dấu phẩy (như \(other)); trong Excel tiếng Việt dấu chấm là "
          + "dấu phân cách hàng nghìn: kiểm tra lại",
        en: "the table writes decimals both with a point and a comma (as \(other)); in Vietnamese Excel a point groups "
          + "thousands: check it")
    case .separatorInName(let separator):
      return e(
        "E-CRITERIA-SEPARATOR",
        vi: "không được chứa \(separator) (ký tự ngăn cách các mục trong bảng tiêu chí)",
        en: "cannot hold \(separator) (it separates entries in a criteria table)")
    case .leafOnlyKey(let key):
      return e(
        "E-CRITERIA-LEAF-KEY", vi: "chỉ tiêu chí thành phần (mục có rule) mới có \"\(key)\"",
        en: "only leaves (items with a rule) take \"\(key)\"")
    case .nestedTooDeep(let levels):
      return e(
        "E-CRITERIA-DEPTH", vi: "các mục lồng nhau quá \(levels) cấp",
        en: "items are nested more than \(levels) levels deep")
    case .childrenDoNotAddUp(let code, let sum, let maximum):
      return e(
        "E-CRITERIA-CHILDREN-SUM", vi: "các mục con của \(code) cộng lại là \(sum), không phải \(maximum)",
        en: "the children of \(code) add up to \(sum), not \(maximum)")
    case .tooManyDecimals(let places):
      return e(
        "E-CRITERIA-DECIMALS", vi: "tối đa \(places) chữ số thập phân, theo rounding.points",
        en: "expected at most \(places) decimals, as rounding.points says")
    case .pointsAboveItemMaximum(let maximum):
      return e(
        "E-CRITERIA-POINTS-ABOVE-MAX", vi: "điểm vượt điểm tối đa \(maximum) của mục",
        en: "points above the item's maxPoints \(maximum)")
    case .expectedRuleObject(let found):
      return e(
        "E-CRITERIA-RULE", vi: "cần một quy tắc dạng {\"type\": \"check\"}, nhưng là \(kind(found, .vietnamese))",
        en: "expected a rule object such as {\"type\": \"check\"}, found \(kind(found, .english))")
    case .unknownRuleType(let types):
      return e("E-CRITERIA-RULE-TYPE", vi: "cần một trong \(list(types))", en: "expected one of \(list(types))")
    case .duplicateOptionKey:
      return e("E-CRITERIA-OPTION-KEY", vi: "mã mức này bị dùng hai lần", en: "this option key is used twice")
    case .optionKeyMeansNotApplicable:
      return e(
        "E-CRITERIA-OPTION-NA", vi: "mã này có nghĩa 'không phát sinh'; hãy chọn mã khác",
        en: "this key means 'not applicable'; choose another")
    case .tierNeedsBound:
      return e(
        "E-CRITERIA-TIER-BOUND", vi: "một bậc cần \"atLeast\" hoặc \"above\"",
        en: "a tier needs \"atLeast\" or \"above\"")
    case .tierBothBounds:
      return e(
        "E-CRITERIA-TIER-BOUNDS", vi: "một bậc có \"atLeast\" hoặc \"above\", không có cả hai",
        en: "a tier has \"atLeast\" or \"above\", not both")
    case .tiersNotDescending(let previous):
      return e(
        "E-CRITERIA-TIERS-ORDER", vi: "các bậc phải xếp từ ngưỡng cao nhất xuống; bậc trước là \(previous)",
        en: "tiers must be ordered from the highest threshold down; the previous tier is \(previous)")
    case .targetOutOfRange:
      return e(
        "E-CRITERIA-TARGET", vi: "mục tiêu phải là tỷ lệ lớn hơn 0 và không quá 100",
        en: "expected a target percentage above 0 and at most 100")
    case .zeroBelowAboveTarget(let target):
      return e(
        "E-CRITERIA-ZERO-BELOW", vi: "zeroBelow không được vượt mục tiêu \(target)",
        en: "expected zeroBelow at most the target \(target)")
    case .lateUntilBeforeDue(let due):
      return e(
        "E-CRITERIA-LATE-UNTIL", vi: "cần một ngày bằng hoặc sau hạn \(due)",
        en: "expected a date on or after the due date \(due)")
    case .perItemZero:
      return e("E-CRITERIA-PER-ITEM", vi: "điểm trừ mỗi lần phải lớn hơn 0", en: "expected points per item above 0")
    case .noSurveyForGroup:
      return e(
        "E-CRITERIA-NO-SURVEY", vi: "bộ tiêu chí không có mục \"survey\" định nghĩa nhóm này",
        en: "the set has no \"survey\" block defining this group")
    case .unknownSurveyGroup(let groups):
      return e(
        "E-CRITERIA-SURVEY-GROUP", vi: "cần một nhóm có trong survey.groups: \(list(groups))",
        en: "expected a group defined in survey.groups: \(list(groups))")
    case .stepOutOfRange(let maximum):
      return e(
        "E-CRITERIA-STEP", vi: "bước điểm phải lớn hơn 0 và không quá điểm tối đa \(maximum)",
        en: "expected a step above 0 and at most maxPoints \(maximum)")
    case .emptyClassification:
      return e(
        "E-CRITERIA-NO-BANDS", vi: "cần ít nhất một mức xếp loại", en: "expected at least one classification band")
    case .groupsWithoutQuestions:
      return e(
        "E-CRITERIA-GROUP-EMPTY", vi: "nhóm điều tra cần ít nhất một câu hỏi",
        en: "a survey group needs at least one question")
    case .negativeAmount: return e("E-CRITERIA-NEGATIVE", vi: "không được là số âm", en: "must not be negative")
    case .placesOutOfRange:
      return e("E-CRITERIA-PLACES", vi: "số chữ số thập phân phải từ 0 đến 4", en: "expected 0 to 4 decimals")
    case .yearOutOfRange:
      return e("E-CRITERIA-YEAR", vi: "năm phải từ 2000 đến 2100", en: "expected a year from 2000 to 2100")

    // Command line
    case .unknownCommand(let name):
      return e("E-CLI-UNKNOWN-COMMAND", vi: "không có lệnh '\(name)'", en: "unknown command '\(name)'")
    case .unknownOption(let name):
      return e("E-CLI-UNKNOWN-OPTION", vi: "không có tùy chọn '\(name)'", en: "unknown option '\(name)'")
    case .optionNeedsValue(let name):
      return e("E-CLI-OPTION-VALUE", vi: "tùy chọn '\(name)' cần một giá trị", en: "option '\(name)' needs a value")
    case .optionGivenTwice(let name):
      return e("E-CLI-OPTION-TWICE", vi: "tùy chọn '\(name)' được ghi hai lần", en: "option '\(name)' is given twice")
    case .optionTakesNoValue(let name):
      return e(
        "E-CLI-OPTION-NO-VALUE", vi: "tùy chọn '\(name)' không nhận giá trị", en: "option '\(name)' takes no value")
    case .wrongArguments(let expected, let found):
      return e(
        "E-CLI-ARGUMENTS", vi: "cần \(expected), nhưng có \(found) tham số",
        en: "expected \(expected), found \(found) argument(s)")
    case .unknownFormat(let format, let allowed):
      return e(
        "E-CLI-FORMAT", vi: "không có định dạng '\(format)': cần \(list(allowed))",
        en: "unknown format '\(format)': expected \(list(allowed))")
    case .optionsGoTogether(let first, let second):
      return e(
        "E-CLI-TOGETHER", vi: "\(first) và \(second) phải dùng cùng nhau", en: "\(first) and \(second) go together")
    case .optionNeedsOption(let first, let second):
      return e("E-CLI-NEEDS", vi: "\(first) chỉ dùng với \(second)", en: "\(first) goes with \(second)")
    case .optionValue(let given, let expected):
      return e("E-CLI-VALUE", vi: "\(given): cần \(expected)", en: "\(given): expected \(expected)")
    case .unknownLanguage(let code):
      return e(
        "E-CLI-LANGUAGE", vi: "không có ngôn ngữ '\(code)': cần vi hoặc en",
        en: "unknown language '\(code)': expected vi or en")
    case .binaryToTerminal(let format):
      return e(
        "E-CLI-BINARY-TO-TERMINAL", vi: "định dạng \(format) là tệp nhị phân: hãy ghi ra tệp bằng -o TỆP.\(format)",
        en: "the \(format) format is a binary file: write it to a file with -o FILE.\(format)")
    case .outputExtension(let fileExtension, let written, let allowed):
      let choice =
        allowed.count > 1
        ? (vi: ", hoặc chọn --format trong \(list(allowed))", en: ", or choose --format from \(list(allowed))")
        : (vi: "", en: "")
      return e(
        "E-CLI-OUTPUT-EXTENSION",
        vi: "tên tệp có đuôi .\(fileExtension) nhưng nội dung ghi ra sẽ là \(written): hãy đổi đuôi tệp\(choice.vi)",
        en: "the file name ends in .\(fileExtension) but it would hold \(written): change the extension\(choice.en)")
    case .cannotWrite(let reason):
      return e("E-CANNOT-WRITE", vi: "không ghi được: \(reason)", en: "cannot write: \(reason)")
    case .outputIsInput(let input):
      return e(
        "E-OUTPUT-IS-INPUT", vi: "đây chính là tệp \(input) mà lệnh đọc: hãy ghi kết quả ra tệp khác",
        en: "this is the same file as \(input), which the command reads: write the output to another file")
    case .outputInInputFolder(let folder):
      return e(
        "E-OUTPUT-IN-INPUT-FOLDER",
        vi: "tệp này nằm trong thư mục \(folder) mà lệnh đọc: hãy ghi kết quả ra ngoài thư mục đó",
        en: "this is inside \(folder), a folder the command reads: write the output outside it")
    }
  }

  private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }

  private func earlier(_ row: EarlierRow, _ language: Language) -> String {
    switch row {
    case .line(let line): language.pick(vi: "dòng \(line)", en: "line \(line)")
    case .at(let place): place
    }
  }

  private func claim(_ claim: Claim, _ language: Language) -> String {
    switch claim {
    case .points(let points): language.pick(vi: "\(points) điểm", en: "\(points) points")
    case .notApplicable: language.pick(vi: "không phát sinh", en: "not applicable")
    }
  }

  private func outcomeName(_ outcome: DeadlineReading, _ language: Language) -> String {
    switch outcome {
    case .onTime: language.pick(vi: "đúng hạn", en: "on time")
    case .late: language.pick(vi: "trễ hạn", en: "late")
    case .tooLate: language.pick(vi: "trễ quá hạn cho phép", en: "too late")
    }
  }

  private func kind(_ kind: JSONKind, _ language: Language) -> String {
    switch kind {
    case .object: language.pick(vi: "một đối tượng {…}", en: "an object")
    case .list: language.pick(vi: "một danh sách […]", en: "a list")
    case .text: language.pick(vi: "một đoạn chữ trong ngoặc kép", en: "a text in double quotes")
    case .number: language.pick(vi: "một số", en: "a number")
    case .boolean: "true/false"
    case .null: "null"
    case .ruleObject: language.pick(vi: "một quy tắc", en: "a rule object")
    }
  }

  private func kindEntry(_ kind: FileKind) -> Entry {
    switch kind {
    case .xls:
      e(
        "E-FILE-XLS", vi: "đây là tệp Excel 97–2003 (.xls): hãy mở bằng Excel và lưu dưới dạng .xlsx (Excel Workbook)",
        en: "this is an Excel 97–2003 file (.xls): open it in Excel and save it as .xlsx (Excel Workbook)")
    case .xlsm:
      e(
        "E-FILE-XLSM", vi: "đây là bảng tính có macro (.xlsm): hãy lưu dưới dạng .xlsx (Excel Workbook, không macro)",
        en: "this is a macro-enabled workbook (.xlsm): save it as .xlsx (Excel Workbook, without macros)")
    case .xlsb:
      e(
        "E-FILE-XLSB", vi: "đây là bảng tính nhị phân (.xlsb): hãy lưu dưới dạng .xlsx",
        en: "this is a binary workbook (.xlsb): save it as .xlsx")
    case .ods:
      e(
        "E-FILE-ODS", vi: "đây là bảng tính OpenDocument (.ods): hãy lưu dưới dạng .xlsx (Excel 2007-365)",
        en: "this is an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel 2007-365)")
    case .encryptedWorkbook:
      e(
        "E-FILE-ENCRYPTED", vi: "bảng tính có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu và lưu lại",
        en: "the workbook is password-protected: open it in Excel, remove the password and save it again")
    }
  }

  private func numberEntry(_ problem: NumberSyntaxError) -> Entry {
    switch problem {
    case .empty: e("E-NUMBER-EMPTY", vi: "cần một số, nhưng ô trống", en: "expected a number, found nothing")
    case .signed:
      e(
        "E-NUMBER-SIGNED", vi: "cần một số không có dấu (giá trị không bao giờ âm)",
        en: "expected a number without a sign (values are never negative)")
    case .notANumber:
      e("E-NUMBER", vi: "cần một số như 12, 0.5 hoặc 0,5", en: "expected a number such as 12, 0.5 or 0,5")
    case .tooManyFractionDigits(let allowed):
      e(
        "E-NUMBER-DECIMALS", vi: "tối đa \(allowed) chữ số sau dấu thập phân",
        en: "expected at most \(allowed) digits after the decimal separator")
    case .tooLarge:
      e("E-NUMBER-TOO-LARGE", vi: "cần một số nhỏ hơn 1000000000", en: "expected a number below 1000000000")
    }
  }

  private func jsonEntry(_ problem: JSONSyntax, column: Int) -> Entry {
    let (vi, en): (String, String) =
      switch problem {
      case .trailingText: ("có chữ thừa sau khi hết tài liệu", "unexpected text after the end of the document")
      case .endOfFile: ("hết tệp bất ngờ, cần một giá trị", "unexpected end of file, expected a value")
      case .unexpectedCharacter: ("ký tự không mong đợi, cần một giá trị", "unexpected character, expected a value")
      case .tooDeep(let levels): ("lồng nhau sâu quá \(levels) cấp", "nesting deeper than \(levels) levels")
      case .expectedKey: ("cần một khóa trong ngoặc kép", "expected a key in double quotes")
      case .duplicateKey(let key): ("khóa \"\(key)\" bị lặp", "duplicate key \"\(key)\"")
      case .expectedColon: ("cần ':' sau khóa", "expected ':' after a key")
      case .expectedCommaOrBrace: ("cần ',' hoặc '}'", "expected ',' or '}'")
      case .expectedCommaOrBracket: ("cần ',' hoặc ']'", "expected ',' or ']'")
      case .notUTF8: ("chữ không phải UTF-8", "text is not valid UTF-8")
      case .invalidEscape: ("ký tự thoát không hợp lệ", "invalid escape in text")
      case .controlCharacter:
        (
          "ký tự điều khiển trong chữ (xuống dòng phải viết \\n)",
          "control character inside text (a line break must be written \\n)"
        )
      case .unclosedText: ("chữ thiếu dấu ngoặc kép đóng", "text without its closing double quote")
      case .unpairedSurrogate: ("surrogate lẻ trong \\u", "unpaired surrogate in \\u escape")
      case .incompleteEscape: ("\\u chưa đủ chữ số", "incomplete \\u escape")
      case .invalidHexDigit: ("chữ số hệ 16 không hợp lệ trong \\u", "invalid hex digit in \\u escape")
      case .leadingZero: ("số không hợp lệ (số 0 ở đầu)", "invalid number (leading zero)")
      case .invalidNumber: ("số không hợp lệ", "invalid number")
      case .digitsAfterPoint: ("số không hợp lệ (cần chữ số sau '.')", "invalid number (digits expected after '.')")
      case .invalidExponent: ("số không hợp lệ (số mũ)", "invalid number (exponent)")
      case .unexpectedWord: ("từ không mong đợi, cần một giá trị", "unexpected word, expected a value")
      }
    return e("E-JSON-SYNTAX", vi: "cột \(column): \(vi)", en: "column \(column): \(en)")
  }
}
