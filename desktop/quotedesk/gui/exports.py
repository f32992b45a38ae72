"""Exports from the window: quotes of the current article or selection to CSV/JSON, and a printable
HTML report of an article with its quotes highlighted in speaker colours."""
from __future__ import annotations

import html
from pathlib import Path

from quotedesk.core.exporting import count_quotes, export_file
from quotedesk.core.output import atomic_path, atomic_write_text
from quotedesk.core.store import Store
from quotedesk.core.store.quotes import QuoteRow
from quotedesk.gui.colors import speaker_accent, speaker_color


class ExportCancelled(Exception):
    """The analyst cancelled an export: no file was written, an earlier one is intact."""


def export_quotes(store: Store, path: Path, *, article_ids: list[int] | None = None,
                  quote_ids: list[int] | None = None, earlier: bool = False, task=None) -> int:
    """Write CSV or JSON (by the file's suffix); returns the number of quotes written.

    ``earlier`` adds what the Matches panel lists for each quote, as ``quotedesk export`` does
    (each quote is matched: seconds per hundred quotes). ``task`` (a worker's
    :class:`~quotedesk.gui.workers.TaskState`) hears the progress and may cancel: then
    :class:`ExportCancelled` is raised and nothing is written."""
    fmt = "json" if Path(path).suffix.lower() == ".json" else "csv"
    watch = None
    if task is not None:
        total = max(1, count_quotes(store, article_ids=article_ids, quote_ids=quote_ids))

        def watch(records):
            for i, rec in enumerate(records):
                if task.cancelled():
                    raise ExportCancelled()
                if i % 25 == 0:
                    task.progress(i / total)
                yield rec

    return export_file(store, path, fmt, article_ids=article_ids, quote_ids=quote_ids,
                       earlier=earlier, watch=watch)


def article_report_html(article: dict, quotes: list[QuoteRow]) -> str:
    """A self-contained, printable page: the article with quotes marked, then a table of quotes."""
    text = article["text"]
    parts, pos = [], 0
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if q.start < pos:  # nested/overlapping: listed in the table only
            continue
        key = q.speaker_ids[0] if q.speaker_ids else None
        parts.append(html.escape(text[pos:q.start]))
        parts.append(f"<span class='q' style='background-color:{speaker_color(key, dark=False).name()};"
                     f"border-bottom:2px solid {speaker_accent(key, dark=False).name()}' "
                     f"title='{html.escape(q.speaker_label or 'unknown')}'>{html.escape(text[q.start:q.end])}"
                     f"<sup style='color:{speaker_accent(key, dark=False).name()}'>"
                     f"{html.escape(q.speaker_label or '?')}</sup></span>")
        pos = q.end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>\n")
    rows = "".join(
        f"<tr><td>{html.escape(q.speaker_label or 'unknown')}</td><td>{html.escape(q.text)}</td>"
        f"<td>{q.kind}</td><td>{q.confidence:.2f}</td><td>{q.status}</td></tr>" for q in quotes)
    meta = " · ".join(html.escape(x) for x in (article.get("outlet"), article.get("date"), article.get("url")) if x)
    title = html.escape(article.get("title") or "(untitled)")
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.5; color: #111; }}
span.q {{ padding: 0 1px; }} sup {{ font: 9pt sans-serif; color: #444; margin-left: 2px; }}
table {{ border-collapse: collapse; font: 10pt sans-serif; width: 100%; margin-top: 2em; }}
td, th {{ border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }}
.meta {{ color: #555; font: 10pt sans-serif; }}
@media print {{ body {{ margin: 0; }} span.q {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }} }}
</style></head><body>
<h1>{title}</h1><p class="meta">{meta}</p>
<div class="text">{body}</div>
<h2>Quotes ({len(quotes)})</h2>
<table><tr><th>Speaker</th><th>Quote</th><th>Kind</th><th>Confidence</th><th>Status</th></tr>{rows}</table>
<p class="meta">Made with Quotedesk.</p>
</body></html>
"""


def write_report(path: Path, page: str) -> None:
    """Save the report as HTML, or as PDF (rendered by Qt) when ``path`` ends in ``.pdf``."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        atomic_write_text(path, page)
        return
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(150)
        doc = QTextDocument()
        doc.setHtml(page)
        doc.print_(writer)
        del writer  # closes the file
