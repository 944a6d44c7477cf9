"""Paragraphs that a stray closing tag has put after the body container.

A pasted picture or video block with one ``</div>`` too many closes the text's
container early: the parser ends the container there, and the article's last
paragraphs become its next siblings, ahead of the editor's line, the tool bar and the
related links. A reader sees them run on from the text above without a break, so they
are the article's.

Only bare paragraphs are taken, and only when the first is a sentence of prose: a
template's own ``<div>`` after the text (an editor's line, a share bar, a pager) stops
the run, and a short line (``上一篇：…``) or a list of links does not start one. What is
taken is walked like the container and judged by the same text rules, so a disclaimer
or an end mark among them leaves as it would inside it.
"""

from __future__ import annotations

from newsarchive.dom import Element, han_count, linked_weight, text_of, text_weight
from newsarchive.extract.patterns import SENTENCE_END, SPILL_PROSE_MIN
from newsarchive.text import tidy


def spilled(container: Element, skip: set[Element]) -> list[Element]:
    """The ``<p>`` siblings right after ``container`` that continue its text, in order."""
    out: list[Element] = []
    for sibling in container.itersiblings():
        tag = sibling.tag
        if tag.__class__ is not str:
            continue  # a comment or processing instruction between them
        if tag != "p" or sibling in skip:
            break
        if not out and not _prose(sibling):
            break
        out.append(sibling)
    return out


def _prose(p: Element) -> bool:
    """A sentence of the article's own, not a line of links."""
    text = tidy(text_of(p))
    if han_count(text) < SPILL_PROSE_MIN or not text.endswith(SENTENCE_END):
        return False
    return linked_weight(p) * 2 < text_weight(text)
