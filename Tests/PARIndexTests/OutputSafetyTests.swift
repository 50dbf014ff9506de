import Foundation
import PARIndexCLI
import Synchronization
import Testing

@testable import PARIndex

/// `-o` never touches an input, writes devices and pipes as they are, follows links to their
/// target, cleans up after killed runs; inputs that are not regular files never hang a run.
struct OutputSafetyTests {
  static let binary = Repository.path(".build/debug/parindex")

  /// A year the mini set ranks, with a copy of the set beside it (a test that failed must not
  /// overwrite the repository's fixture), and a folder for outputs.
  struct Setup {
    let year: TemporaryYear
    let outputs: TemporaryYear
    let criteria: String

    init() throws {
      year = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
      outputs = try TemporaryYear([:])
      criteria = outputs.path + "/criteria.json"
      try FileManager.default.copyItem(atPath: Repository.fixtures + "/mini-2025.json", toPath: criteria)
    }

    /// Every input's bytes, to compare before and after.
    var inputs: [String: Data] {
      var files = [criteria: FileManager.default.contents(atPath: criteria) ?? Data()]
      for name in (try? FileManager.default.subpathsOfDirectory(atPath: year.path)) ?? []
      where SystemCalls.status(year.path + "/" + name)?.type == .regular {
        files[name] = FileManager.default.contents(atPath: year.path + "/" + name)
      }
      return files
    }

    /// `rank --format csv` of the year with `extra` arguments.
    func rank(_ extra: [String], environment: [String: String] = [:]) -> (code: ExitCode, out: String, err: String) {
      let capture = Capture()
      let code = CommandLineTool.run(
        ["rank", criteria, year.path, "--format", "csv"] + extra, console: capture.console,
        environment: environment.merging(["PARINDEX_LANG": "en"]) { a, _ in a })
      return (code, capture.out, capture.err)
    }

    /// The ranking, as printed on standard output.
    var ranking: String { rank([]).out }
  }

  /// Runs `rank … -o output` and expects exit 64 with exactly `line`, and no input changed.
  func expectRefused(_ setup: Setup, output: String, line: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let before = setup.inputs
    let result = setup.rank(["-o", output])
    #expect(result.code == .usage, sourceLocation: sourceLocation)
    #expect(result.err == line + "\n", sourceLocation: sourceLocation)
    #expect(result.out.isEmpty, sourceLocation: sourceLocation)
    #expect(setup.inputs == before, "an input changed", sourceLocation: sourceLocation)
  }

  func sameFile(_ output: String, _ input: String) -> String {
    "\(output): this is the same file as \(input), which the command reads: write the output to another file"
  }

  @Test func anOutputThatIsAnInputFileIsRefused() throws {
    let setup = try Setup()
    expectRefused(setup, output: setup.criteria, line: sameFile(setup.criteria, setup.criteria))
    let assessment = setup.year.path + "/assessment.csv"
    expectRefused(setup, output: assessment, line: sameFile(assessment, assessment))
  }

  @Test func anOutputReachingAnInputThroughDotDotIsRefused() throws {
    let setup = try Setup()
    let name = (setup.criteria as NSString).lastPathComponent
    let folder = (setup.outputs.path as NSString).lastPathComponent
    let output = setup.year.path + "/../" + folder + "/" + name
    expectRefused(setup, output: output, line: sameFile(output, setup.criteria))
  }

  @Test func aHardLinkToAnInputIsRefused() throws {
    let setup = try Setup()
    let link = setup.outputs.path + "/ranking.csv"
    try FileManager.default.linkItem(atPath: setup.year.path + "/assessment.csv", toPath: link)
    expectRefused(setup, output: link, line: sameFile(link, setup.year.path + "/assessment.csv"))
  }

