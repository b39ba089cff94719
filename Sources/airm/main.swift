import AirmCLI

await AirmCommand.main()
