"""Helpers shared by the WARC tests: read records back with warcio, run its CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

WARCIO = Path(sys.executable).parent / "warcio"


def records(path: Path) -> list[dict[str, Any]]:
    """Every record of a WARC file as a dict of its headers, HTTP head and raw payload."""
    out = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            http = record.http_headers
            out.append(
                {
                    "type": record.rec_type,
                    "warc": dict(record.rec_headers.headers),
                    "version": record.rec_headers.protocol,
                    "status": http.get_statuscode() if http else None,
                    "statusline": http.statusline if http else None,
                    "http": list(http.headers) if http else [],
                    "payload": record.raw_stream.read(),
                }
            )
    return out


def warcio_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WARCIO), *args], capture_output=True, text=True, timeout=120, check=False
    )


def member_offsets(data: bytes) -> list[int]:
    """Offsets just past each complete gzip member of ``data``."""
    from newsarchive.warc.recover import member_ends

    chunks = iter([data])
    return list(member_ends(lambda: next(chunks, b"")))
