"""Verdicts on statements and quotes, "checked before" for a new quote, and verdict exports.

A statement is named as everywhere in matching: an imported statement by its own id (``ext_id``),
a stored quote as ``q<id>``. Each statement carries at most one verdict (setting replaces).
Exports: ClaimReview JSON-LD (https://schema.org/ClaimReview, as read by fact-check search tools)
and CSV. Pure functions of a :class:`Store`; no Qt.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quotedesk.core.output import atomic_write_text, csv_row
from quotedesk.core.store.db import Store

if TYPE_CHECKING:  # pragma: no cover
    from quotedesk.core.matching.claimreview import Publisher
    from quotedesk.core.matching.service import Match

#: Labels offered by the app; any other non-empty label is accepted as the user's own.
STANDARD_LABELS = ("true", "mostly true", "misleading", "mostly false", "false", "unverified")
from quotedesk.core.matching.claimreview import RATING  # noqa: E402,F401  (re-exported)
#: Matches scoring at least this are shown as "checked before".
CHECKED_BEFORE_MIN_SCORE = 60.0


@dataclass(frozen=True)
class Verdict:
    statement_id: str
    label: str
    note: str
    decided_at: str


@dataclass(frozen=True)
class CheckedBefore:
    """A match of a quote that carries a verdict: "checked before: false, 2019-10-22"."""

    match: "Match"
    verdict: Verdict

    def summary(self) -> str:
        when = self.match.date or self.verdict.decided_at[:10]
        return f"checked before: {self.verdict.label}, {when}"


def _target(store: Store, statement_id: str) -> tuple[str, int]:
    """(column, row id) of ``verdicts`` for a statement id; KeyError if it does not exist."""
    from quotedesk.core.matching.service import resolve_statement

    ref = resolve_statement(store, statement_id)
    if ref is None:
        raise KeyError(f"no statement {statement_id!r}")
    return ("quote_id" if ref[0] else "statement_id"), ref[1]


def verdict_labels(store: Store) -> list[str]:
    """The standard labels, then every other label already used (most used first)."""
    used = [r[0] for r in store.conn.execute(
        "SELECT label FROM verdicts GROUP BY label ORDER BY count(*) DESC, label")]
    return list(STANDARD_LABELS) + [x for x in used if x not in STANDARD_LABELS]


def set_verdict(store: Store, statement_id: str, label: str, note: str = "") -> Verdict:
    """Give a statement (or quote ``q<id>``) a verdict, replacing any earlier one."""
    label = " ".join(label.split()).lower() if label.strip().lower() in STANDARD_LABELS else label.strip()
    if not label:
        raise ValueError("a verdict needs a label")
    col, rid = _target(store, statement_id)
    with store.transaction() as conn:
        conn.execute(f"DELETE FROM verdicts WHERE {col} = ?", (rid,))
        conn.execute(f"INSERT INTO verdicts ({col}, label, note) VALUES (?, ?, ?)", (rid, label, note))
    v = get_verdict(store, statement_id)
    assert v is not None
    return v


def get_verdict(store: Store, statement_id: str) -> Verdict | None:
    col, rid = _target(store, statement_id)
    row = store.conn.execute(f"SELECT label, note, decided_at FROM verdicts WHERE {col} = ?",
                             (rid,)).fetchone()
    return Verdict(str(statement_id), *row) if row else None


def clear_verdict(store: Store, statement_id: str) -> None:
    col, rid = _target(store, statement_id)
    with store.transaction() as conn:
        conn.execute(f"DELETE FROM verdicts WHERE {col} = ?", (rid,))


def verdicts_for(store: Store, matches: list["Match"]) -> dict[str, Verdict]:
    """Verdicts of the given matches, by statement id (one query per kind)."""
    out: dict[str, Verdict] = {}
    by_row = {(m.is_quote, m.row_id): m.statement_id for m in matches}
    for is_quote, column in ((False, "statement_id"), (True, "quote_id")):
        ids = [m.row_id for m in matches if m.is_quote == is_quote]
        if not ids:
            continue
        for rid, label, note, at in store.conn.execute(
                f"SELECT {column}, label, note, decided_at FROM verdicts WHERE {column} IN "
                "(SELECT value FROM json_each(?))", (json.dumps(ids),)):
            sid = by_row[(is_quote, rid)]
            out[sid] = Verdict(sid, label, note, at)
    return out


def checked_before(store: Store, *, quote_id: int | None = None, text: str | None = None,
                   speaker: str | None = None, matches: list["Match"] | None = None,
                   min_score: float = CHECKED_BEFORE_MIN_SCORE, top: int = 10) -> list[CheckedBefore]:
    """Earlier statements matching a quote (or a text) that carry a verdict, best match first.

    Pass ``matches`` when they were already computed (the matches panel), else they are found.
    """
    from quotedesk.core.matching.service import find_matches, match_quote

    if matches is None:
        if quote_id is not None:
            matches = match_quote(store, quote_id, top=top)
        elif text is not None:
            matches = find_matches(store, text, speaker=speaker, top=top)
        else:
            raise ValueError("give quote_id, text or matches")
    good = [m for m in matches if m.score >= min_score]
    vs = verdicts_for(store, good)
    return [CheckedBefore(m, vs[m.statement_id]) for m in good if m.statement_id in vs]


# --- exports -------------------------------------------------------------------------------------

_EXPORT_SQL = """
SELECT v.label, v.note, v.decided_at, s.ext_id AS statement_id, s.text, s.speaker, s.date,
       s.source, s.url
