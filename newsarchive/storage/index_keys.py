"""Key digests, and the Bloom filter over them: how the index answers from memory.

Every URL, content hash and id the index holds is known by a signed 64-bit digest
(``key_digest``): the tail's keys in memory, the key tables on disk and the filter hold
digests, not text (a row a digest leads to is checked against the text). The filter
answers "surely not there" for a new article's keys without touching SQLite.

The two are one module because they are one format: ``FILTER_FORMAT`` names the digest
as well as the filter's shape, and a stored filter of another format is rebuilt, so a
change to either is a change to it. Neither needs ``ArchiveIndex``'s state: a digest
is a pure function, and the filter reads and writes only its own two tables.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator
from hashlib import blake2b
from itertools import islice

# Key kinds: a URL (of an article or an alias), a content hash, an article id; in the
# order of ``index_schema.KEY_TABLES``.
KIND_URL, KIND_HASH, KIND_ID = 0, 1, 2
_KIND_PREFIX = (b"u", b"h", b"i")
_MIX = 0x9E3779B97F4A7C15  # odd: multiplying by it mod 2**64 is a bijection
_KIND_SALT = (0, 0x5BD1E9955BD1E995, 0x2545F4914F6CDD1D)


def key_digest(kind: int, text: str) -> int:
    """The signed 64-bit key of ``text`` as a URL, hash or id (SQLite's INTEGER range).

    A hash or id whose last 16 characters read as hex (sha256 digits, as they all are
    here) is its own digest: those 64 bits, mixed by a multiplication so that even
    sequential values spread over the filter, at half the cost of blake2b. Anything
    else, and every URL, goes through blake2b.
    """
    if kind != KIND_URL:
        try:
            value = int(text[-16:], 16)
        except ValueError:
            pass
        else:
            value = ((value ^ _KIND_SALT[kind]) * _MIX) & 0xFFFFFFFFFFFFFFFF
            return value - ((value >> 63) << 64)
    return _digest64(_KIND_PREFIX[kind] + text.encode("utf-8", "surrogatepass"))


def title_key(title: object) -> int | None:
    """A signed 64-bit digest of an article's title, which the index keeps so that a
    re-fetch whose title alone changed is known for a new revision without reading the
    stored line; None for a missing or empty title."""
    if not isinstance(title, str) or not title:
        return None
    return _digest64(b"title:" + title.encode("utf-8", "surrogatepass"))


def _digest64(data: bytes) -> int:
    """blake2b of ``data`` as a signed 64-bit integer (SQLite's INTEGER range)."""
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


# The filter: blocked Bloom, each key sets (up to) 4 bits of one 64-bit word, so a
# lookup reads one word; at 12 bits a key that gives about 1.1% false positives (6 bits
# would give 1.0% for a third more work per key). Changing any of this changes
# FILTER_FORMAT, and stored filters of another format are rebuilt.
FILTER_FORMAT = "blake2b8s-hex64-word64-k4-b12"
_BITS_PER_KEY = 12
FILTER_MIN_KEYS = 1 << 16
_LOG_SHARE = 16
"""The filter log (8 bytes a key) may reach 1/_LOG_SHARE of the newest filter's size."""
MASK_PAIRS = tuple((1 << (i & 63)) | (1 << (i >> 6)) for i in range(4096))
assert array("Q").itemsize == 8


def _bit_mask(k: int) -> int:
    pairs = MASK_PAIRS
    return pairs[(k >> 40) & 4095] | pairs[(k >> 52) & 4095]


def _pack(values: list[int] | array[int], typecode: str) -> bytes:
    """64-bit values, little-endian whatever the machine, as filters are stored."""
    if sys.byteorder == "little":
        return values.tobytes() if isinstance(values, array) else array(typecode, values).tobytes()
    packed = array(typecode, values)
    packed.byteswap()
    return packed.tobytes()


def _unpack(data: bytes, typecode: str) -> array[int]:
    keys = array(typecode)
    keys.frombytes(data)
    if sys.byteorder == "big":
        keys.byteswap()
    return keys


class Filter:
    """One blocked Bloom filter for up to ``capacity`` keys."""

    __slots__ = ("capacity", "dirty", "keys", "size", "words")

    def __init__(self, capacity: int, keys: int = 0, bits: bytes | None = None) -> None:
        self.capacity = capacity
        self.keys = keys
        # An odd number of words, so that ``k % size`` depends on every bit of k.
        self.size = max(1, capacity * _BITS_PER_KEY // 64) | 1
        if bits is None:
            self.words = array("Q", bytes(8 * self.size))
        else:
            self.words = _unpack(bits, "Q")
            if len(self.words) != self.size:
                raise ValueError("filter size does not match its capacity")
        self.dirty = bits is None
        """The stored copy (``filters``) lacks some of these bits."""


class Filters:
    """A growing series of filters: when the newest is full, a larger one is started.

    The full ones never change again, and nothing is rebuilt as the archive grows.
    Keys added to the newest since it was last stored whole go to ``filter_log`` (8
    bytes a key instead of the whole array per merge), up to ``1/_LOG_SHARE`` of its
    size: small merges (a short crawl's close) write little, and replaying the log on
    open stays short.
    """

    __slots__ = ("fresh", "logged", "parts", "reshaped")

    def __init__(self, parts: list[Filter]) -> None:
        self.parts = parts
        self.fresh: list[int] = []
        """Keys added since the last store."""
        self.logged = 0
        """Keys in ``filter_log``."""
        self.reshaped = not parts
        """A part was started since the last store: it must be stored whole."""

    def may_contain(self, k: int) -> bool:
        mask = _bit_mask(k)
        for part in self.parts:  # noqa: SIM110 - a loop is cheaper than any() and a generator
            if part.words[k % part.size] & mask == mask:
                return True
        return False

    def add_all(self, keys: Iterable[int], *, log: bool = True) -> None:
        """Add keys; with ``log``, remember them for the next ``store``'s log entry."""
        pairs = MASK_PAIRS
        for chunk in _chunks(keys, 1 << 16):
            if log:
                self.fresh.extend(chunk)
            pos = 0
            while pos < len(chunk):
                part = self._open_part()
                take = min(part.capacity - part.keys, len(chunk) - pos)
                words, size = part.words, part.size
                for k in islice(chunk, pos, pos + take):
                    words[k % size] |= pairs[(k >> 40) & 4095] | pairs[(k >> 52) & 4095]
                part.keys += take
                pos += take

    def replay(self, keys: array[int]) -> None:
        """Apply logged keys to the newest part, as they were added to it."""
        part = self.parts[-1]
        words, size, pairs = part.words, part.size, MASK_PAIRS
        for k in keys:
            words[k % size] |= pairs[(k >> 40) & 4095] | pairs[(k >> 52) & 4095]
        part.keys += len(keys)
        part.dirty = True
        self.logged += len(keys)

    def _open_part(self) -> Filter:
        if self.parts and self.parts[-1].keys < self.parts[-1].capacity:
            part = self.parts[-1]
        else:
            total = sum(p.capacity for p in self.parts)
            part = Filter(max(FILTER_MIN_KEYS, total))
            self.parts.append(part)
            self.reshaped = True
        part.dirty = True
        return part

    def store(self, db: sqlite3.Connection) -> None:
        """Make the stored filter equal this one: log the fresh keys, or write it whole."""
        newest = self.parts[-1] if self.parts else None
        logged = self.logged + len(self.fresh)
        if self.reshaped or newest is None or logged * _LOG_SHARE > newest.size:
            for n, part in enumerate(self.parts):
                if part.dirty:
                    db.execute(
                        "INSERT INTO filters (n, capacity, keys, bits) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT(n) DO UPDATE SET capacity = excluded.capacity,"
                        " keys = excluded.keys, bits = excluded.bits",
                        (n, part.capacity, part.keys, _pack(part.words, "Q")),
                    )
                    part.dirty = False
            db.execute("DELETE FROM filter_log")
            self.logged = 0
            self.reshaped = False
        elif self.fresh:
            db.execute("INSERT INTO filter_log (keys) VALUES (?)", (_pack(self.fresh, "q"),))
            self.logged += len(self.fresh)
        self.fresh = []

    @classmethod
    def load(cls, db: sqlite3.Connection) -> Filters | None:
        """The filter ``store`` left, its log replayed; None if there is none (or a
        part's size does not match its capacity)."""
        try:
            parts = [
                Filter(int(c), int(k), bytes(b))
                for c, k, b in db.execute("SELECT capacity, keys, bits FROM filters ORDER BY n")
            ]
        except ValueError:
            parts = []
        if not parts:
            return None
        filters = cls(parts)
        filters.reshaped = False
        for (keys,) in db.execute("SELECT keys FROM filter_log ORDER BY n"):
            filters.replay(_unpack(bytes(keys), "q"))
        return filters


def _chunks(items: Iterable[int], size: int) -> Iterator[list[int]]:
    if isinstance(items, list) and len(items) <= size:
        yield items
        return
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
