import PARIndex

/// The command line's exit codes, after BSD `sysexits.h`.
public enum ExitCode: Int32, Sendable {
  case success = 0
  /// `validate` found problems.
  case problemsFound = 1
  /// A usage error: an unknown option, a missing argument, a unit or group that is not there.
  case usage = 64
  /// An input error stopped the command.
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
  /// Whether standard output is a terminal (binary formats are refused there).
  public var outputIsTerminal: Bool

  public init(
    out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, outputIsTerminal: Bool = false
  ) {
    (self.out, self.err, self.outputIsTerminal) = (out, err, outputIsTerminal)
  }
}

/// Why a command stopped early: a usage error (exit 64, with the usage line) or another exit
/// code whose messages are already printed.
enum CommandError: Error {
  case usage(Message)
  case exit(ExitCode)
}
