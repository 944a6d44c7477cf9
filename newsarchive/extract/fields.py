"""An exhibition's field block: rows of a label cell and a value cell
(``<th>展会时间：</th><td>2024年9月24日-28日</td>``, ``<dt>展会地点</dt><dd>…</dd>``), read
as one line each, ``展会时间：2024年9月24日-28日``.

The 展会大全 section prints an exhibition as a field block and an introduction. Walked
cell by cell, a block inside the body gave ``展会时间：`` and its value as two paragraphs;
one beside the body (a sidebar card, a table above the introduction) was not read at
all, and the record lost the exhibition's dates, place and organisers. Only labels an
exhibition's block uses (``selectors.EXHIBITION_FIELD_LABELS``) make a field row: a data
table's header cells (``城市``, ``排名``) are no labels of this kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsarchive import selectors as sel
from newsarchive.dom import Element, common_block, is_descendant, next_element, text_of, touches
from newsarchive.text import tidy

FIELD_LABELS = frozenset(sel.EXHIBITION_FIELD_LABELS)
MIN_BLOCK_ROWS = 3
"""Field rows a block beside the body needs: an exhibition's own block, not a line of a
promotion."""
_COLONS = "：: \u3000"
LABEL_CELL_MAX = 24
"""Characters a label cell holds at most, spacing included."""


def field_rows(root: Element) -> dict[Element, str]:
    """Every field row under ``root``: the row's first element (``<tr>``, ``<dt>``) with
    its line, and a ``<dd>`` read into its ``<dt>``'s line with ``""``."""
    rows: dict[Element, str] = {}
    for el in root.iter("tr", "dt"):
        if el.tag == "tr":
            cells = [c for c in el if c.tag in ("th", "td")]
            if len(cells) == 2:
                line = _line(cells[0], cells[1])
                if line:
                    rows[el] = line
        else:
            dd = next_element(el)
            if dd is not None and dd.tag == "dd":
                line = _line(el, dd)
                if line:
                    rows[el] = line
                    rows[dd] = ""
    return rows


def _line(label_cell: Element, value_cell: Element) -> str | None:
    raw = "".join(label_cell.itertext())  # cheaper than XPath's string() for a cell
    if len(raw) > LABEL_CELL_MAX:  # most cells: no label, and no tidying of their text
        return None
    label = "".join(raw.split()).rstrip(_COLONS)  # 展会 时间： is 展会时间
    if label not in FIELD_LABELS:
        return None
    value = tidy(text_of(value_cell))
    if not value or value.rstrip(_COLONS) in FIELD_LABELS:  # a header row: 时间 | 地点
        return None
    return f"{label}：{value}"


def list_rows(block: Element) -> dict[Element, str]:
    """Field rows of a list whose items each open with a label and a colon (``<li><span>
    展会时间：</span>2024年8月8日-10日</li>``): each such ``<li>`` with its line. Most lists
    are menus and link lists; an item is tidied only when its first words are a label."""
    rows: dict[Element, str] = {}
    for item in block:
        if item.tag != "li":
            continue
        head = "".join(item.itertext())[: LABEL_CELL_MAX + 1]
        label, colon, _ = head.partition("：") if "：" in head else head.partition(":")
        if not colon or "".join(label.split()) not in FIELD_LABELS:
            continue
        label, _, value = tidy(text_of(item)).replace(":", "：", 1).partition("：")
        value = value.strip(_COLONS)
        if value:
            rows[item] = f"{''.join(label.split())}：{value}"
    return rows


def _blocks(root: Element) -> Iterator[tuple[Element, dict[Element, str]]]:
    """Candidate field blocks with their rows, in page order: tables and ``<dl>``s of
    ``MIN_BLOCK_ROWS`` rows, the element holding a run of one-row ``<dl>``s (``<div><dl>
    <dt>展会时间</dt><dd>…</dd></dl><dl>…</dl></div>``), and lists of labelled items."""
    parents: set[Element] = set()
    for block in root.iter("table", "dl", "ul", "ol"):
        if block.tag in ("ul", "ol"):
            if len(block) >= MIN_BLOCK_ROWS:
                yield block, list_rows(block)
            continue
        if sum(1 for _ in block.iter("tr", "dt")) >= MIN_BLOCK_ROWS:
            yield block, field_rows(block)
            continue
        # too few rows to read (most pages' one related-list <dl>), unless it is one of
        # a run of one-row <dl>s
        parent = block.getparent()
        if block.tag == "dl" and parent is not None and parent not in parents:
            parents.add(parent)
            if sum(1 for child in parent if child.tag == "dl") >= MIN_BLOCK_ROWS:
                yield parent, field_rows(parent)


def block_beside(
    root: Element, body: Element, title_el: Element | None, headline: str | None
) -> list[tuple[Element, str]]:
    """The field rows, with their lines, of the exhibition's block outside the body
    (a table, ``<dl>`` or list, the first with ``MIN_BLOCK_ROWS`` rows), in page order.

    The block must be the page's own: inside the element that holds both the headline
    and the body (the article's card), or naming the headline's exhibition in one of its
    rows (a sidebar card, ``展会名称：…``). A block about another exhibition (a sidebar's
    promotion on a news page) is neither.
    """
    if title_el is None or not headline:
        return []
    card: Element | bool | None = False  # found when a block needs it
    for block, rows in _blocks(root):
        lines = [line for line in rows.values() if line]
        if len(lines) < MIN_BLOCK_ROWS or touches(block, body):
            continue
        if card is False:
            card = common_block(title_el, body)
        inside = card is not None and is_descendant(block, card)
        values = [line.split("：", 1)[1] for line in lines]
        if inside or any(headline in v or (len(v) >= 4 and v in headline) for v in values):
            return [(row, line) for row, line in rows.items() if line]
    return []
