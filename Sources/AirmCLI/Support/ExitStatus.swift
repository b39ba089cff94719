import ArgumentParser

/// The exit codes of docs/cli.md, by name.
public enum ExitStatus {
    /// All assertions held.
    public static let passed: Int32 = 0
    /// An assertion failed.
    public static let failed: Int32 = 1
    /// Invalid experiment or usage.
    public static let invalid: Int32 = 2
    /// The run could not be carried out (provider misconfigured, I/O error).
    public static let runError: Int32 = 3
    /// Interrupted by SIGINT or SIGTERM.
    public static let interrupted: Int32 = 130

    /// Ends a command with `code`.
    static func exit(_ code: Int32) -> ExitCode { ExitCode(code) }
}
