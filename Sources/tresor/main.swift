import TresorCLI

TresorCommand.main()
