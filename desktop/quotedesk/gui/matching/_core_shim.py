"""TEMPORARY core shim for the matching widgets — Qt-free, to be moved into ``quotedesk.core``.

!! This module must not import Qt. It only calls public core functions and ``Store.query`` /
!! ``Store.transaction``; the lead moves it to ``core/matching/{timeline,verdicts}.py`` (or
!! replaces it with the core's own API) and the widgets then import from there.

What it provides (core requests, see the GUI report):

* statement references: ``q<id>`` (a stored quote) or an imported statement's ``ext_id``;
* :func:`compute_matches` — match a quote, save the suggestions, return rows with match ids,
  decision status and any verdict on the matched statement (what the matches panel shows);
* :func:`speaker_statements` / :func:`cluster_statements` — a speaker's timeline and its
  groups of statements that say the same thing (single-link, rapidfuzz ``token_set_ratio``);
* verdicts: :func:`get_verdict`, :func:`set_verdict` (one transaction), :func:`list_verdicts`,
  :func:`verdicts_csv`, :func:`verdicts_claimreview`.

Threading: pure functions of a :class:`Store`; a worker thread passes its own store.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from quotedesk.core.matching import match_quote, save_matches
from quotedesk.core.matching.text import speaker_key
from quotedesk.core.store.db import Store
from quotedesk.core.store.quotes import get_quote
from quotedesk.core.store.speakers import lookup_speaker

#: The verdict labels offered first; users may type their own.
STANDARD_LABELS = ("true", "false", "misleading", "unverified")
#: ClaimReview ``ratingValue`` on a 1 (worst) .. 5 (best) scale for the standard labels.
_RATING = {"true": 5, "misleading": 2, "false": 1}

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

@dataclass(frozen=True)
class Verdict:
    label: str
    note: str
    decided_at: str            # ISO timestamp (UTC)
    ref: StatementRef

    @property
    def date(self) -> str:
        return self.decided_at[:10]


def _where(ref: StatementRef) -> tuple[str, tuple]:
    return ("quote_id = ?" if ref.is_quote else "statement_id = ?"), (ref.row_id,)


def get_verdict(store: Store, ref: StatementRef) -> Verdict | None:
    where, params = _where(ref)
    rows = store.query(f"SELECT label, note, decided_at FROM verdicts WHERE {where}", params)
    return Verdict(rows[0]["label"], rows[0]["note"], rows[0]["decided_at"], ref) if rows else None


def verdicts_for(store: Store, refs: list[StatementRef]) -> dict[StatementRef, Verdict]:
    """Verdicts of many statements at once (missing ones are absent)."""
    out: dict[StatementRef, Verdict] = {}
    q_ids = [r.row_id for r in refs if r.is_quote]
    s_ids = [r.row_id for r in refs if not r.is_quote]
    for col, ids, is_quote in (("quote_id", q_ids, True), ("statement_id", s_ids, False)):
        if not ids:
            continue
        rows = store.query(
            f"SELECT {col} AS rid, label, note, decided_at FROM verdicts "
            f"WHERE {col} IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
        for r in rows:
            ref = StatementRef(is_quote, r["rid"])
            out[ref] = Verdict(r["label"], r["note"], r["decided_at"], ref)
    return out


def set_verdict(store: Store, ref: StatementRef, label: str | None, note: str = "") -> Verdict | None:
    """Set (or with an empty ``label`` remove) the verdict on a statement, in one transaction.

    Labels are stored lower-cased and trimmed; returns the verdict now stored (None if removed).
    """
    label = " ".join((label or "").split()).lower()
    col = "quote_id" if ref.is_quote else "statement_id"
    with store.transaction() as conn:
        conn.execute(f"DELETE FROM verdicts WHERE {col} = ?", (ref.row_id,))
        if label:
            conn.execute(f"INSERT INTO verdicts ({col}, label, note) VALUES (?, ?, ?)",
                         (ref.row_id, label, note.strip()))
    return get_verdict(store, ref) if label else None


def verdict_labels(store: Store) -> list[str]:
    """The standard labels, then every other label already used (for the editable combo)."""
    used = [r["label"] for r in store.query(
        "SELECT label, count(*) AS n FROM verdicts GROUP BY label ORDER BY n DESC, label")]
    return list(STANDARD_LABELS) + [x for x in used if x not in STANDARD_LABELS]


_VERDICT_ROWS_SQL = """
SELECT v.id, v.label, v.note, v.decided_at, v.quote_id, v.statement_id,
       coalesce(q.text, s.text) AS text, s.ext_id,
       coalesce(s.speaker, (SELECT group_concat(name, ' & ') FROM (SELECT sp.name FROM quote_speakers qs
            JOIN speakers sp ON sp.id = qs.speaker_id WHERE qs.quote_id = q.id
            ORDER BY qs.position))) AS speaker,
       coalesce(s.date, a.date) AS date, coalesce(s.source, a.outlet) AS source,
       coalesce(s.title, a.title) AS title, coalesce(s.url, a.url) AS url
