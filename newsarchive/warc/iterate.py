"""warcio's record iterator, made to raise at a damaged gzip member.

warcio's reader, meeting a gzip member it cannot decompress part way through, writes
zlib's message to stderr and hands back nothing for that block, then does the same for
every block after it: on a damaged member in a 1 GiB file, a line on stderr each 16 KiB
to the end of the file, all of which is read for nothing. Its own docstring says the
error is raised in that case, and here it is (``DamagedMember``): the readers take it as
damage, as any other, and look for the next whole record themselves.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader


class DamagedMember(Exception):
    """A gzip member that stops decompressing part way through."""


class _StrictReader(DecompressingBufferedReader):  # type: ignore[misc]
    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor and data and self.num_block_read:
            try:
                return bytes(self.decompressor.decompress(data))
            except Exception as exc:
                raise DamagedMember(f"gzip member damaged: {exc}") from exc
        return bytes(super()._decompress(data))


def archive_iterator(
    handle: BinaryIO, kind: type[ArchiveIterator] = ArchiveIterator, **options: Any
) -> ArchiveIterator:
    """``kind(handle, **options)`` (``ArchiveIterator``, or ``WARCIterator`` for WARC
    records only) reading through ``_StrictReader``."""
    iterator = kind(handle, **options)
    iterator.reader = _StrictReader(handle, block_size=iterator.reader.block_size)
    return iterator
