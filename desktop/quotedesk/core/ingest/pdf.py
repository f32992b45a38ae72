"""PDF articles through pypdf: the text of each page, pages separated by a blank line.

Refused with a reason: not a PDF, truncated or damaged, password-protected, or with no
extractable text (a scan needs OCR first). Title and date come from the document information
when set, else from the text, as for plain text.
"""
from __future__ import annotations

import io
import logging

from quotedesk.core.ingest.errors import FormatError
from quotedesk.core.ingest.meta import clean_title, header_fields, normalise_date, title_and_header
from quotedesk.core.model import ArticleDraft

#: Pages beyond this are not read (an article is a few pages; a hostile file may claim millions).
MAX_PAGES = 500


def read_bytes(data: bytes) -> ArticleDraft:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise FormatError("not a valid PDF (no PDF header; is it another file type?)")
    truncated = b"%%EOF" not in data[-2048:]
    import pypdf  # heavy: imported only when a PDF is read
    import pypdf.errors

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files are noise
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # missing crypto backend, unknown algorithm
                opened = 0
            if not opened:
                raise FormatError("is a password-protected PDF; remove the password and import it again")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        info = _info(reader)
    except FormatError:
        raise
    except pypdf.errors.LimitReachedError:
        raise FormatError(
            "refused: a compressed stream in the PDF expands beyond the safety limit "
            "(it looks like a decompression bomb)"
        ) from None
    except Exception as exc:  # pypdf raises many types on damaged files
        if truncated:
            raise FormatError("not a valid PDF (file is truncated)") from None
        raise FormatError(f"not a valid PDF (damaged: {_describe(exc)})") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        if truncated and not pages:
            raise FormatError("not a valid PDF (file is truncated)")
        raise FormatError("contains no extractable text (a scanned PDF needs OCR first)")
    lines = text.split("\n", 200)
    title, header = title_and_header(lines)
    outlet, date, extra = header_fields(header)
    extra["pages"] = len(pages)
    if info.get("author") and "author" not in extra:
        extra["author"] = info["author"]
    return ArticleDraft(
        text=text,
        title=clean_title(info.get("title") or "") or title,
        outlet=outlet,
        date=date or normalise_date(info.get("date")),
        fmt="pdf",
        extra=extra,
    )


def _info(reader) -> dict:
    try:
        meta = reader.metadata
    except Exception:
        return {}
    if not meta:
        return {}
    out = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/CreationDate", "date")):
        try:
            value = meta.get(key)
        except Exception:
            value = None
        if value:
            out[name] = str(value)
    return out


def _describe(exc: BaseException) -> str:
    message = str(exc).strip() or type(exc).__name__
    message = message.split(" @", 1)[0]  # pypdf appends a dump of the raw bytes after " @offset"
    return message if len(message) < 200 else message[:200] + "…"
