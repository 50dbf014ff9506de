// parindex-bench: times each phase of a yearly run on generated (or real) year folders.
//
//   swift run -c release parindex-bench DIR... [--json FILE] [--survey-only | --assessment-only FILE]
//
// `--assessment-only FILE` reads units.csv and FILE (`assessment.csv`, or `xlsx/assessment.xlsx`
// from Benchmarks/make_xlsx.py) as the self-assessment, and nothing else: the workbook reader's
// time and memory against the CSV reader's on the same rows, one process each.
//
// Each DIR holds criteria.json and the year's CSV files (Benchmarks/generate.py writes them).
// Phases run one after another so each can be timed alone (the CLI reads files concurrently,
// so its end-to-end time is lower than the sum here); the survey and the scoring use all
// cores inside their phase. Each phase has its wall time and its CPU time (user + system, all
// threads); "MB/s per core" is the file's size over the CPU time, the rate one core reads at.
// Peak memory is the process's maximum resident set size so far.

import Foundation
import PARIndex

struct Phase {
  var name: String
  var seconds: Double
  var cpuSeconds: Double
  var bytes: Int?
}

/// User + system time of the whole process so far, in seconds.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func measure<T>(_ phases: inout [Phase], _ name: String, bytes: Int? = nil, _ body: () throws -> T) rethrows -> T {
  let clock = ContinuousClock()
  var result: T?
  let cpuBefore = cpuSeconds()
  let elapsed = try clock.measure { result = try body() }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  phases.append(Phase(name: name, seconds: seconds, cpuSeconds: cpuSeconds() - cpuBefore, bytes: bytes))
  return result!
}

func peakResidentMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

func fileSize(_ path: String) -> Int? {
  (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
}

func run(
  _ folder: String, assessmentOnly: String?
) throws -> (phases: [Phase], units: Int, surveyRows: Int, peak: Double) {
  var phases: [Phase] = []
  let path = { (name: String) in folder + "/" + name }
  let criteria = try measure(&phases, "read criteria", bytes: fileSize(path("criteria.json"))) {
    try Assessment.loadCriteria(at: path("criteria.json"))
  }
  let units = try measure(&phases, "read units.csv", bytes: fileSize(path("units.csv"))) {
    try YearLoader.readUnits(at: path("units.csv"), criteria: criteria)
  }
  var data = YearData(units: units, selfAssessment: [:])
  // Each file below is read against the set, as the loader reads a folder.
  data.checkedAgainst = criteria.fingerprint
  if let assessmentOnly {
    let rows = try measure(&phases, "read " + assessmentOnly, bytes: fileSize(path(assessmentOnly))) {
      try YearLoader.readEntries(at: path(assessmentOnly), criteria: criteria, units: units, appraisal: false)
    }
    return (phases, units.count, rows.values.reduce(0) { $0 + $1.count }, peakResidentMiB())
  }
  if surveyOnly {
    let survey = try measure(&phases, "aggregate survey.csv", bytes: fileSize(path("survey.csv"))) {
      try YearLoader.readSurvey(at: path("survey.csv"), criteria: criteria, units: units)
    }
    let answers = survey.tallies.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.answers } }
    return (phases, units.count, answers, peakResidentMiB())
  }
  data.selfAssessment = try measure(&phases, "read assessment.csv", bytes: fileSize(path("assessment.csv"))) {
    try YearLoader.readEntries(at: path("assessment.csv"), criteria: criteria, units: units, appraisal: false)
  }
  if let size = fileSize(path("appraisal.csv")) {
    data.appraisal = try measure(&phases, "read appraisal.csv", bytes: size) {
      try YearLoader.readEntries(at: path("appraisal.csv"), criteria: criteria, units: units, appraisal: true)
    }
  }
  if let size = fileSize(path("evidence.csv")) {
    data.evidence = try measure(&phases, "read evidence.csv", bytes: size) {
      try YearLoader.readEvidence(at: path("evidence.csv"), criteria: criteria, units: units)
    }
  }
  if let size = fileSize(path("survey.csv")) {
    data.survey = try measure(&phases, "aggregate survey.csv", bytes: size) {
      try YearLoader.readSurvey(at: path("survey.csv"), criteria: criteria, units: units)
    }
  }
  if let size = fileSize(path("adjustments.csv")) {
    data.adjustments = try measure(&phases, "read adjustments.csv", bytes: size) {
      try YearLoader.readAdjustments(at: path("adjustments.csv"), criteria: criteria, units: units)
    }
  }
  // The general CSV reader alone, on every file: records split into fields, nothing built.
  let names = ["units.csv", "assessment.csv", "appraisal.csv", "evidence.csv", "survey.csv", "adjustments.csv"]
  let contents = names.compactMap { name in FileManager.default.contents(atPath: path(name)).map { (name, [UInt8]($0)) }
  }
  var fields = 0
  try measure(&phases, "CSV reader alone (all files)", bytes: contents.reduce(0) { $0 + $1.1.count }) {
    for (name, bytes) in contents {
      try CSVReader(file: name, bytes: bytes).forEachRecord { record in fields += record.count }
    }
  }
  precondition(fields > 0)
  let scores = try measure(&phases, "score") { try Scorer(criteria: criteria).score(data) }
  let groups = measure(&phases, "rank") { Ranking.rank(scores) }
  let results = YearResults(criteria: criteria, groups: groups)
  let output = NSTemporaryDirectory() + "parindex-bench-\(getpid()).csv"
  try measure(&phases, "write ranking CSV") { try OutputFile.write(RankingCSV.render(results), to: output) }
  try? FileManager.default.removeItem(atPath: output)
  let answers = data.survey.tallies.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.answers } }
  return (phases, units.count, answers, peakResidentMiB())
}

