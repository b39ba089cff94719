import AirmCLI
import Foundation

AirmCommand.prepareProcess()
let code = await AirmCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), world: .process)
exit(code)
