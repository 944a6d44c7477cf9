"""What every subcommand shares: the one-line usage error and argument types."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from newsarchive.exitcodes import FAILED as EXIT_FAILED
from newsarchive.exitcodes import OK as EXIT_OK
from newsarchive.exitcodes import USAGE as EXIT_USAGE

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "UsageError", "http_url"]


class UsageError(Exception):
    """A mistake in the command line or its inputs: reported in one line, exit 2."""


def http_url(value: str) -> str:
    """argparse type: an absolute http(s) URL."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value
