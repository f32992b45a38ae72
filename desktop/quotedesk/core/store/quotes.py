"""Reading and writing quotes (one row per quotation, speakers in ``quote_speakers``)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from quotedesk.core.model import ExtractedQuote
from quotedesk.core.store.db import Store, add_date_range

_COLUMNS = ('id, article_id, start, "end", text, kind, floating, cue, cue_start, cue_end, mention, '
            'mention_start, mention_end, resolved_from, confidence, status')


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A stored quote as the views show it."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    kind: str
    floating: bool
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    resolved_from: str | None
    confidence: float
    status: str
    speakers: tuple[tuple[int, str], ...] = ()

    @property
    def speaker_ids(self) -> tuple[int, ...]:
        return tuple(s[0] for s in self.speakers)

    @property
    def speaker_label(self) -> str:
        return " & ".join(s[1] for s in self.speakers)


def _speakers_by_quote(store: Store, quote_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for chunk_start in range(0, len(quote_ids), 500):
        chunk = quote_ids[chunk_start:chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for qid, sid, name in store.execute(
            f"SELECT qs.quote_id, s.id, s.name FROM quote_speakers qs JOIN speakers s ON s.id = qs.speaker_id "
            f"WHERE qs.quote_id IN ({marks}) ORDER BY qs.quote_id, qs.position", chunk):
            out.setdefault(qid, []).append((sid, name))
    return out


def _rows(store: Store, sql: str, params=()) -> list[QuoteRow]:
    raw = store.execute(sql, params).fetchall()
    speakers = _speakers_by_quote(store, [r[0] for r in raw])
    return [QuoteRow(*r[:6], bool(r[6]), *r[7:], speakers=tuple(speakers.get(r[0], ()))) for r in raw]


def quotes_for_article(store: Store, article_id: int) -> list[QuoteRow]:
    return _rows(store, f"SELECT {_COLUMNS} FROM quotes WHERE article_id = ? ORDER BY start, \"end\"",
                 (article_id,))


def get_quote(store: Store, quote_id: int) -> QuoteRow | None:
    rows = _rows(store, f"SELECT {_COLUMNS} FROM quotes WHERE id = ?", (quote_id,))
    return rows[0] if rows else None


def raw_quote(store: Store, quote_id: int) -> dict | None:
    """The full row (every column) of a quote, for snapshots that undo a deletion."""
    rows = store.query('SELECT * FROM quotes WHERE id = ?', (quote_id,))
    return rows[0] if rows else None


def set_quote_speakers(store: Store, quote_id: int, speaker_ids: tuple[int, ...]) -> None:
    store.execute("DELETE FROM quote_speakers WHERE quote_id = ?", (quote_id,))
    seen = set()
    for pos, sid in enumerate(speaker_ids):
        if sid in seen:
            continue
        seen.add(sid)
        store.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                      (quote_id, sid, pos))


def insert_extracted(store: Store, article_id: int, quote: ExtractedQuote, *, status: str = "auto",
                     speaker_ids: tuple[int, ...] = ()) -> int:
    """Store one extracted quote with its evidence, linked to ``speaker_ids`` (decided by
    ``speakers.persist_article_speakers``), inside a transaction."""
    cue_span, mention_span = quote.cue_span, quote.mention_span
    cur = store.execute(
        'INSERT INTO quotes (article_id, start, "end", text, kind, floating, cue, cue_start, cue_end, '
        "mention, mention_start, mention_end, resolved_from, confidence, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, quote.start, quote.end, quote.text, quote.kind, int(quote.floating), quote.cue,
         cue_span.start if cue_span else None, cue_span.end if cue_span else None,
         quote.mention, mention_span.start if mention_span else None,
         mention_span.end if mention_span else None, quote.resolved_from, float(quote.confidence), status),
    )
    quote_id = cur.lastrowid
    set_quote_speakers(store, quote_id, tuple(speaker_ids))
    return quote_id


_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def fts_phrase_query(text: str) -> str | None:
    """Turn anything a user types into a safe FTS5 query: every word a quoted term, AND-ed,
    the last one a prefix. FTS5 syntax characters (``"``, ``*``, ``NEAR(``, parentheses,
    ``AND``/``OR``) are treated as text, never as syntax. None when there is no word at all."""
    words = _FTS_WORD.findall(text)
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


def search_quotes(store: Store, text: str = "", *, speaker_id: int | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  status: str | None = None, limit: int = 500, offset: int = 0) -> list[QuoteRow]:
    """Quotes matching a free-text search (FTS5) and filters, newest article first."""
    where, params = [], []
    if text.strip():
        query = fts_phrase_query(text)
        if query is None:
            return []
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(query)
    if speaker_id is not None:
        where.append("q.id IN (SELECT quote_id FROM quote_speakers WHERE speaker_id = ?)")
        params.append(speaker_id)
    add_date_range(where, params, date_from, date_to)
    if status:
        where.append("q.status = ?")
        params.append(status)
    cols = ", ".join("q." + c.strip() for c in _COLUMNS.split(","))
    sql = (f"SELECT {cols} FROM quotes q JOIN articles a ON a.id = q.article_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} "
           "ORDER BY a.date DESC, q.article_id, q.start LIMIT ? OFFSET ?")
    return _rows(store, sql, (*params, limit, offset))


def review_queue(store: Store, *, limit: int = 200, offset: int = 0) -> list[QuoteRow]:
    """Unreviewed quotes across all articles, least confident first."""
    cols = ", ".join(c.strip() for c in _COLUMNS.split(","))
    return _rows(store, f"SELECT {cols} FROM quotes WHERE status = 'auto' "
                        "ORDER BY confidence, article_id, start LIMIT ? OFFSET ?", (limit, offset))


def review_counts(store: Store, *, since: str | None = None) -> dict[str, int]:
    """Number of quotes per review status (auto = still to review). With ``since`` (an ISO
    timestamp such as today's midnight in UTC), only quotes reviewed since then are counted for
    the reviewed statuses; ``auto`` is always the whole backlog."""
    counts = {s: 0 for s in ("auto", "confirmed", "corrected", "added")}
    if since is None:
        rows = store.execute("SELECT status, count(*) FROM quotes GROUP BY status")
    else:
        rows = store.execute("SELECT status, count(*) FROM quotes WHERE status = 'auto' OR updated_at >= ? "
                             "GROUP BY status", (since,))
    for status, n in rows:
        counts[status] = n
    return counts
