"""Article metadata shared by the readers: dates to YYYY-MM-DD, titles, and the header line.

The plain-text header convention (also used by ``.md``, ``.docx``, ``.pdf`` and pasted text)::

    Calloway Street bridge to close for six months, mayor says      <- line 1: the title
    By Maria Okafor | Harbor Gazette | 2024-03-14                   <- optional metadata line

The metadata line is the first non-empty line after the title. It is recognised only if it splits
on ``|`` into 2 to 4 short fields, exactly one of which is a date; a field starting with ``By`` is
the byline (``extra["author"]``), the remaining field is the outlet. Any date form that
``normalise_date`` accepts may be used. In Markdown the line may be wrapped in ``*``/``_``.
The line stays in the article text (offsets point into the text as read).
"""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_ISO_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_DMY_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_MDY_WORDS_RE = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DMY_WORDS_RE = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_COMPACT_RE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")  # PDF dates: D:20240314120000Z

#: Longest title kept (a one-line 10 MB file must not give a 10 MB title).
MAX_TITLE_CHARS = 300


def normalise_date(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` for a date-like value, or ``None`` if it is not a valid date."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text or len(text) > 64:
        return None
    for regex, order in ((_ISO_RE, "ymd"), (_DMY_RE, "dmy"), (_COMPACT_RE, "ymd")):
        m = regex.match(text)
        if m:
            parts = dict(zip(order, m.groups()))
            return _make(parts["y"], parts["m"], parts["d"])
    m = _MDY_WORDS_RE.match(text)
    if m and m.group(1).lower() in _MONTHS:
        return _make(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))
    m = _DMY_WORDS_RE.match(text)
    if m and m.group(2).lower() in _MONTHS:
        return _make(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))
    return None


def _make(y: object, m: object, d: object) -> str | None:
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except (ValueError, OverflowError):
        return None


def clean_title(line: str) -> str:
    """Strip whitespace and cut an over-long title at a word boundary."""
    title = " ".join(line.split())
    if len(title) > MAX_TITLE_CHARS:
        cut = title.rfind(" ", 0, MAX_TITLE_CHARS)
        title = title[: cut if cut > MAX_TITLE_CHARS // 2 else MAX_TITLE_CHARS].rstrip() + "…"
    return title


def parse_header_line(line: str) -> dict | None:
    """Parse ``By Jane Roe | Harbor Gazette | 2024-03-14``; ``None`` if the line is not one.

    Returns ``{"date", "outlet", "author"}`` (outlet and author may be ``""``).
    """
    line = line.strip().strip("*_").strip()
    if "|" not in line or len(line) > 300:
        return None
    fields = [f.strip() for f in line.split("|")]
    if not 2 <= len(fields) <= 4 or any(not f or len(f) > 100 for f in fields):
        return None
    dates = [(i, normalise_date(f)) for i, f in enumerate(fields)]
    dates = [(i, d) for i, d in dates if d]
    if len(dates) != 1:
        return None
    date_index, date = dates[0]
    author, outlet = "", ""
    for i, f in enumerate(fields):
        if i == date_index:
            continue
        if not author and re.match(r"(?i)^by\s+\S", f):
            author = f[2:].strip()
        elif not outlet:
            outlet = f
        else:
            return None
    return {"date": date, "outlet": outlet, "author": author}


def title_and_header(lines: list[str], start: int = 0) -> tuple[str, dict | None]:
    """Title = first non-empty line from ``start``; header = the next non-empty line if it parses."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return "", None
    title = clean_title(lines[i])
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    header = parse_header_line(lines[j]) if j < len(lines) else None
    return title, header


def header_fields(header: dict | None) -> tuple[str, str | None, dict]:
    """``(outlet, date, extra)`` from a parsed header line (``extra`` holds the author, if any)."""
    if not header:
        return "", None, {}
    return header["outlet"], header["date"], ({"author": header["author"]} if header["author"] else {})
