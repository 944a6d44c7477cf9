"""Captions printed in the table row under a row of images.

A photo report laid out in a table prints three images in one row and their three
captions in the next. Walked in document order that is ``img img img cap cap cap``, and
the line after an image is taken for its caption: the third image got the first caption
and the other two none. Here such a pair of rows is put back in reading order, each
image followed by the caption in the cell under it, marked as a caption.
"""

from __future__ import annotations

from newsarchive.dom import Element, next_element
from newsarchive.extract.patterns import CAPTION_MAX
from newsarchive.extract.walk import Img, Para

_CELLS = ("td", "th")
_CLIMB = 4
"""Ancestors an image or a caption line may have inside its cell (``<a>``, ``<font>``,
``<p>``) before the cell itself."""


def cell_of(el: Element) -> Element | None:
    """The table cell ``el`` is or sits in, a few levels up at most."""
    node: Element | None = el
    for _ in range(_CLIMB + 1):
        if node is None:
            return None
        if node.tag in _CELLS:
            return node
        node = node.getparent()
    return None


def cells_of(row: Element) -> list[Element]:
    return [c for c in row if c.tag in _CELLS]


def next_row(row: Element) -> Element | None:
    nxt = next_element(row)
    return nxt if nxt is not None and nxt.tag == "tr" else None


def pair_caption_rows(items: list[Para | Img]) -> list[Para | Img]:
    """``items`` with each row of images followed by the row of their captions put in
    reading order: every cell of a row holds one image, every cell of the next row at
    most one line of caption length and no image, and the rows have the same number of
    cells. Anything else is left as walked."""
    out: list[Para | Img] | None = None  # a copy only once a pair of rows is found
    done = 0  # items before this are in ``out``
    i = 0
    while i < len(items):
        item = items[i]
        paired = _pair_at(items, i) if item.__class__ is Img else None
        if paired is None:
            i += 1
            continue
        reordered, end = paired
        if out is None:
            out = []
        out.extend(items[done:i])
        out.extend(reordered)
        done = i = end
    if out is None:
        return items
    out.extend(items[done:])
    return out


def _pair_at(items: list[Para | Img], i: int) -> tuple[list[Para | Img], int] | None:
    first = items[i]
    if not isinstance(first, Img) or first.inline:
        return None
    cell = cell_of(first.el)
    row = cell.getparent() if cell is not None else None
    if row is None or row.tag != "tr":
        return None
    columns = cells_of(row)
    if not columns or columns[0] is not cell:
        return None
    images: list[Img] = []
    j = i
    for column in columns:  # one image in each cell, in column order
        item = items[j] if j < len(items) else None
        if not isinstance(item, Img) or item.inline or cell_of(item.el) is not column:
            return None
        images.append(item)
        j += 1
    under = next_row(row)
    if under is None or len(cells_of(under)) != len(columns):
        return None
    captions: dict[int, Para] = {}
    index = {id(c): n for n, c in enumerate(cells_of(under))}
    while j < len(items):
        item = items[j]
        if not isinstance(item, Para):
            break
        below = cell_of(item.block)
        n = index.get(id(below)) if below is not None else None
        if n is None:
            break
        if n in captions or len(item.text) > CAPTION_MAX:
            return None  # two lines in one cell, or a long one: text, not a caption row
        captions[n] = item
        j += 1
    if not captions:
        return None
    reordered: list[Para | Img] = []
    for n, image in enumerate(images):
        reordered.append(image)
        if n in captions:
            line = captions[n]
            reordered.append(Para(line.text, line.block, True, True, line.indented, True))
    return reordered, j