FROM verdicts v JOIN statements s ON s.id = v.statement_id
UNION ALL
SELECT v.label, v.note, v.decided_at, 'q' || q.id, q.text,
       (SELECT group_concat(name, ' & ') FROM (SELECT sp.name FROM quote_speakers qs
            JOIN speakers sp ON sp.id = qs.speaker_id WHERE qs.quote_id = q.id ORDER BY qs.position)),
       a.date, a.outlet, a.url
FROM verdicts v JOIN quotes q ON q.id = v.quote_id JOIN articles a ON a.id = q.article_id
ORDER BY 3
"""

CSV_COLUMNS = ("statement_id", "label", "note", "decided_at", "text", "speaker", "date", "source",
               "url")


def verdict_rows(store: Store) -> list[dict]:
    return store.query(_EXPORT_SQL)


def claimreview(row: dict, *, publisher: str = "Quotedesk user", review_url: str | None = None) -> dict:
    """One verdict as a schema.org ClaimReview object (JSON-LD); see
    :mod:`quotedesk.core.matching.claimreview` for the publishable form."""
    from quotedesk.core.matching.claimreview import Publisher, claimreview as build

    out = build(row, Publisher(name=publisher))
    if review_url:
        out["url"] = review_url
    return out


def export_claimreview(store: Store, path: str | Path | None = None, *,
                       publisher: "str | Publisher" = "Quotedesk user",
                       notes: list[str] | None = None) -> list[dict]:
    """All verdicts as a JSON-LD list of ClaimReview objects; written to ``path`` if given (HTML-safe
    JSON). ``publisher``: a :class:`~quotedesk.core.matching.claimreview.Publisher` or a name."""
    from quotedesk.core.matching.claimreview import Publisher, export_claimreview as export

    pub = publisher if isinstance(publisher, Publisher) else Publisher(name=publisher)
    return export(verdict_rows(store), pub, path, notes)


def export_csv(store: Store, path: str | Path | None = None) -> str:
    """All verdicts as CSV (header ``CSV_COLUMNS``); written to ``path`` if given, returned."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in verdict_rows(store):
        w.writerow(csv_row(r))
    if path is not None:
        atomic_write_text(path, buf.getvalue())
    return buf.getvalue()
