"""The headless sub-commands of the command line, one module each; none imports Qt."""
