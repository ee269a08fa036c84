"""One module per `katalog` subcommand; each defines register(subparsers)."""
