"""The subcommands of `planet`, one module each, each with `register(subparsers)`."""
