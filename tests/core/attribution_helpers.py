"""Helpers shared by the attribution tests: run the engine strictly and locate quotes by text."""
from __future__ import annotations

from quotedesk.core.attribution.pipeline import extract_quotes_strict


def run(text):
    """Quotes of ``text`` (errors raise); checks offsets and order on the way."""
    quotes = extract_quotes_strict(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    return quotes


def find(quotes, text, fragment):
    """The quote covering ``fragment``; fails when there is none."""
    start = text.index(fragment)
    end = start + len(fragment)
    hits = [q for q in quotes if q.start <= start and q.end >= end]
    assert hits, f"no quote covers {fragment!r}: {[q.text for q in quotes]}"
    return min(hits, key=lambda q: q.end - q.start)


def covered(quotes, text, fragment):
    """Whether the start of ``fragment`` lies inside some quote."""
    start = text.index(fragment)
    return any(q.start <= start < q.end for q in quotes)
