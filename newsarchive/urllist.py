"""URL list files: one URL a line, blank lines and ``#`` comments ignored."""

from __future__ import annotations

from pathlib import Path


def read_url_lines(path: Path) -> list[str]:
    """The URLs listed in ``path``, in order (undecodable bytes replaced, not fatal).

    A byte-order mark, which Windows editors write at the start of a UTF-8 file, is not
    part of the first URL: read into it, that URL went off-site and was lost."""
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]
