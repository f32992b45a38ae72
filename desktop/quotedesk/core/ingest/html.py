"""HTML news pages, reduced to the article's text and metadata by trafilatura.

No hand-written tag stripping, and no network: trafilatura is given the page as a string and no
URL to fetch, so it never downloads anything; scripts are never run (it only parses). The
article text is trafilatura's plain-text output; title, date, outlet (site name, else host
name) and canonical URL come from the page's metadata.

libxml2's HTML parser does not know the HTML5 void elements ``<embed>``, ``<source>``, ``<track>``,
``<wbr>``, ``<keygen>``: it nests the rest of the page inside the first one, and trafilatura then
discards that element with everything in it. Each is closed where it opens before parsing.
The kept text is then compared with the page's paragraph text (a plain lxml text extraction):
when most of it is missing, ``extra["warnings"]`` says so (stored on the article, shown in the
import report).
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
#: void elements libxml2 treats as containers (bounded attribute run: linear on hostile input)
_VOID_RE = re.compile(r"<(embed|source|track|wbr|keygen)\b([^<>]{0,4096})>", re.I)
_VOID_END_RE = re.compile(r"</\s*(?:embed|source|track|wbr|keygen)\s*>", re.I)
#: Warn when the article keeps less than this share of the page's paragraph words ...
MIN_KEPT_SHARE = 0.5
#: ... and at least this many paragraph words are missing.
MIN_MISSING_WORDS = 100


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
    html = _close_void_elements(html)
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
    warning = _missing_text_warning(html, text)
    if warning:
        extra["warnings"] = [warning]
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


def _close_void_elements(html: str) -> str:
    """``<source src=x>`` becomes ``<source src=x></source>`` (a stray old end tag is dropped)."""
    html = _VOID_END_RE.sub("", html)
    return _VOID_RE.sub(lambda m: f"<{m.group(1)}{m.group(2).rstrip('/')}></{m.group(1)}>", html)


def _paragraph_words(html: str) -> int:
    """Words of the page's visible paragraph text, by a plain lxml extraction (no heuristics)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, RecursionError):  # lxml on broken input: nothing to compare with
        return 0
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    words = 0
    for p in root.iter("p"):
        if not any(a.tag == "p" for a in p.iterancestors()):  # nested <p>: counted once
            words += len(p.text_content().split())
    return words


def _missing_text_warning(html: str, text: str) -> str | None:
    visible = _paragraph_words(html)
    kept = len(text.split())
    if visible - kept < MIN_MISSING_WORDS or kept >= visible * MIN_KEPT_SHARE:
        return None
    return (f"only {kept:,} of the page's {visible:,} words of paragraph text were kept by the "
            "article extractor; compare the article with the page, and paste the missing text "
            "as an article if it matters")
