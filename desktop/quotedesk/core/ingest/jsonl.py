"""Batches of articles as JSON Lines: one ``{"id", "text", "title"?, "date"?, "outlet"?, "url"?}`` a line.

The text of each line is kept exactly as given (quote offsets refer to it unchanged). A bad
line becomes an ``IngestError`` naming its line number, and the good lines are still read.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from quotedesk.core.ingest.errors import IngestError
from quotedesk.core.ingest.files import path_text, stat_regular_file
from quotedesk.core.ingest.meta import clean_title, normalise_date
from quotedesk.core.model import ArticleDraft

#: Longest line accepted (one article).
MAX_LINE_BYTES = 50 * 1024 * 1024


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[ArticleDraft | IngestError]:
    """Yield a draft per good line and an ``IngestError`` per bad line.

    Problems with the file itself (missing, a folder, empty, unreadable) raise ``IngestError``
    at once, before any line is read.
    """
    p = Path(path)
    st = stat_regular_file(p)
    if st.st_size == 0:
        raise IngestError(p, "is empty")
    try:
        handle = p.open("rb")
    except PermissionError:
        raise IngestError(p, "permission denied") from None
    except OSError as exc:
        raise IngestError(p, f"cannot be opened ({exc.strerror or exc})") from None
    return _lines(p, handle)


def _lines(p: Path, handle) -> Iterator[ArticleDraft | IngestError]:
    with handle:
        lineno = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            lineno += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                yield IngestError(p, f"line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB", line=lineno)
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = handle.readline(MAX_LINE_BYTES)
                continue
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                yield _draft(p, lineno, raw)
            except IngestError as exc:
                yield exc


def _draft(p: Path, lineno: int, raw: bytes) -> ArticleDraft:
    def bad(reason: str) -> IngestError:
        return IngestError(p, reason, line=lineno)

    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise bad(f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise bad(f"invalid JSON ({getattr(exc, 'msg', exc)})") from None
    if not isinstance(record, dict):
        raise bad(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise bad('missing "text" (a string)' if text is None else '"text" must be a string')
    if not text.strip():
        raise bad('"text" is empty')
    ident = record.get("id", f"{p.stem}:{lineno}")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        raise bad('"id" must be a string or an integer')
    meta = {}
    for key in ("title", "outlet", "url", "date"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f'"{key}" must be a string')
        meta[key] = value
    extra: dict = {"id": ident, "line": lineno}
    date = normalise_date(meta["date"])
    if meta["date"] and not date:
        extra["raw_date"] = meta["date"]
    title = clean_title(meta["title"] or "") or clean_title(text.lstrip().split("\n", 1)[0])
    return ArticleDraft(
        text=text,
        title=title,
        outlet=meta["outlet"] or "",
        date=date,
        url=meta["url"] or None,
        source_path=path_text(p),
        fmt="jsonl",
        extra=extra,
    )
