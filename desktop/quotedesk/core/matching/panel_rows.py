"""What the matches panel and the verdict dialog show, assembled in the core (no Qt, no widgets):

* :func:`compute_matches` — match a quote, save the suggestions, and return rows carrying the
  ``matches.id`` and decision status of each match plus the verdict of its statement (one call
  for the panel's worker; the core has the pieces but not the ids/status join);
* :func:`get_statement` — one statement (quote or imported) by reference, with date and source;
* :func:`verdict_labels` — the standard labels plus every label already used.

Threading: pure functions of a :class:`Store`; a worker thread passes its own store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from quotedesk.core.matching import match_quote, save_matches
from quotedesk.core.matching.service import (EARLIER, LATER, SAME_DAY, UNDATED, lexical_reason,
                                             when_said)
from quotedesk.core.matching.verdicts import STANDARD_LABELS, Verdict, get_verdict, verdicts_for
from quotedesk.core.store.db import Store
from quotedesk.core.store.quotes import get_quote

_QUOTE_ID = re.compile(r"^q(\d+)$")


# --- statement references ----------------------------------------------------------------------

@dataclass(frozen=True)
class StatementRef:
    """Which row a statement is: a stored quote (``is_quote``) or an imported statement."""

    is_quote: bool
    row_id: int

    @property
    def key(self) -> str:
        """A stable key for dictionaries (``q12`` / ``s34``, not the ext id)."""
        return f"{'q' if self.is_quote else 's'}{self.row_id}"


def resolve_statement_id(store: Store, statement_id: str) -> StatementRef | None:
    """The row behind a statement id as ``Match.statement_id`` writes it (ext_id or ``q<id>``).

    An imported statement whose own id looks like ``q12`` wins over quote 12 only when no
    quote 12 exists (ext ids rarely look like that; matches carry ``is_quote`` anyway).
    """
    m = _QUOTE_ID.match(statement_id)
    if m and store.query("SELECT 1 AS x FROM quotes WHERE id = ?", (int(m.group(1)),)):
        return StatementRef(True, int(m.group(1)))
    rows = store.query("SELECT id FROM statements WHERE ext_id = ?", (statement_id,))
    if rows:
        return StatementRef(False, rows[0]["id"])
    return None


@dataclass(frozen=True)
class Statement:
    """One thing somebody said: a stored quote or an imported statement."""

    statement_id: str          # ``q<id>`` or the imported ext_id
    is_quote: bool
    row_id: int
    text: str
    speaker: str | None = None
    date: str | None = None     # YYYY-MM-DD (or a longer ISO string), None when unknown
    source: str | None = None   # outlet for quotes
    title: str | None = None
    url: str | None = None

    @property
    def ref(self) -> StatementRef:
        return StatementRef(self.is_quote, self.row_id)


_QUOTE_SQL = """
SELECT q.id, q.text, a.date, a.outlet, a.title, a.url,
       (SELECT group_concat(name, ' & ') FROM (SELECT s.name FROM quote_speakers qs
            JOIN speakers s ON s.id = qs.speaker_id WHERE qs.quote_id = q.id
            ORDER BY qs.position)) AS speaker
FROM quotes q JOIN articles a ON a.id = q.article_id
"""


def _quote_statement(r: dict) -> Statement:
    return Statement(f"q{r['id']}", True, r["id"], r["text"], r["speaker"], r["date"] or None,
                     r["outlet"] or None, r["title"] or None, r["url"])


def _imported_statement(r: dict) -> Statement:
    return Statement(r["ext_id"], False, r["id"], r["text"], r["speaker"], r["date"], r["source"],
                     r["title"], r["url"])


def get_statement(store: Store, ref: StatementRef) -> Statement | None:
    """One statement by reference, or None when it no longer exists."""
    if ref.is_quote:
        rows = store.query(_QUOTE_SQL + " WHERE q.id = ?", (ref.row_id,))
        return _quote_statement(rows[0]) if rows else None
    rows = store.query("SELECT id, ext_id, text, speaker, date, source, title, url FROM statements "
                       "WHERE id = ?", (ref.row_id,))
    return _imported_statement(rows[0]) if rows else None


# --- verdicts ------------------------------------------------------------------------------------

def verdict_labels(store: Store) -> list[str]:
    """The core's standard labels, then every other label already used (for the editable combo)."""
    used = [r["label"] for r in store.query(
        "SELECT label, count(*) AS n FROM verdicts GROUP BY label ORDER BY n DESC, label")]
    return list(STANDARD_LABELS) + [x for x in used if x not in STANDARD_LABELS]


# --- matches of a quote, for the panel -----------------------------------------------------------

@dataclass(frozen=True)
class MatchRow:
    """One row of the matches panel: a match with its decision and the statement's verdict."""

    statement_id: str
    is_quote: bool
    row_id: int
    text: str
    speaker: str | None
    date: str | None
    source: str | None
    score: float
    kind: str
    status: str = "suggested"        # suggested / confirmed / rejected
    match_id: int | None = None      # matches.id once saved
    verdict: Verdict | None = None
    title: str | None = None
    url: str | None = None
    #: earlier / same_day / undated, against the quote's article date
    when: str = EARLIER

    @property
    def ref(self) -> StatementRef:
        return StatementRef(self.is_quote, self.row_id)

    @property
    def origin(self) -> str:
        """Where the statement comes from, as the panel says it."""
        return "library" if self.is_quote else "statement memory"

    @property
    def shown(self) -> bool:
        """Listed by default: not weak (or confirmed). Rejected rows stay listed, greyed."""
        return self.status == "confirmed" or self.score >= WEAK_SCORE


