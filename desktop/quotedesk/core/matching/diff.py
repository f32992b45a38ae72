"""Word-level diff of two statements, for spotting misquotes side by side.

``diff_words(a, b)`` returns segments ``(op, text)`` with op one of ``"equal"``, ``"delete"``
(only in ``a``), ``"insert"`` (only in ``b``); a replacement is a delete followed by an insert.
Words are compared case- and punctuation-insensitively, but the segments carry the original
text with its spacing (``equal`` segments as written in ``a``), so joining the equal+delete
segments gives back ``a`` exactly.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from quotedesk.core.matching.text import fold

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = re.compile(r"\S+\s*|\s+")
_KEY = re.compile(r"[^\w]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(tok: str) -> str:
    k = _KEY.sub("", fold(tok))
    return k or tok.strip()


def diff_words(a: str, b: str) -> list[tuple[str, str]]:
    """Segments turning ``a`` into ``b`` (see module docstring); adjacent same-op runs merged."""
    ta, tb = _tokens(a), _tokens(b)
    sm = SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(ta[i1:i2]))
        else:
            if tag in ("replace", "delete"):
                add(DELETE, "".join(ta[i1:i2]))
            if tag in ("replace", "insert"):
                add(INSERT, "".join(tb[j1:j2]))
    return out


def changed_words(a: str, b: str) -> int:
    """How many words differ between ``a`` and ``b`` (deleted + inserted)."""
    return sum(len(t.split()) for op, t in diff_words(a, b) if op != EQUAL)
