"""Frames between the crawl and its extraction workers: a length, then a pickle.

Both ends are this package, started by the same interpreter, so pickle is safe here and
is the cheapest way to move a page's bytes and a record's dict. The length prefix lets
the asyncio side read whole frames with ``readexactly`` and the worker with plain
blocking reads.
"""

from __future__ import annotations

import asyncio
import pickle
import struct
from typing import Any, BinaryIO

_HEADER = struct.Struct(">I")
HEADER_SIZE = _HEADER.size


def frame(message: Any) -> bytes:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(payload)) + payload


def payload_size(header: bytes) -> int:
    return int(_HEADER.unpack(header)[0])


def load(payload: bytes) -> Any:
    return pickle.loads(payload)


def read_frame(stream: BinaryIO) -> Any | None:
    """The next message from a blocking stream; None at a clean end of stream."""
    header = stream.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        return None
    payload = stream.read(payload_size(header))
    return load(payload)


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message from an asyncio stream; ``IncompleteReadError`` at its end."""
    header = await reader.readexactly(HEADER_SIZE)
    return load(await reader.readexactly(payload_size(header)))