#: Matches scoring below this are "weak" and hidden unless asked for (or confirmed). On the
#: CheckThat! TRAIN splits, 35 hides 1-4% of the true matches in the top 5 and 14-49% of the
#: others (40 hid 6-12% of the true ones once sentence vectors joined the score).
WEAK_SCORE = 35.0


@dataclass
class MatchesResult:
    quote_id: int
    quote_text: str = ""
    quote_speaker: str | None = None
    quote_date: str | None = None
    rows: list[MatchRow] = field(default_factory=list)
    quote_verdict: Verdict | None = None
    saved: bool = False
    #: why the matching was by words only (None: the sentence vectors took part)
    lexical_reason: str | None = None

    def group(self, when: str) -> list[MatchRow]:
        """The rows said ``when`` (earlier / same_day / undated), best first."""
        return [r for r in self.rows if r.when == when]

    def earlier_rows(self) -> list[MatchRow]:
        """What the panel lists as earlier statements (weak ones and rejections left out): the
        list behind every count ("3 earlier statements") and behind the exports."""
        return [r for r in self.rows if r.when == EARLIER and r.shown and r.status != "rejected"]


def match_id_for(store: Store, quote_id: int, ref: StatementRef) -> int | None:
    """The current ``matches.id`` of (quote, matched statement): re-matching a quote replaces its
    suggested rows, so ids of suggestions do not survive a re-match (core request: stable ids
    or ``set_match_status`` keyed by the pair)."""
    col = "other_quote_id" if ref.is_quote else "other_statement_id"
    rows = store.query(f"SELECT id FROM matches WHERE quote_id = ? AND {col} = ? ORDER BY id DESC",
                       (quote_id, ref.row_id))
    return rows[0]["id"] if rows else None


def _decided_rows(store: Store, quote_id: int) -> list[dict]:
    return store.query(
        """SELECT m.id, m.score, m.match_kind, m.status, m.other_quote_id, m.other_statement_id
           FROM matches m WHERE m.quote_id = ?""", (quote_id,))


def compute_matches(store: Store, quote_id: int, *, top: int = 10, save: bool = True) -> MatchesResult:
    """Match a stored quote, save its suggestions (keeping decisions) and return the panel rows.

    Rows: the fresh matches best first, then earlier decisions (confirmed/rejected) that are no
    longer in the top; each with its ``matches.id`` when saved and the verdict of its statement.
    """
    quote = get_quote(store, quote_id)
    if quote is None:
        raise KeyError(f"no quote {quote_id}")
    art = store.query("SELECT date FROM articles WHERE id = ?", (quote.article_id,))
    quote_date = (art[0]["date"] or None) if art else None
    result = MatchesResult(quote_id, quote.text, quote.speaker_label or None, quote_date)
    matches = match_quote(store, quote_id, top=top, same_day=True)
    result.lexical_reason = lexical_reason(store)
    if save and not store.readonly:
        save_matches(store, quote_id, matches)
        result.saved = True
    stored = {}
    for r in _decided_rows(store, quote_id):
        ref = (StatementRef(True, r["other_quote_id"]) if r["other_quote_id"] is not None
               else StatementRef(False, r["other_statement_id"]))
        stored[ref] = r
    rows: list[MatchRow] = []
    seen = set()
    for m in matches:
        ref = StatementRef(m.is_quote, m.row_id)
        s = stored.get(ref)
        rows.append(MatchRow(m.statement_id, m.is_quote, m.row_id, m.text, m.speaker, m.date,
                             m.source, m.score, m.kind, s["status"] if s else "suggested",
                             s["id"] if s else None, title=m.title, url=m.url, when=m.when))
        seen.add(ref)
    own = {r["id"] for r in store.query("SELECT id FROM quotes WHERE article_id = ?",
                                        (quote.article_id,))}
    for ref, s in stored.items():
        if ref in seen or s["status"] == "suggested":
            continue
        st = get_statement(store, ref)
        if st is None or (st.is_quote and st.row_id in own):
            continue
        when = when_said(st.date, quote_date)
        if when == LATER:  # a decision taken before the date rule: said after, not earlier
            continue
        rows.append(MatchRow(st.statement_id, st.is_quote, st.row_id, st.text, st.speaker, st.date,
                             st.source, s["score"], s["match_kind"], s["status"], s["id"],
                             title=st.title, url=st.url, when=when))
    order = {EARLIER: 0, SAME_DAY: 1, UNDATED: 2}
    rows.sort(key=lambda r: order.get(r.when, 3))  # stable: best first within each group
    verdicts = verdicts_for(store, rows)  # duck-typed: statement_id, is_quote, row_id
    result.rows = [replace(r, verdict=verdicts.get(r.statement_id)) for r in rows]
    result.quote_verdict = get_verdict(store, f"q{quote_id}")
    return result


def earlier_records(store: Store, quote_id: int, *, top: int = 10) -> list[dict]:
    """The earlier statements the panel lists for a quote, best first, as export records:
    ``{"text", "speaker", "date", "score", "match"}`` plus ``"article_title"`` for a quote of the
    library or ``"statement_id"`` and ``"source"`` for a recorded statement. Nothing is saved."""
    out = []
    for r in compute_matches(store, quote_id, top=top, save=False).earlier_rows():
        rec = {"text": r.text, "speaker": r.speaker, "date": r.date, "score": round(r.score, 1),
               "match": r.kind}
        if r.is_quote:
            rec["article_title"] = r.title
            rec["outlet"] = r.source
        else:
            rec["statement_id"] = r.statement_id
            rec["source"] = r.source
        if r.verdict is not None:
            rec["verdict"] = r.verdict.label
        out.append(rec)
    return out
