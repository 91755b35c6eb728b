import HarnessCommands

// The executable is argument parsing and wiring only; both live in HarnessCommands, which tests import.
Harness.runFromCommandLine()
