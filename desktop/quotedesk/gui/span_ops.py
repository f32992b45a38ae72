"""Keyboard span editing turned into core edits: extend/shrink a quote by a word, split, merge.

Also decides where a cut or a marked selection really falls: :func:`snap_range` and
:func:`snap_offset` move a position that lies inside a word to the word's edge (the window
skips them while Alt is held, for the rare exact cut).

Pure functions over the article text and ``QuoteRow``s; they return lists of core ops that the
main window pushes as one undo step. Offsets are code points, end-exclusive.
"""
from __future__ import annotations

import re

from quotedesk.core.store import Store
from quotedesk.core.store.edits import Edit, SetSpan, SplitQuote, merge_quotes
from quotedesk.core.store.quotes import QuoteRow

_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _tokens(text: str, lo: int, hi: int):
    return [(m.start() + lo, m.end() + lo) for m in _WORD.finditer(text[lo:hi])]


def move_end(text: str, q: QuoteRow, step: int) -> tuple[int, int] | None:
    """New (start, end) with the end moved by one word (+1 extends, -1 shrinks)."""
    if step > 0:
        nxt = _tokens(text, q.end, min(len(text), q.end + 200))
        return (q.start, nxt[0][1]) if nxt else None
    inside = _tokens(text, q.start, q.end)
    if len(inside) < 2:
        return None
    return q.start, inside[-2][1]


def move_start(text: str, q: QuoteRow, step: int) -> tuple[int, int] | None:
    """New (start, end) with the start moved by one word (-1 extends to the left, +1 shrinks)."""
    if step < 0:
        prev = _tokens(text, max(0, q.start - 200), q.start)
        return (prev[-1][0], q.end) if prev else None
    inside = _tokens(text, q.start, q.end)
    if len(inside) < 2:
        return None
    return inside[1][0], q.end


def resize_ops(text: str, q: QuoteRow, *, edge: str, step: int) -> list[Edit]:
    span = move_end(text, q, step) if edge == "end" else move_start(text, q, step)
    if span is None or span == (q.start, q.end):
        return []
    return [SetSpan(q.id, *span)]


_JOINERS = "'\u2019-"


def _wordish(text: str, i: int) -> bool:
    """Is ``text[i]`` part of a word (letters, digits, and an apostrophe or hyphen between them)?"""
    c = text[i]
    if c.isalnum() or c == "_":
        return True
    return c in _JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def inside_word(text: str, at: int) -> bool:
    """Does offset ``at`` fall between two characters of one word?"""
    return 0 < at < len(text) and _wordish(text, at - 1) and _wordish(text, at)


def _word_edges(text: str, at: int) -> tuple[int, int]:
    left, right = at, at
    while left > 0 and _wordish(text, left - 1):
        left -= 1
    while right < len(text) and _wordish(text, right):
        right += 1
    return left, right


def snap_offset(text: str, at: int) -> int:
    """A cut inside a word moves to the nearer edge of that word (the start on a tie)."""
    if not inside_word(text, at):
        return at
    left, right = _word_edges(text, at)
    return left if at - left <= right - at else right


def snap_range(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection that starts or ends inside a word grows to take the whole word."""
    if inside_word(text, start):
        start = _word_edges(text, start)[0]
    if inside_word(text, end):
        end = _word_edges(text, end)[1]
    return start, end


def split_ops(text: str, q: QuoteRow, at: int) -> list[Edit]:
    """Cut a quote in two at offset ``at`` (whitespace around the cut is dropped); the second
    part keeps the speakers and kind. One core op (``SplitQuote``), so one transaction."""
    left, right = at, at
    while left > q.start and text[left - 1].isspace():
        left -= 1
    while right < q.end and text[right].isspace():
        right += 1
    if not (q.start < left and right < q.end):
        return []
    return [SplitQuote(q.id, at)]


def merge_ops(store: Store, quotes: list[QuoteRow]) -> list[Edit]:
    """Join quotes of one article into the first one (its speakers stay); the others are deleted.
    One core ``Batch`` (one transaction, one undo step)."""
    if len(quotes) < 2 or len({q.article_id for q in quotes}) != 1:
        return []
    return [merge_quotes(store, [q.id for q in quotes])]