FROM verdicts v
LEFT JOIN quotes q ON q.id = v.quote_id LEFT JOIN articles a ON a.id = q.article_id
LEFT JOIN statements s ON s.id = v.statement_id
ORDER BY v.decided_at, v.id
"""

CSV_FIELDS = ("statement_id", "label", "note", "decided_at", "speaker", "date", "source", "title",
              "url", "text")


def list_verdicts(store: Store) -> list[dict]:
    """Every verdict with its statement (``statement_id`` as ``q<id>`` or the ext id)."""
    out = []
    for r in store.query(_VERDICT_ROWS_SQL):
        r["statement_id"] = f"q{r['quote_id']}" if r["quote_id"] is not None else r["ext_id"]
        out.append(r)
    return out


def verdicts_csv(store: Store) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for r in list_verdicts(store):
        writer.writerow({k: ("" if r.get(k) is None else r[k]) for k in CSV_FIELDS})
    return buf.getvalue()


def verdicts_claimreview(store: Store, *, publisher: str = "Quotedesk") -> list[dict]:
    """Every verdict as a schema.org ``ClaimReview`` (JSON-LD objects)."""
    out = []
    for r in list_verdicts(store):
        rating: dict = {"@type": "Rating", "alternateName": r["label"]}
        if r["label"] in _RATING:
            rating.update(ratingValue=_RATING[r["label"]], bestRating=5, worstRating=1)
        claim: dict = {"@type": "Claim"}
        if r["speaker"]:
            claim["author"] = {"@type": "Person", "name": r["speaker"]}
        if r["date"]:
            claim["datePublished"] = r["date"]
        if r["url"] or r["title"] or r["source"]:
            appearance = {"@type": "CreativeWork"}
            if r["url"]:
                appearance["url"] = r["url"]
            if r["title"]:
                appearance["headline"] = r["title"]
            if r["source"]:
                appearance["publisher"] = {"@type": "Organization", "name": r["source"]}
            claim["appearance"] = appearance
        review = {"@context": "https://schema.org", "@type": "ClaimReview",
                  "identifier": r["statement_id"], "datePublished": r["decided_at"][:10],
                  "claimReviewed": r["text"], "itemReviewed": claim, "reviewRating": rating,
                  "author": {"@type": "Organization", "name": publisher}}
        if r["note"]:
            review["reviewBody"] = r["note"]
        out.append(review)
    return out


def verdicts_jsonld_text(store: Store) -> str:
    return json.dumps(verdicts_claimreview(store), ensure_ascii=False, indent=1) + "\n"


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

    @property
    def ref(self) -> StatementRef:
        return StatementRef(self.is_quote, self.row_id)


@dataclass
class MatchesResult:
    quote_id: int
    quote_text: str = ""
    quote_speaker: str | None = None
    quote_date: str | None = None
    rows: list[MatchRow] = field(default_factory=list)
    quote_verdict: Verdict | None = None
    saved: bool = False


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
    result = MatchesResult(quote_id, quote.text, quote.speaker_label or None,
                           art[0]["date"] if art else None)
    matches = match_quote(store, quote_id, top=top)
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
                             s["id"] if s else None, title=m.title, url=m.url))
        seen.add(ref)
    for ref, s in stored.items():
        if ref in seen or s["status"] == "suggested":
            continue
        st = get_statement(store, ref)
        if st is None:
            continue
        rows.append(MatchRow(st.statement_id, st.is_quote, st.row_id, st.text, st.speaker, st.date,
                             st.source, s["score"], s["match_kind"], s["status"], s["id"],
                             title=st.title, url=st.url))
    verdicts = verdicts_for(store, [r.ref for r in rows] + [StatementRef(True, quote_id)])
    result.rows = [replace(r, verdict=verdicts.get(r.ref)) for r in rows]
    result.quote_verdict = verdicts.get(StatementRef(True, quote_id))
    return result


# --- a speaker's statements and their clusters ---------------------------------------------------

def speaker_statements(store: Store, speaker: str | int) -> list[Statement]:
    """Every statement of one speaker (stored quotes and imported statements), oldest first.

    ``speaker`` is a speaker id or a name; imported statements are matched by surname key
    (the way matching compares speakers across sources) or by their resolved ``speaker_id``.
    """
    if isinstance(speaker, int):
        sid = speaker
        rows = store.query("SELECT name FROM speakers WHERE id = ?", (sid,))
        name = rows[0]["name"] if rows else None
    else:
        name = speaker
        sid = lookup_speaker(store, speaker)
        if sid is not None:
            rows = store.query("SELECT name FROM speakers WHERE id = ?", (sid,))
            name = rows[0]["name"] if rows else speaker
    out: list[Statement] = []
    if sid is not None:
        out += [_quote_statement(r) for r in store.query(
            _QUOTE_SQL + " WHERE q.id IN (SELECT quote_id FROM quote_speakers WHERE speaker_id = ?)",
            (sid,))]
    key = speaker_key(name)
    if key or sid is not None:
        out += [_imported_statement(r) for r in store.query(
            "SELECT id, ext_id, text, speaker, date, source, title, url FROM statements "
            "WHERE speaker_key = ? OR speaker_id = ?", (key, sid))]
    out.sort(key=lambda s: (s.date or "", s.statement_id))
    return out


#: Two statements with ``token_set_ratio`` at or above this say the same thing.
CLUSTER_THRESHOLD = 85.0
#: Texts with fewer words than this are compared with plain ``ratio`` (a two-word text is a
#: "subset" of almost anything under ``token_set_ratio``, which would chain every cluster).
_MIN_WORDS_FOR_SET = 4


def cluster_statements(texts: list[str], *, threshold: float = CLUSTER_THRESHOLD) -> list[int]:
    """Single-link groups of texts saying the same thing: a cluster number per text.

    Cluster numbers are 0.. in order of first appearance. Uses one ``cdist`` over all pairs
    (about 0.2 s for 1,000 texts).
    """
    n = len(texts)
    if n == 0:
        return []
    processed = [default_process(t) for t in texts]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n > 1:
        sim = process.cdist(processed, processed, scorer=fuzz.token_set_ratio,
                            score_cutoff=threshold, workers=-1)
        short = [len(p.split()) < _MIN_WORDS_FOR_SET for p in processed]
        rows, cols = (sim >= threshold).nonzero()
        for i, j in zip(rows.tolist(), cols.tolist()):
            if j <= i:
                continue
            if (short[i] or short[j]) and fuzz.ratio(processed[i], processed[j]) < threshold:
                continue
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(n)]