  @Test func aSymbolicLinkToAnInputIsRefused() throws {
    let setup = try Setup()
    let link = setup.outputs.path + "/ranking.csv"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: setup.criteria)
    expectRefused(setup, output: link, line: sameFile(link, setup.criteria))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == setup.criteria)
  }

  @Test func aNewFileInsideTheDataFolderIsRefused() throws {
    let setup = try Setup()
    let output = setup.year.path + "/ranking.csv"
    expectRefused(
      setup, output: output,
      line: "\(output): this is inside \(setup.year.path), a folder the command reads: write the output outside it")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func aFileInsideAPerUnitFolderReachedByALinkIsRefused() throws {
    // `assessment/` is a link to a folder elsewhere: a new file there is inside an input folder.
    let setup = try Setup()
    let elsewhere = try TemporaryYear(["A.csv": ScoringTests.year["assessment.csv"]!])
    try FileManager.default.removeItem(atPath: setup.year.path + "/assessment.csv")
    let folder = setup.year.path + "/assessment"
    try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: elsewhere.path)
    let output = elsewhere.path + "/ranking.csv"
    expectRefused(
      setup, output: output,
      line: "\(output): this is inside \(folder), a folder the command reads: write the output outside it")
  }

  @Test func theFoldersOfCompareAndThePreviousYearOfReportAreInputs() throws {
    let setup = try Setup()
    let last = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
    let output = last.path + "/out.html"
    let refusal = "\(output): this is inside \(last.path), a folder the command reads: write the output outside it\n"
    let compare = Capture.run(["compare", setup.criteria, last.path, setup.criteria, setup.year.path, "-o", output])
    #expect(compare.code == .usage && compare.err == refusal)
    let report = Capture.run([
      "report", setup.criteria, setup.year.path, "--previous-criteria", setup.criteria, "--previous-data", last.path,
      "-o", output,
    ])
    #expect(report.code == .usage && report.err == refusal)
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func devNullIsWrittenAsItIs() throws {
    let setup = try Setup()
    let result = setup.rank(["-o", "/dev/null"])
    #expect(result.code == .success && Mini.unexpected(result.err).isEmpty && result.out.isEmpty)
    #expect(SystemCalls.status("/dev/null", followingLinks: false)?.type == .characterDevice)
  }

  @Test func aFIFOWithAReaderGetsTheWholeOutput() throws {
    let setup = try Setup()
    let fifo = setup.outputs.path + "/ranking.pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = Capture()
    let reader = Thread {
      let handle = FileHandle(forReadingAtPath: fifo)!
      received.console.out(String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
      try? handle.close()
    }
    reader.start()
    let result = setup.rank(["-o", fifo])
    #expect(result.code == .success && Mini.unexpected(result.err).isEmpty)
    for _ in 0..<500 where !reader.isFinished { usleep(10_000) }
    #expect(received.out == setup.ranking && !received.out.isEmpty)
    #expect(SystemCalls.status(fifo)?.type == .pipe)
    let left = try FileManager.default.contentsOfDirectory(atPath: setup.outputs.path).sorted()
    #expect(left == ["criteria.json", "ranking.pipe"])
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "this system has no /dev/full"))
  func aFullDeviceIsAWriteError() throws {
    let setup = try Setup()
    let result = setup.rank(["-o", "/dev/full"])
    #expect(result.code == .cannotCreate)
    #expect(Mini.unexpected(result.err) == "/dev/full: cannot write: No space left on device")
  }

  @Test func aLinkToAFileElsewhereReplacesTheTargetAndStaysALink() throws {
    let setup = try Setup()
    let elsewhere = try TemporaryYear(["ranking.csv": "last year's ranking\n"])
    let target = elsewhere.path + "/ranking.csv"
    let link = setup.outputs.path + "/latest.csv"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let result = setup.rank(["-o", link])
    #expect(result.code == .success && Mini.unexpected(result.err).isEmpty)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == setup.ranking)
    #expect(SystemCalls.status(link, followingLinks: false)?.type == .symbolicLink)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["ranking.csv"])  // no temporary
  }

  @Test func aKilledRunsTemporaryIsRemovedAndNothingElse() throws {
    let setup = try Setup()
    let folder = setup.outputs.path
    let kept = [
      ".out.csv.notes",  // not a temporary
      ".out.csv.1.partial",  // process 1 is alive, and started before the file was written
      ".other.csv.99999999.partial",  // another output's
      ".out.csv.x99.partial", ".out.csv.099999999.partial",  // not a process id
    ]
    for name in kept + [".out.csv.99999999.partial"] {
      try Data("partial".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    #expect(!SystemCalls.processIsAlive(99_999_999))
    // This process's id, on a file written before it started: a run that had the id before.
    let reused = folder + "/.out.csv.\(SystemCalls.processID).partial"
    try Data("partial".utf8).write(to: URL(fileURLWithPath: reused))
    let longAgo = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: reused)
    let start = try #require(SystemCalls.processStart(SystemCalls.processID), "process start times are known on Linux")
    #expect(start > 1_000_000 && start <= Date().timeIntervalSince1970)
    let result = setup.rank(["-o", folder + "/out.csv"])
    #expect(result.code == .success && Mini.unexpected(result.err).isEmpty)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(left == (kept + ["criteria.json", "out.csv"]).sorted())
  }

  @Test func anInputFIFONobodyWritesToTimesOut() throws {
    let setup = try Setup()
    let assessment = setup.year.path + "/assessment.csv"
    let before = setup.inputs
    try FileManager.default.removeItem(atPath: assessment)
    #expect(mkfifo(assessment, 0o600) == 0)
    let started = ContinuousClock.now
    let result = setup.rank(["-o", setup.outputs.path + "/out.csv"], environment: ["PARINDEX_PIPE_TIMEOUT": "1"])
    let took = ContinuousClock.now - started
    #expect(result.code == .dataError)
    #expect(result.err == "\(assessment): nothing was written to the pipe within 1 seconds\n")
    #expect(took >= .seconds(1) && took < .seconds(5), "took \(took)")
    #expect(!FileManager.default.fileExists(atPath: setup.outputs.path + "/out.csv"))
    #expect(setup.inputs.filter { $0.key != "assessment.csv" } == before.filter { $0.key != "assessment.csv" })
  }

  @Test func aNamedPipeGivenAsAnInputIsRead() throws {
    // As `<(…)` in a shell: the writer comes after the reader has opened the pipe.
    let setup = try Setup()
    let fifo = setup.outputs.path + "/criteria.pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    let criteria = try Data(contentsOf: URL(fileURLWithPath: setup.criteria))
    let writer = Thread {
      usleep(200_000)
      let handle = FileHandle(forWritingAtPath: fifo)!
      handle.write(criteria)
      try? handle.close()
    }
    writer.start()
    let result = Capture.run(["rank", fifo, setup.year.path, "--format", "csv"])
    #expect(result.code == .success && result.out == setup.ranking)
  }

  @Test func aSurveyFromANamedPipeIsReadOnceToItsEnd() throws {
    // The survey is planned before the other files are read: a pipe must not be opened (and
    // closed) to look at it, or its writer gets SIGPIPE and the survey is lost.
    let setup = try Setup()
    let expected = setup.ranking
    let survey = setup.year.path + "/survey.csv"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: survey))
    try FileManager.default.removeItem(atPath: survey)
    #expect(mkfifo(survey, 0o600) == 0)
    // A lost reader must fail this test, not kill the test run with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let written = Mutex(false)
    let writer = Thread {
      let handle = FileHandle(forWritingAtPath: survey)!
      written.withLock { $0 = (try? handle.write(contentsOf: bytes)) != nil }
      try? handle.close()
    }
    writer.start()
    let result = setup.rank([])
    #expect(result.code == .success && result.out == expected, "\(result.err)")
    while writer.isExecuting { usleep(10_000) }
    #expect(written.withLock { $0 })
  }

  @Test func aDeviceGivenAsAnInputIsRefused() throws {
    let setup = try Setup()
    let result = Capture.run(["rank", "/dev/zero", setup.year.path])
    #expect(result.code == .dataError)
    let line = "/dev/zero: this is not a regular file (a pipe or a device); name a file, or use - for standard input"
    #expect(result.err == line + "\n")
  }

  @Test func standardInputAsDashOrDevStdin() throws {
    // `-` reads standard input whatever it is; `/dev/stdin` is read as what it names: a pipe or
    // a redirected file, but not a terminal or /dev/null (devices).
    try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build parindex first (swift build)")
    let setup = try Setup()
    let criteria = try Data(contentsOf: URL(fileURLWithPath: setup.criteria))
    func validate(_ path: String, input: Any) throws -> (Int32, String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.binary)
      process.arguments = ["validate", path, "--lang", "en"]
      process.standardInput = input
      let errors = Pipe()
      process.standardOutput = FileHandle.nullDevice
      process.standardError = errors
      try process.run()
      if let pipe = input as? Pipe {
        pipe.fileHandleForWriting.write(criteria)
        try pipe.fileHandleForWriting.close()
      }
      let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, text)
    }
    #expect(try validate("-", input: Pipe()).0 == 0)
    #expect(try validate("/dev/stdin", input: Pipe()).0 == 0)
    #expect(try validate("/dev/stdin", input: FileHandle(forReadingAtPath: setup.criteria)!).0 == 0)
    let device = try validate("/dev/stdin", input: FileHandle.nullDevice)
    #expect(device.0 == 1 && device.1.hasPrefix("/dev/stdin: this is not a regular file"))
  }

  @Test func twoRunsWritingTheSameOutputLeaveOneWholeOutput() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build parindex first (swift build)")
    let outputs = try TemporaryYear([:])
    let output = outputs.path + "/report.html"
    let arguments = [
      "report", Repository.path("criteria/commune-2025.json"), Repository.path("Examples/2025/communes"),
      "--scorecards", "full",
    ]
    func start(_ path: String) throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.binary)
      process.arguments = arguments + ["-o", path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    let single = try start(outputs.path + "/single.html")
    single.waitUntilExit()
    let whole = try Data(contentsOf: URL(fileURLWithPath: outputs.path + "/single.html"))
    #expect(single.terminationStatus == 0 && whole.count > 500_000)
    for _ in 0..<3 {
      let runs = try [start(output), start(output)]
      for run in runs { run.waitUntilExit() }
      #expect(runs.allSatisfy { $0.terminationStatus == 0 })
      #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == whole)
      let left = try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted()
      #expect(left == ["report.html", "single.html"])
    }
  }

  @Test func twoWritesOfOneFileInOneProcessLeaveOneWholeFile() throws {
    // The same process id, so the same temporary name: the second waits for the first.
    let folder = try TemporaryYear([:])
    let path = folder.path + "/out.txt"
    let texts = (0..<8).map { String(repeating: "\($0)", count: 1 << 20) }
    DispatchQueue.concurrentPerform(iterations: texts.count) { index in try? OutputFile.write(texts[index], to: path) }
    #expect(texts.contains(try String(contentsOfFile: path, encoding: .utf8)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
  }
}
