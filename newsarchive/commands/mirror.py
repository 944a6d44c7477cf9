"""``newsarchive mirror``: serve the fixture portal on 127.0.0.1."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsarchive.commands.common import UsageError, port_number

NAME = "mirror"
HELP = "serve the fixture portal mirror on 127.0.0.1"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=port_number, default=8000, help="default: 8000; 0 picks a free port"
    )
    parser.add_argument("--root", help="site folder (default: the bundled fixtures/site)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument(
        "--faults", metavar="SPEC",
        help="inject faults: 'all' or a comma list of slow, unavailable, error, reset, "
        "truncate, charset, badbytes, bomb, huge, loop, offsite, trap, session, plus "
        "options times=N, slow_seconds=S, canary=URL (see newsarchive/faults.py)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from newsarchive.faults import FaultPlan, FaultSpec, FaultSpecError
    from newsarchive.mirror import default_site_root, serve

    root = Path(args.root) if args.root else default_site_root()
    if not root.is_dir():
        raise UsageError(f"site folder not found: {root}")
    try:
        plan = FaultPlan(FaultSpec.parse(args.faults)) if args.faults else None
    except FaultSpecError as exc:
        raise UsageError(str(exc)) from None
    try:
        return serve(root, args.port, verbose=args.verbose, faults=plan)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror}") from None
