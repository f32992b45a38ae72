"""The words of a span of the article, as the attribution stages count them: each span scanned once.

A span's words are counted where the rules propose it (a quotation in marks by ``pipeline``, a
reported clause by ``indirect`` and ``content_end``) and again where the quote model describes the
candidate it became (``quote_model.featurize``): a third of the characters scanned for words were
scanned before. ``span_words`` remembers the spans of the texts being extracted (a bounded cache,
emptied by ``pipeline.extract_quotes`` when it returns, so no article is kept alive by it).
"""
from __future__ import annotations

import re
from functools import lru_cache

#: A word: a run of letters, digits, apostrophes and hyphens.
WORD_RE = re.compile(r"[\w’'\-]+")
#: A word written lower-case (its first letter), not the tail of another word.
LOWER_WORD_RE = re.compile(r"(?<![\w’'\-])[a-z][\w’'\-]*")


@lru_cache(maxsize=4096)
def span_words(text: str, start: int, end: int) -> tuple[str, ...]:
    """The words of ``text[start:end]`` (a match cut by the span's ends, as ``WORD_RE.findall``)."""
    return tuple(WORD_RE.findall(text, start, end))


def count_words(text: str, start: int, end: int) -> int:
    return len(span_words(text, start, end))


def prev_word(text: str, start: int) -> str:
    """The word right before ``start`` in its clause, lower-cased ("" after punctuation or none)."""
    words = list(WORD_RE.finditer(text, max(0, start - 24), start))
    if not words or text[words[-1].end():start].strip():
        return ""
    return words[-1].group().lower()


def last_match(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """The last match of ``pattern`` in ``text[lo:hi]`` (one forward scan), or None."""
    last = None
    for last in pattern.finditer(text, lo, hi):
        pass
    return last


#: Forget the spans remembered (called after each text: only a text being extracted repeats spans).
forget_spans = span_words.cache_clear

__all__ = ["LOWER_WORD_RE", "WORD_RE", "count_words", "forget_spans", "last_match", "prev_word", "span_words"]
