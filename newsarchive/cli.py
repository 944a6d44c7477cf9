"""The ``newsarchive`` command line: a dispatcher over ``newsarchive.commands``.

User mistakes end in one line on stderr and exit 2, never a usage dump or a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from newsarchive import __version__, exitcodes
from newsarchive.commands.common import (
    EXIT_USAGE,
    STDOUT_NAME,
    CommandFailed,
    name_stdout_errors,
    silence_stdout,
)
from newsarchive.storage.failure import describe

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
    if sys.stdout is None:
        # Started with stdout closed (``>&-``): Python then has no sys.stdout, and what
        # print() would show goes nowhere; the commands' own writes go nowhere too.
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    name_stdout_errors()
    parser, modules = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, a usage error: what it printed goes out
        asked = done.code if isinstance(done.code, int) else exitcodes.USAGE
        return _flush_stdout("--help") or asked
    try:
        code: int = modules[args.command].run(args)
    except CommandFailed as exc:
        print(f"newsarchive {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (``| head``): it has what it wanted.
        silence_stdout()
        return exitcodes.OK
    except OSError as exc:
        # A directory without permission, a full disk: the system, not a bug to trace.
        print(f"newsarchive {args.command}: {describe(exc)}", file=sys.stderr)
        if exc.filename == STDOUT_NAME:
            silence_stdout()  # what is left in its buffer would fail, and be reported, again
        else:
            _flush_stdout(args.command)
        return exitcodes.IOERR
    return _flush_stdout(args.command) or code


def _flush_stdout(command: str) -> int:
    """Write out what the command printed, here rather than at exit, so that a full
    stdout is reported like any other I/O error and a closed pipe ends quietly; the
    exit code that failure asks for, or 0."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        silence_stdout()  # or the interpreter reports it a second time at exit
        print(f"newsarchive {command}: {describe(exc, STDOUT_NAME)}", file=sys.stderr)
        return exitcodes.IOERR
    return exitcodes.OK


if __name__ == "__main__":
    sys.exit(main())
