/// The command line's exit codes (FORMATS §4), after BSD `sysexits.h`.
public enum ExitCode: Int32, Sendable {
  case success = 0
  /// `validate` found problems.
  case problemsFound = 1
  case usage = 64
  /// An input error stopped `rank`, `score`, `explain` or `report`.
  case dataError = 65
  /// An input file or folder does not exist.
  case noInput = 66
  /// The output cannot be written.
  case cannotCreate = 74
}

/// Where a command's output and messages go; tests pass closures that collect them.
public struct Console: Sendable {
  public var out: @Sendable (String) -> Void
  public var err: @Sendable (String) -> Void

  public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
    (self.out, self.err) = (out, err)
  }
}

/// Why a command stopped early: a usage error (exit 64, with the usage line) or another exit
/// code whose messages are already printed.
enum CommandError: Error {
  case usage(String)
  case exit(ExitCode)
}
