"""HTML news pages, reduced to the article's text and metadata by trafilatura.

No hand-written tag stripping, and no network: trafilatura is given the page as a string and no
URL to fetch, so it never downloads anything; scripts are never run (it only parses). The
article text is trafilatura's plain-text output; title, date, outlet (site name, else host
name) and canonical URL come from the page's metadata.
"""
from __future__ import annotations

import codecs
import re

from quotedesk.core.ingest.decode import decode_bytes, normalise_newlines
from quotedesk.core.ingest.errors import FormatError
from quotedesk.core.ingest.meta import clean_title, normalise_date
from quotedesk.core.model import ArticleDraft

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAG_RE = re.compile(r"<\s*[A-Za-z!?/]")
_CLOSE_RE = re.compile(r"</\s*(?:html|body)\s*>", re.I)
#: A page cut short must still yield at least this much text to count as an article.
MIN_TRUNCATED_TEXT = 200
_DOCUMENT_RE = re.compile(r"<\s*(?:html|body)[\s>]", re.I)


def read_bytes(data: bytes) -> ArticleDraft:
    text, encoding = _decode_html(data)
    return draft_from_html(text, encoding=encoding)


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode as the page declares (``<meta charset>``) unless a BOM or UTF-16 says otherwise."""
    declared = _CHARSET_RE.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "cp1252", "latin-1", "iso8859-1", "ascii", "utf-16", "utf-32"):
            if b"\x00" in data:
                raise FormatError("looks like binary data, not text")
            return data.decode(codec, errors="replace"), codec
    return decode_bytes(data)


def _extract(trafilatura, html: str, **options):
    return trafilatura.bare_extraction(
        html,
        url=None,  # never fetched: with no URL to download, trafilatura stays off the network
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        **options,
    )


def draft_from_html(html: str, *, encoding: str = "utf-8") -> ArticleDraft:
    if not html.strip():
        raise FormatError("contains no text (only whitespace)")
    if not _TAG_RE.search(html[:65536]):
        raise FormatError("does not look like an HTML page (no tags found)")
    import trafilatura  # heavy: imported only when an HTML page is read

    if not _DOCUMENT_RE.search(html[:65536]):
        html = f"<html><body>{html}</body></html>"  # a bare fragment: trafilatura wants a document
    try:
        doc = _extract(trafilatura, html, favor_precision=True)
        if doc is None or not (doc.text or "").strip():
            doc = _extract(trafilatura, html, favor_recall=True)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:  # lxml/trafilatura on broken input
        raise FormatError(f"not a readable HTML page ({type(exc).__name__}: {exc})") from None
    text = normalise_newlines(getattr(doc, "text", None) or "") if doc is not None else ""
    truncated = bool(_DOCUMENT_RE.search(html[:65536])) and not _CLOSE_RE.search(html[-65536:])
    if truncated and len(text.strip()) < MIN_TRUNCATED_TEXT:
        raise FormatError("the HTML page is truncated (it ends before </body> or </html>) and holds no article text")
    if not text.strip():
        raise FormatError(
            "no article text found in the HTML page (it may be malformed, truncated, "
            "or not an article)"
        )
    extra: dict = {"encoding": encoding}
    if truncated:
        extra["truncated"] = True
    for key in ("author", "description", "language", "hostname"):
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    return ArticleDraft(
        text=text,
        title=clean_title(doc.title or "") or clean_title(text.split("\n", 1)[0]),
        outlet=(doc.sitename or doc.hostname or "").strip(),
        date=normalise_date(doc.date),
        url=doc.url or None,
        fmt="html",
        extra=extra,
    )
