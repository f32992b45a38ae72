"""Plain-text articles (``.txt`` and pasted text).

The article text is the decoded file with only line endings normalised, so that quote offsets
point into exactly what the user sees. The first non-empty line is the title; the optional
metadata line after it (``By Jane Roe | Harbor Gazette | 2024-03-14``) gives outlet, date and
author (see ``quotedesk.core.ingest.meta``).
"""
from __future__ import annotations

from quotedesk.core.ingest.decode import decode_bytes, normalise_newlines
from quotedesk.core.ingest.errors import FormatError
from quotedesk.core.ingest.meta import header_fields, title_and_header
from quotedesk.core.model import ArticleDraft

#: Only the top of a file is searched for the title and metadata line.
HEAD_LINES = 200


def read_bytes(data: bytes) -> ArticleDraft:
    text, encoding = decode_bytes(data)
    draft = draft_from_text(normalise_newlines(text), fmt="txt")
    draft.extra["encoding"] = encoding
    return draft


def draft_from_text(text: str, *, fmt: str) -> ArticleDraft:
    """Build a draft from already-decoded text (line endings normalised by the caller)."""
    if not text.strip():
        raise FormatError("contains no text (only whitespace)")
    title, header = title_and_header(text.split("\n", HEAD_LINES))
    outlet, date, extra = header_fields(header)
    return ArticleDraft(text=text, title=title, outlet=outlet, date=date, fmt=fmt, extra=extra)
