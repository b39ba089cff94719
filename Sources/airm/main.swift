import AirmCLI
import Foundation

// A closed stdout (`airm run | head -1`) ends console output only; writes then fail with
// EPIPE, which `ConsoleStream` absorbs, instead of the signal ending the run.
signal(SIGPIPE, SIG_IGN)
let code = await AirmCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), world: .process)
exit(code)
