"""PDF articles through pypdf: the text of each page, pages separated by a blank line.

Refused with a reason: not a PDF, truncated or damaged, password-protected, a compressed stream
that expands past pypdf's limit (a decompression bomb), an object tree nested or linked past
pypdf's limits (said as such, not as a bomb), or no extractable text (a scan needs OCR first).
A PDF longer than ``MAX_PAGES`` keeps its first pages and says which were not imported
(``extra["warnings"]``, stored on the article and shown in the import report). Title and date come from the document information
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
        total = len(reader.pages)
        pages = []
        for number in range(min(total, MAX_PAGES)):  # one page at a time: extracted, then dropped
            pages.append(reader.pages[number].extract_text() or "")
        info = _info(reader)
    except FormatError:
        raise
    except pypdf.errors.LimitReachedError as exc:
        if "decompress" in str(exc).lower():
            raise FormatError(
                "refused: a compressed stream in the PDF expands beyond the safety limit "
                "(it looks like a decompression bomb)"
            ) from None
        raise FormatError(
            f"refused: the PDF's object structure goes past a safety limit ({_describe(exc)}); "
            "it is damaged or built to exhaust readers: re-save it with a PDF tool (print to PDF) and import it again"
        ) from None
    except RecursionError:
        raise FormatError(
            "refused: the PDF's objects are nested too deeply to read (a damaged or hostile file, "
            "not a decompression bomb); re-save it with a PDF tool (print to PDF) and import it again"
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
    if total > MAX_PAGES:
        extra["pages_total"] = total
        extra["warnings"] = [
            f"pages {MAX_PAGES + 1}\u2013{total} not imported (Quotedesk reads the first {MAX_PAGES} "
            f"pages of a PDF); split the PDF and import the rest as its own article"
        ]
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
