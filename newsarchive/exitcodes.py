"""Exit codes of ``newsarchive``: one table, used by the CLI, run records and the README.

Cron and monitoring act on these, so they are a contract like the record fields.
"""

from __future__ import annotations

OK = 0
#: Nothing fetched, interrupted, or errors above the threshold.
FAILED = 1
#: A mistake in the command line or its inputs.
USAGE = 2
#: Extraction health: the site's layout probably changed.
UNHEALTHY = 3
#: Reading or writing failed: a full disk, a directory without permission, stdout
#: that cannot take the output (``EX_IOERR`` from sysexits.h: the system, not the input).
IOERR = 74
#: Another crawl holds the archive (``EX_TEMPFAIL`` from sysexits.h: try again later).
LOCKED = 75
