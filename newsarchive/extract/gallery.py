"""Pictures beside the text: a photo gallery (a list of slides, each one picture and
its caption, that a 组图 page prints above its text: ``<ul class="slides"><li><img>
<p>caption</p></li>…</ul>``), and captioned figures above or under the text block.

The body search finds the text; the slides sit beside it, in the card that holds the
headline and the text, and were lost with every picture of the gallery. Only a list of
at least ``MIN_SLIDES`` items, each one picture not inside a link (a list of related
galleries links away) and most with a caption, is a gallery; a strip of thumbnails
after it has no captions and is not read. A figure is read alone only with its caption.
"""

from __future__ import annotations

from newsarchive.dom import Element, common_block, ends_before, is_descendant, text_of
from newsarchive.extract.captionrows import cell_of, cells_of, next_row
from newsarchive.extract.classify import is_slide_counter
from newsarchive.extract.patterns import CAPTION_MAX
from newsarchive.text import tidy

MIN_SLIDES = 2
SLIDE_MAX_DEPTH = 4
"""Levels above a picture searched for the list of slides (``ul > li > div > img``)."""


def gallery_beside(body: Element, title_el: Element | None) -> list[tuple[Element, str | None]]:
    """(image, caption) of the first gallery beside the body, inside the headline's card,
    else of the captioned figures between the headline and the body; none without a
    card (the element holding both the headline and the body, short of the whole page)."""
    card = common_block(title_el, body)
    if card is None or title_el is None:
        return []
    inside = set(body.iter("img"))
    pictures = [img for img in card.iter("img") if img not in inside]
    if not pictures:
        return []  # most pages: no search at all
    slides = _gallery(card, body, pictures) if len(pictures) >= MIN_SLIDES else []
    return slides or _figures_between(title_el, body, pictures)


def _figures_between(
    title_el: Element, body: Element, pictures: list[Element]
) -> list[tuple[Element, str | None]]:
    """(image, caption) of each figure (``_figure_of``) that sits after the headline
    and before the body: a theme's lead picture (Ghost's feature image, Drupal's image
    field), an e-paper's picture in its own table above the text. Only a captioned one,
    not inside a link: an uncaptioned picture there may be an avatar or a banner.
    """
    found: list[tuple[Element, str | None]] = []
    for img in pictures:
        figure = _figure_of(img)
        if figure is not None and ends_before(title_el, figure[0]) and ends_before(figure[0], body):
            found.append((img, figure[1]))
    return found


def figures_after(body: Element, title_el: Element | None) -> list[tuple[Element, str]]:
    """(image, caption) of each figure (``_figure_of``) after the body inside the
    headline's card, with no link in it: a government release's photos printed under
    its text (``<div class="news-detail__photos"><figure>…``). A related article's card
    there links to it, and is not read."""
    card = common_block(title_el, body)
    if card is None:
        return []
    found: list[tuple[Element, str]] = []
    for img in card.iter("img"):
        if not ends_before(body, img):
            continue
        figure = _figure_of(img)
        if figure is not None and next(figure[0].iter("a"), None) is None:
            found.append((img, figure[1]))
    return found


def _figure_of(img: Element) -> tuple[Element, str] | None:
    """(figure, caption) when ``img`` is a captioned figure's only picture, not inside a
    link: a ``<figure>`` with its ``<figcaption>``, or a table whose one picture has a
    row of its own and the row under it one cell of caption (an e-paper's ``<tr><td>
    <img></td></tr><tr><td>研究團隊示範…</td></tr>``)."""
    above = list(img.iterancestors())
    if any(a.tag == "a" for a in above):
        return None
    figure = next((a for a in above if a.tag == "figure"), None)
    if figure is not None:
        caption_el = next(figure.iter("figcaption"), None)
        caption = tidy(text_of(caption_el)) if caption_el is not None else ""
    else:
        cell = cell_of(img)
        row = cell.getparent() if cell is not None else None
        if row is None or row.tag != "tr" or len(cells_of(row)) != 1:
            return None
        under = next_row(row)
        if under is None or len(cells_of(under)) != 1 or next(under.iter("img"), None) is not None:
            return None
        figure = row.getparent()
        caption = tidy(text_of(under))
    if figure is None or len(figure.findall(".//img")) != 1:
        return None
    return (figure, caption) if caption and len(caption) <= CAPTION_MAX else None


def _gallery(
    card: Element, body: Element, pictures: list[Element]
) -> list[tuple[Element, str | None]]:
    """The first list of slides that holds one of ``pictures``, outside the body."""
    tried: set[Element] = set()
    for img in pictures:
        node = img
        for _ in range(SLIDE_MAX_DEPTH):
            parent = node.getparent()
            if parent is None or parent is card or parent in tried:
                break
            tried.add(parent)
            if not is_descendant(body, parent):
                found = _slides(parent)
                if found:
                    return found
            node = parent
    return []


def _slides(parent: Element) -> list[tuple[Element, str | None]]:
    """``parent``'s children as slides, when each is one and most have a caption."""
    slides = [_slide(item) for item in parent if item.tag.__class__ is str]
    if len(slides) < MIN_SLIDES or any(s is None for s in slides):
        return []
    found = [s for s in slides if s is not None]
    return found if sum(1 for _, caption in found if caption) * 2 >= len(found) else []


def _slide(item: Element) -> tuple[Element, str | None] | None:
    """(picture, caption) of a slide: one picture not inside a link, and the item's
    text less its links' (``查看原图``) and its counter's (``3/8``); None for anything
    else."""
    images = item.findall(".//img")
    if len(images) != 1 or any(a.tag == "a" for a in images[0].iterancestors()):
        return None
    text = tidy(text_of(item))
    for a in item.iter("a"):
        link = tidy(text_of(a))
        if link:
            text = text.replace(link, "")
    for el in item.iter("span", "em", "i", "b", "div"):
        counter = tidy(text_of(el))
        if is_slide_counter(counter):
            text = text.replace(counter, "", 1)  # <span class="num">3/8</span>
    caption = tidy(text)
    if len(caption) > CAPTION_MAX:
        return None
    return images[0], caption or None
