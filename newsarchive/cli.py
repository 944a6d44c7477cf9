"""The ``newsarchive`` command line: a dispatcher over ``newsarchive.commands``.

User mistakes end in one line on stderr and exit 2, never a usage dump or a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from newsarchive import __version__
from newsarchive.commands.common import EXIT_USAGE, CommandFailed

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = (
    "newsarchive.commands.crawl",
    "newsarchive.commands.parse",
    "newsarchive.commands.mirror",
    "newsarchive.commands.reparse",
    "newsarchive.commands.export",
    "newsarchive.commands.verify",
    "newsarchive.commands.status",
    "newsarchive.commands.reindex",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr (no usage dump) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = _Parser(prog="newsarchive", description="Archive the AiLab portal as JSON Lines.")
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(name)
        module.configure(sub.add_parser(module.NAME, help=module.HELP))
        modules[module.NAME] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = modules[args.command].run(args)
        return code
    except CommandFailed as exc:
        print(f"newsarchive {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
