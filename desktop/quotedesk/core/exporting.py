"""Exporting quotes for analysis elsewhere: CSV (one row per quote) and JSON.

Cells go through :func:`quotedesk.core.output.csv_cell` (never a spreadsheet formula) and files
through :func:`quotedesk.core.output.atomic_write` (see :func:`export_file`).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterator, TextIO

from quotedesk.core.output import atomic_write, csv_row, json_dumps
from quotedesk.core.store.db import Store

FIELDS = ("quote_id", "article_id", "article_title", "outlet", "date", "url", "speaker", "speakers",
          "text", "kind", "cue", "confidence", "status", "start", "end")


def iter_quote_records(store: Store, *, article_ids: list[int] | None = None,
                       quote_ids: list[int] | None = None) -> Iterator[dict]:
    """Every quote (or the given ones) with its article and speakers, in article/date order."""
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


def write_csv(records, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        rec = dict(rec, speakers="; ".join(rec["speakers"]))
        writer.writerow(csv_row(rec))
        n += 1
    return n


def write_json(records, out: TextIO) -> int:
    items = list(records)
    out.write(json_dumps(items, indent=1))
    out.write("\n")
    return len(items)


def export_file(store: Store, path, fmt: str, **kwargs) -> int:
    """Write the quotes to ``path`` as ``fmt`` ("csv" or "json"), whole or not at all (an existing
    file is replaced only once the new one is complete); returns the number of quotes."""
    writer = write_csv if fmt == "csv" else write_json
    with atomic_write(path, newline="") as out:
        return writer(iter_quote_records(store, **kwargs), out)


def export_text(store: Store, fmt: str, **kwargs) -> str:
    buf = io.StringIO()
    (write_csv if fmt == "csv" else write_json)(iter_quote_records(store, **kwargs), buf)
    return buf.getvalue()
