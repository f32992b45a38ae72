"""Exporting quotes for analysis elsewhere: CSV (one row per quote) and JSON.

With ``earlier=True`` each quote carries what the matches panel lists for it, from the same
function (:func:`quotedesk.core.matching.panel_rows.earlier_records`): JSON an ``earlier`` list,
best first; CSV two columns appended after :data:`FIELDS` (:data:`EARLIER_FIELDS`: how many
earlier matches, and the best one's date), so existing readers of the first columns keep working.

Cells go through :func:`quotedesk.core.output.csv_cell` (never a spreadsheet formula) and files
through :func:`quotedesk.core.output.atomic_write` (see :func:`export_file`).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterator, TextIO

from quotedesk.core.output import atomic_write, csv_row, json_dumps
from quotedesk.core.store.db import Store

FIELDS = ("quote_id", "article_id", "article_title", "outlet", "date", "url", "speaker", "speakers",
          "text", "kind", "cue", "confidence", "status", "start", "end")
#: appended at the end of the CSV when the earlier matches are exported
EARLIER_FIELDS = ("earlier_count", "earlier_best_date")


def iter_quote_records(store: Store, *, article_ids: list[int] | None = None,
                       quote_ids: list[int] | None = None, earlier: bool = False) -> Iterator[dict]:
    """Every quote (or the given ones) with its article and speakers, in article/date order;
    with ``earlier``, plus the ``earlier`` list the matches panel shows (nothing is saved)."""
    if earlier:
        from quotedesk.core.matching.panel_rows import earlier_records

        for rec in iter_quote_records(store, article_ids=article_ids, quote_ids=quote_ids):
            rec["earlier"] = earlier_records(store, rec["quote_id"])
            yield rec
        return
    where, params = [], []
    if article_ids is not None:
        where.append(f"q.article_id IN ({','.join('?' * len(article_ids))})")
        params += article_ids
    if quote_ids is not None:
        where.append(f"q.id IN ({','.join('?' * len(quote_ids))})")
        params += quote_ids
    sql = (
        'SELECT q.id, q.article_id, a.title, a.outlet, a.date, a.url, q.text, q.kind, q.cue, q.confidence, '
        'q.status, q.start, q."end", '
        "(SELECT json_group_array(name) FROM (SELECT s.name FROM quote_speakers qs JOIN speakers s "
        " ON s.id = qs.speaker_id WHERE qs.quote_id = q.id ORDER BY qs.position)) "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.date, a.id, q.start"
    )
    for row in store.execute(sql, params):
        names = json.loads(row[13]) if row[13] else []
        yield {
            "quote_id": row[0], "article_id": row[1], "article_title": row[2], "outlet": row[3],
            "date": row[4], "url": row[5], "speaker": " & ".join(names) or None, "speakers": names,
            "text": row[6], "kind": row[7], "cue": row[8], "confidence": row[9], "status": row[10],
            "start": row[11], "end": row[12],
        }


def write_csv(records, out: TextIO, *, earlier: bool = False) -> int:
    """One row per quote; with ``earlier``, the :data:`EARLIER_FIELDS` columns at the end."""
    with_earlier = earlier
    writer = csv.DictWriter(out, fieldnames=FIELDS + (EARLIER_FIELDS if with_earlier else ()),
                            extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        rec = dict(rec, speakers="; ".join(rec["speakers"]))
        if with_earlier:
            found = rec.get("earlier") or []
            rec["earlier_count"] = len(found)
            rec["earlier_best_date"] = found[0]["date"] if found else ""
        writer.writerow(csv_row(rec))
        n += 1
    return n


def write_json(records, out: TextIO, *, earlier: bool = False) -> int:
    items = list(records)
    out.write(json_dumps(items, indent=1))
    out.write("\n")
    return len(items)


def export_file(store: Store, path, fmt: str, *, earlier: bool = False,
                watch: Callable[[Iterator[dict]], Iterator[dict]] | None = None, **kwargs) -> int:
    """Write the quotes to ``path`` as ``fmt`` ("csv" or "json"), whole or not at all (an existing
    file is replaced only once the new one is complete); returns the number of quotes.

    ``watch`` wraps the record stream (progress, cancel): an exception it raises, like any other,
    leaves no file behind and the earlier one intact."""
    writer = write_csv if fmt == "csv" else write_json
    records = iter_quote_records(store, earlier=earlier, **kwargs)
    with atomic_write(path, newline="") as out:
        return writer(watch(records) if watch is not None else records, out, earlier=earlier)


def count_quotes(store: Store, *, article_ids: list[int] | None = None,
                 quote_ids: list[int] | None = None) -> int:
    """How many records :func:`iter_quote_records` gives for the same selection (for progress)."""
    if quote_ids is not None:
        return len(set(quote_ids))
    if article_ids is not None:
        marks = ",".join("?" * len(article_ids))
        return store.execute(f"SELECT count(*) FROM quotes WHERE article_id IN ({marks})",
                             list(article_ids)).fetchone()[0]
    return store.execute("SELECT count(*) FROM quotes").fetchone()[0]


def export_stream(store: Store, out: TextIO, fmt: str, *, earlier: bool = False, **kwargs) -> int:
    writer = write_csv if fmt == "csv" else write_json
    return writer(iter_quote_records(store, earlier=earlier, **kwargs), out, earlier=earlier)


def export_text(store: Store, fmt: str, *, earlier: bool = False, **kwargs) -> str:
    buf = io.StringIO()
    export_stream(store, buf, fmt, earlier=earlier, **kwargs)
    return buf.getvalue()