var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
// `--survey-only`: time units.csv and survey.csv alone (for profiling the aggregator).
let surveyOnly = arguments.contains("--survey-only")
arguments.removeAll { $0 == "--survey-only" }
// `--assessment-only FILE`: units.csv and FILE as the self-assessment, nothing else.
var assessmentOnly: String?
if let flag = arguments.firstIndex(of: "--assessment-only"), flag + 1 < arguments.count {
  assessmentOnly = arguments[flag + 1]
  arguments.removeSubrange(flag...(flag + 1))
}
if let flag = arguments.firstIndex(of: "--json"), flag + 1 < arguments.count {
  jsonPath = arguments[flag + 1]
  arguments.removeSubrange(flag...(flag + 1))
}
guard !arguments.isEmpty else {
  print("usage: parindex-bench DIR... [--json FILE] [--survey-only]   (DIR from Benchmarks/generate.py)")
  exit(64)
}

var report: [[String: Any]] = []
for folder in arguments {
  do {
    let (phases, units, answers, peak) = try run(folder, assessmentOnly: assessmentOnly)
    let total = phases.reduce(0) { $0 + $1.seconds }
    print(
      "\n\(folder): \(units) units, \(answers) \(assessmentOnly == nil ? "survey answers" : "rows"), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    )
    let pad = { (text: String) in text + String(repeating: " ", count: max(0, 28 - text.count)) }
    print(pad("phase") + " seconds  CPU s      MB/s  MB/s per core")
    func rate(_ bytes: Int?, _ seconds: Double, _ width: Int) -> String {
      guard let bytes, seconds > 0.0005 else { return String(repeating: " ", count: width) }
      return String(format: "%\(width).0f", Double(bytes) / 1e6 / seconds)
    }
    for phase in phases {
      print(
        pad(phase.name) + String(format: "%8.3f %6.2f", phase.seconds, phase.cpuSeconds) + "  "
          + rate(phase.bytes, phase.seconds, 8)
          + "  " + rate(phase.bytes, phase.cpuSeconds, 13))
    }
    print(
      pad("total (phases in sequence)") + String(format: "%8.3f %6.2f", total, phases.reduce(0) { $0 + $1.cpuSeconds }))
    print(pad("peak resident memory") + String(format: "%8.1f MiB", peak))
    report.append([
      "folder": folder, "units": units, "survey_answers": answers, "total_seconds": total, "peak_rss_mib": peak,
      "phases": phases.map {
        ["name": $0.name, "seconds": $0.seconds, "cpu_seconds": $0.cpuSeconds, "bytes": $0.bytes ?? 0]
      },
    ])
  } catch {
    print("\(folder): \(error)")
    exit(65)
  }
}
if let jsonPath {
  let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
  try data.write(to: URL(fileURLWithPath: jsonPath))
}
