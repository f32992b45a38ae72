"""Markdown articles (``.md``, ``.markdown``): the text is kept as written, markup included.

Title: a ``title:`` key in YAML-style front matter, else the first level-1 heading (``# Title``
or a setext ``Title`` / ``=====``), else the first non-empty line. Outlet and date come from
front matter keys (``date``, ``outlet``/``source``/``publication``/``site``, ``url``, ``author``)
or from the metadata line under the title, as for plain text.
"""
from __future__ import annotations

import re

from quotedesk.core.ingest.decode import decode_bytes, normalise_newlines
from quotedesk.core.ingest.errors import FormatError
from quotedesk.core.ingest.meta import clean_title, header_fields, normalise_date, parse_header_line, title_and_header
from quotedesk.core.model import ArticleDraft

HEAD_LINES = 200
#: ``# Title #``: the opening only; the rest of the line is trimmed with string methods (a lazy
#: ``(.+?)`` before optional trailing ``#``/space took 27 s on a 60 KB title of spaces or tabs).
_ATX_H1 = re.compile(r" {0,3}#[ \t]+(?=\S)")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*+:(.*)")
_OUTLET_KEYS = ("outlet", "source", "publication", "site", "site_name", "publisher")


def read_bytes(data: bytes) -> ArticleDraft:
    text, encoding = decode_bytes(data)
    draft = draft_from_text(normalise_newlines(text))
    draft.extra["encoding"] = encoding
    return draft


def draft_from_text(text: str, *, fmt: str = "md") -> ArticleDraft:
    if not text.strip():
        raise FormatError("contains no text (only whitespace)")
    lines = text.split("\n", HEAD_LINES)
    front, body_start = _front_matter(lines)
    title, header = "", None
    heading = _first_h1(lines, body_start)
    if heading is not None:
        index, title = heading
        following = next((ln for ln in lines[index + 1:] if ln.strip() and not _SETEXT_H1.match(ln)), "")
        header = parse_header_line(following)
    else:
        title, header = title_and_header(lines, body_start)
        title = clean_title(title.lstrip("#").strip().strip("*_").strip())
    outlet, date, extra = header_fields(header)
    url = None
    if front.get("title"):
        title = clean_title(front["title"])
    date = normalise_date(front.get("date")) or date
    outlet = next((front[k] for k in _OUTLET_KEYS if front.get(k)), outlet)
    url = front.get("url") or None
    if front.get("author"):
        extra["author"] = front["author"]
    return ArticleDraft(text=text, title=title, outlet=outlet, date=date, url=url, fmt=fmt, extra=extra)


def _front_matter(lines: list[str]) -> tuple[dict, int]:
    """Simple ``key: value`` front matter between ``---`` lines at the very top."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    values: dict = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return values, i + 1
        m = _FRONT_KEY.match(line)
        if m:
            values[m.group(1).lower()] = m.group(2).strip().strip("'\"")
    return {}, 0  # no closing line: not front matter


def _atx_text(rest: str) -> str:
    """The heading text without its optional closing ``#`` run (CommonMark: after a space)."""
    rest = rest.rstrip(" \t")
    bare = rest.rstrip("#")
    if bare != rest and (not bare or bare[-1] in " \t"):
        rest = bare.rstrip(" \t")
    return rest


def _first_h1(lines: list[str], start: int) -> tuple[int, str] | None:
    for i in range(start, len(lines)):
        m = _ATX_H1.match(lines[i])
        if m:
            return i, clean_title(_atx_text(lines[i][m.end():]))
        if _SETEXT_H1.match(lines[i]) and i > start and lines[i - 1].strip():
            return i, clean_title(lines[i - 1])
    return None
