"""Code-point offsets (the core's) ↔ UTF-16 positions (Qt's ``QTextDocument``).

They differ only after characters outside the Basic Multilingual Plane (emoji, some CJK),
which Qt counts twice. The map is built once per article text.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    def __init__(self, text: str):
        #: code-point indices of astral characters, ascending
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """Document position of code-point ``offset``."""
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def from_qt(self, position: int) -> int:
        """Code-point offset of document ``position`` (a position inside a pair rounds down)."""
        if not self._astral:
            return position
        n = bisect_right(self._astral_qt, position - 1)
        return position - n
