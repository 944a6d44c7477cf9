"""The address of an image that gives its URL only in a ``srcset``.

Responsive themes write ``<img sizes=… srcset="a-480.jpg 480w, a-960.jpg 960w">`` with no
``src``, or put every address in the ``<source>`` elements of a ``<picture>``. The
archive keeps one address per image: the largest candidate, the picture as its author
published it, not the thumbnail a phone would load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsarchive.dom import Element

ADDRESS_RE = re.compile(r"[\s,]*([^\s,]\S*)")
DESCRIPTORS_RE = re.compile(r"[^,]*,?")
"""A candidate as HTML parses it: the address is a run without spaces (a comma inside
it, ``/c_fill,w_480/a.jpg``, is part of it) and its descriptors run to the next comma;
an address that ends in a comma has none."""
DESCRIPTOR_RE = re.compile(r"\s*(\d+(?:\.\d+)?)[wx]\s*", re.I)
SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")


def largest(srcset: str) -> str | None:
    """The address of the widest candidate of ``srcset`` (``960w`` over ``480w``, ``2x``
    over ``1x``; one without a descriptor is ``1x``); the first of equals."""
    best: tuple[float, str] | None = None
    pos = 0
    while (m := ADDRESS_RE.match(srcset, pos)) is not None:
        url, pos = m.group(1), m.end()
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        elif (d := DESCRIPTORS_RE.match(srcset, pos)) is not None:
            descriptors, pos = d.group().rstrip(","), d.end()
        size = 1.0  # a srcset gives widths or densities, never both
        if (found := DESCRIPTOR_RE.fullmatch(descriptors)) is not None:
            size = float(found.group(1))
        if best is None or size > best[0]:
            best = size, url
    return best[1] if best else None


def srcset_url(img: Element) -> str | None:
    """The largest address ``img`` lists in a ``srcset``, or else the ``<source>``
    elements of its ``<picture>`` do, in their order."""
    for holder in _holders(img):
        for attr in SRCSET_ATTRS:
            if (value := holder.get(attr)) and (url := largest(value)):
                return url
    return None


def _holders(img: Element) -> Iterator[Element]:
    """``img``, then its ``<picture>``'s ``<source>`` elements (looked for only when
    ``img`` has no ``srcset`` of its own)."""
    yield img
    # libxml2 does not know <source> is empty, and nests the <img> inside it
    picture = next(img.iterancestors("picture"), None)
    if picture is not None:
        yield from picture.iter("source")
