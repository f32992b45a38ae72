"""Stage 1 of matching: cheap candidate generation from the full-text indexes.

Statements (``statements_fts``, analysed text): the query's terms are looked up in the
materialised ``statement_terms`` table (document frequency), and the rarest ones are OR-ed while
their summed postings stay under a budget; a query whose rarest terms are all common is run as an
AND cascade (3 rarest, then 2 rarest) and, if even those are too common, skipped as "too
generic" (the speaker-scoped search still runs). Every FTS query has a time cap (progress
handler). Quotes (``quotes_fts``, plain words) are searched with the same words, OR-ed.

Speaker-scoped candidates: every statement of one speaker is scored by its shared idf-weighted
terms, in SQL over ``statement_speaker_terms`` (the speaker's rows stored together, terms analysed
at import), so "what did this person say before" does not depend on the term selection and costs
~1 ms per quote even for a speaker never searched before.
See ``/work/shared/NOTES.md`` sections 1C-1G for the measurements behind the defaults.
"""
from __future__ import annotations

import math
import sqlite3
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from quotedesk.core.matching.text import (STOP_WORDS, base_name, clean_query, expansions, speaker_key, stem,
                                           terms, words)

#: Summed document frequencies allowed in the OR query (postings read per query).
POSTING_BUDGET = 2_000
#: Above this many statements the budget shrinks (square root), down to BUDGET_FLOOR: the rare
#: terms of a big collection are rarer, and the query cost stays flat (2000 -> 1000 at 1 M).
BUDGET_SCALE_ABOVE = 250_000
BUDGET_FLOOR = 1_000
MIN_TERMS = 2
MAX_TERMS = 24
#: If the two rarest terms together have more postings than this, the query is "too generic".
GENERIC_POSTINGS = 200_000
#: Candidates kept from each index.
LIMIT = 100
QUOTE_LIMIT = 30
#: Wall-clock cap for one FTS query, seconds.
TIME_CAP = 0.5
#: Speaker-scoped brute force: at most this many of the speaker's statements (newest first).
SPEAKER_SCAN = 20_000
SPEAKER_LIMIT = 20
#: Statements tied with the last of the speaker's best are ordered by date among at most this
#: many times SPEAKER_LIMIT (the newest imported first); reading them all can cost 100s of rows.
SPEAKER_TIES = 2


@dataclass
class Candidate:
    """A statement or quote worth re-ranking, with what stage 1 knows about it."""

    statement_id: str          # ext_id, or "q<id>" for a quote
    row_id: int                # statements.id or quotes.id
    is_quote: bool
    text: str
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    bm25: float = 0.0          # -rank: larger is better; 0 when not found by FTS
    exact: bool = False
    by_speaker: bool = False
    by_meaning: bool = False   # found by the nearest-neighbour search (semantic stage)
    vec: object = field(default=None, repr=False)        # sentence vector of the text, or None
    title_vec: object = field(default=None, repr=False)  # ... of the title, or None
    _terms: tuple[str, ...] | None = field(default=None, repr=False)
    _title_terms: tuple[str, ...] | None = field(default=None, repr=False)

    @property
    def terms(self) -> tuple[str, ...]:
        """Analysed terms of the text (cached: see :func:`text_terms`)."""
        if self._terms is None:
            self._terms = text_terms(self.text)
        return self._terms

    @property
    def title_terms(self) -> tuple[str, ...]:
        if self._title_terms is None:
            self._title_terms = text_terms(self.title) if self.title else ()
        return self._title_terms


@lru_cache(maxsize=8192)
def text_terms(text: str) -> tuple[str, ...]:
    """``terms(text)`` of a candidate's text or title, remembered for the next queries: the
    quotes of one article (one speaker, one story) meet the same statements again and again
    (50 PolNeAR articles into 19,250 claims: 55,184 candidate texts analysed, 19,601 distinct).
    A tuple, so that no caller can change what the next one reads."""
    return tuple(terms(text))


@dataclass
class QueryPlan:
    """What stage 1 did for one query (shown as a hint in the GUI, used by the bench)."""

    terms: list[str] = field(default_factory=list)
    mode: str = "or"           # or / and3 / and2 / generic / empty
    postings: int = 0
    timed_out: bool = False


def query_terms(text: str) -> Counter:
    """Stems of the content words of the query, with counts, plus the other wordings of the
    synonym table's terms (count 1: the index keeps words as written)."""
    c = Counter(stem(w) for w in words(clean_query(text)) if w not in STOP_WORDS)
    for t in expansions(c):
        c[t] = 1
    return c


def _fts_string(terms: list[str], op: str = "OR") -> str:
    return f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)


def scaled_budget(budget: int, n_docs: int) -> int:
    """The posting budget for a collection of ``n_docs`` statements (see BUDGET_SCALE_ABOVE)."""
    if n_docs <= BUDGET_SCALE_ABOVE:
        return budget
    return max(min(budget, BUDGET_FLOOR), int(budget * (BUDGET_SCALE_ABOVE / n_docs) ** 0.5))


def idf(df: dict[str, int], n: int, t: str) -> float:
    """Robertson idf of term ``t`` among ``n`` documents (``df``: term -> documents holding it;
    an unknown term counts as rare). Candidates are ranked and reranked with this one formula."""
    d = df.get(t, 0)
    return math.log(1 + (n - d + 0.5) / (d + 0.5))


def term_df(conn: sqlite3.Connection, stems) -> dict[str, int]:
    """Document frequency of each stem among imported statements (absent: not indexed)."""
    stems = list(stems)
    if not stems:
        return {}
    return dict(conn.execute(
        "SELECT term, doc FROM statement_terms WHERE term IN (SELECT value FROM json_each(?))",
        (_json_list(stems),)).fetchall())


class DfCache:
    """Document frequencies (:func:`term_df`) read once each for a run of queries, such as the
    quotes of one imported article: their candidates are the same statements again and again,
    and the cosine feature reads the df of every term they hold (the 50-article PolNeAR import
    read ~150 terms a quote). Each term missing from the cache is read in one query with the
    others missing; a term not indexed is remembered as absent. The owner decides how long it
    holds (``importer.MatchSession.df_cache``: until statements may have changed). One per
    thread (its connection's)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._df: dict[str, int | None] = {}

    def __len__(self) -> int:
        return len(self._df)

    def get(self, stems) -> dict[str, int]:
        """``term_df(conn, stems)`` as the cache holds it (the same pairs; order aside)."""
        stems = list(dict.fromkeys(stems))
        known = self._df
        missing = [t for t in stems if t not in known]
        if missing:
            found = term_df(self._conn, missing)
            for t in missing:
                known[t] = found.get(t)
        return {t: d for t in stems if (d := known[t]) is not None}


def plan_terms(df: dict[str, int], stems, *, budget: int = POSTING_BUDGET,
               max_terms: int = MAX_TERMS, generic: int = GENERIC_POSTINGS) -> QueryPlan:
    """Choose the FTS query for ``stems`` from their document frequencies ``df``."""
    if not stems:
        return QueryPlan(mode="empty")
    known = sorted((df[t], t) for t in set(stems) if t in df)
    if not known:
        return QueryPlan(mode="empty")
    if len(known) >= 2 and known[0][0] + known[1][0] > generic:
        return QueryPlan(terms=[t for _, t in known[:2]], mode="generic",
                         postings=known[0][0] + known[1][0])
    chosen, total = [], 0
    for d, t in known:
        if len(chosen) >= max_terms:
            break
        if len(chosen) >= MIN_TERMS and total + d > budget:
            break
        chosen.append(t)
        total += d
    if total > budget and len(known) >= 2:
        # even the rarest terms are common: intersect instead of union
        k = min(3, len(known))
        return QueryPlan(terms=[t for _, t in known[:k]], mode=f"and{k}",
                         postings=sum(d for d, _ in known[:k]))
    return QueryPlan(terms=chosen, mode="or", postings=total)


def _json_list(items) -> str:
    import json

    return json.dumps(list(items))


class _Deadline:
    """A progress handler that aborts a query running longer than ``seconds``."""

    def __init__(self, conn: sqlite3.Connection, seconds: float):
        self.conn, self.seconds, self.fired = conn, seconds, False

    def __enter__(self):
        end = time.perf_counter() + self.seconds

        def check() -> int:
            if time.perf_counter() > end:
                self.fired = True
                return 1
            return 0

        self.conn.set_progress_handler(check, 10_000)
        return self

    def __exit__(self, *exc):
        self.conn.set_progress_handler(None, 0)
        return False


def _run_fts(conn, sql: str, params, deadline: float) -> tuple[list, bool]:
    with _Deadline(conn, deadline) as dl:
        try:
            return conn.execute(sql, params).fetchall(), False
        except sqlite3.OperationalError:
            if dl.fired:
                return [], True
            raise


_STATEMENT_SQL = (
    "SELECT s.id, s.ext_id, s.text, s.title, s.speaker, s.date, s.source, s.url, f.r "
    "FROM (SELECT rowid, bm25(statements_fts, 1.0, {title_weight}) AS r FROM statements_fts "
    "WHERE statements_fts MATCH ? ORDER BY r LIMIT ?) AS f JOIN statements s ON s.id = f.rowid"
)


def _idf_ranked(conn: sqlite3.Connection, plan: QueryPlan, df: dict[str, int], n_docs: int,
                limit: int, time_cap: float) -> list:
    """The OR query of ``plan`` ranked by the summed idf of the terms each statement contains
    (bm25 without length normalisation): one unranked lookup per term reads only its doclist;
    FTS5's bm25 also reads every matching row's size (4x the time: 1.4 against 0.33 ms a query
    at 200,000 statements). The lookups, the sums, the best ``limit`` and their rows are one
    SQL statement (in Python, a loop over every posting and a query for the rows: 0.48 against
    0.29 ms a query at 1,000,000, the same candidates on 203 queries). Rows as
    ``_STATEMENT_SQL`` gives them; none when the time cap is hit."""
    if not plan.terms:
        return []
    lookups = " UNION ALL ".join(
        ["SELECT rowid AS id, ? AS w FROM statements_fts WHERE statements_fts MATCH ?"]
        * len(plan.terms))
    sql = ("SELECT s.id, s.ext_id, s.text, s.title, s.speaker, s.date, s.source, s.url, -f.w "
           f"FROM (SELECT id, sum(w) AS w FROM ({lookups}) GROUP BY id ORDER BY w DESC, id "
           "LIMIT ?) AS f JOIN statements s ON s.id = f.id ORDER BY f.w DESC, f.id")
    params = [x for t in plan.terms for x in (idf(df, n_docs, t), _fts_string([t]))]
    rows, plan.timed_out = _run_fts(conn, sql, params + [limit], time_cap)
    return rows


#: From this many statements on, the OR query is ranked by ``_idf_ranked`` instead of FTS5's
#: bm25 (the CheckThat! collections, 10-20 thousand statements, keep the bm25 ranking they
#: were tuned with).
IDF_RANK_ABOVE = 100_000


def statement_candidates(conn: sqlite3.Connection, stems, df: dict[str, int], *,
                         limit: int = LIMIT,
                         title_weight: float = 0.5, budget: int = POSTING_BUDGET,
                         max_terms: int = MAX_TERMS,
                         time_cap: float = TIME_CAP,
                         generic: int = GENERIC_POSTINGS,
                         n_docs: int = 0) -> tuple[list[Candidate], QueryPlan]:
    """Imported statements sharing rare terms with the query, best bm25 first (above
    ``IDF_RANK_ABOVE`` statements: best summed idf first, see :func:`_idf_ranked`)."""
    plan = plan_terms(df, stems, budget=budget, max_terms=max_terms, generic=generic)
    if plan.mode in ("empty", "generic"):
        return [], plan
    if plan.mode == "or" and n_docs > IDF_RANK_ABOVE:
        rows = _idf_ranked(conn, plan, df, n_docs, limit, time_cap)
        return [Candidate(statement_id=r[1], row_id=r[0], is_quote=False, text=r[2], title=r[3],
                          speaker=r[4], date=r[5], source=r[6], url=r[7], bm25=-r[8])
                for r in rows], plan
    sql = _STATEMENT_SQL.format(title_weight=float(title_weight))
    rows: list = []
    if plan.mode.startswith("and"):
        # cascade: AND of the 3 rarest, then of the 2 rarest
        for k in range(len(plan.terms), 1, -1):
            rows, timed_out = _run_fts(conn, sql, (_fts_string(plan.terms[:k], "AND"), limit),
                                       time_cap)
            plan.timed_out |= timed_out
            if rows:
                plan.mode = f"and{k}"
                break
    else:
        rows, plan.timed_out = _run_fts(conn, sql, (_fts_string(plan.terms), limit), time_cap)
    cands = [Candidate(statement_id=r[1], row_id=r[0], is_quote=False, text=r[2], title=r[3],
                       speaker=r[4], date=r[5], source=r[6], url=r[7], bm25=-r[8]) for r in rows]
    return cands, plan


def exact_candidates(conn: sqlite3.Connection, text_hash: int, *, limit: int = 20) -> list[Candidate]:
    """Statements whose processed text is identical to the query's (verbatim repeats)."""
    rows = conn.execute(
        "SELECT id, ext_id, text, title, speaker, date, source, url FROM statements "
        "WHERE canonical_hash = ? LIMIT ?", (text_hash, limit)).fetchall()
    return [Candidate(statement_id=r[1], row_id=r[0], is_quote=False, text=r[2], title=r[3],
                      speaker=r[4], date=r[5], source=r[6], url=r[7], exact=True) for r in rows]


_QUOTE_SQL = """
SELECT q.id, q.text, a.title, a.date, a.outlet, a.url,
       (SELECT group_concat(name, ' & ') FROM (SELECT s.name FROM quote_speakers qs
            JOIN speakers s ON s.id = qs.speaker_id WHERE qs.quote_id = q.id
            ORDER BY qs.position)) AS speaker,
       f.r
FROM (SELECT rowid, rank AS r FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?) AS f
JOIN quotes q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id
"""


def statements_by_id(conn: sqlite3.Connection, ids: list[int], **flags) -> list[Candidate]:
    """The statements with these row ids as candidates (in the order given)."""
    if not ids:
        return []
    rows = {r[0]: r for r in conn.execute(
        "SELECT id, ext_id, text, title, speaker, date, source, url FROM statements "
        "WHERE id IN (SELECT value FROM json_each(?))", (_json_list(ids),))}
    return [Candidate(statement_id=r[1], row_id=r[0], is_quote=False, text=r[2], title=r[3],
                      speaker=r[4], date=r[5], source=r[6], url=r[7], **flags)
            for r in (rows[i] for i in ids if i in rows)]


def quote_candidates(conn: sqlite3.Connection, text: str, *, exclude_quote_id: int | None = None,
                     limit: int = QUOTE_LIMIT, max_words: int = MAX_TERMS // 2,
                     time_cap: float = TIME_CAP, df: dict[str, int] | None = None) -> list[Candidate]:
    """Stored quotes sharing words with ``text`` (the quotes' own FTS index, plain words).

    The rarest words are used, rarity taken from the statements' ``df`` of their stems (the
    quotes' index has no materialised df table); unknown stems count as rare, then longer first.
    """
    ws = [w for w in dict.fromkeys(words(clean_query(text))) if w not in STOP_WORDS]
    if not ws:
        return []
    df = df or {}
    ws.sort(key=lambda w: (df.get(stem(w), 0), -len(w)))
    rows, _ = _run_fts(conn, _QUOTE_SQL, (_fts_string(ws[:max_words]), limit + 1), time_cap)
    out = []
    for r in rows:
        if r[0] == exclude_quote_id:
            continue
        out.append(Candidate(statement_id=f"q{r[0]}", row_id=r[0], is_quote=True, text=r[1],
                             title=r[2], date=r[3], source=r[4], url=r[5],
                             speaker=base_name(r[6]), bm25=-r[7]))
    return out[:limit]


def speaker_statement_scores(conn: sqlite3.Connection, key: str, weights: dict[str, float], *,
                             time_cap: float = TIME_CAP) -> dict[int, float]:
    """``{statement id: summed weights of the query terms it contains}`` over one speaker's
    statements, from the speaker-scoped index (tokens ``<key>_<term>``: each doclist is one
    speaker's statements with one term, so each lookup reads only that speaker's postings).
    One unranked lookup per term: FTS5's bm25 would read every matching row's size instead.

    The lookups are one SQL statement (``UNION ALL``, each row tagged with its term's place):
    one call into SQLite a quote instead of one a term (~10), each of which let another
    thread take the GIL and waited to get it back while an import ranks in Python. The sums
    are added up term by term in the order given, as one lookup a term did: the same floats.
    At most ``_UNION_TERMS`` terms a statement (SQLite allows 500 SELECTs in one compound);
    the terms of a statement cut off by the time cap count for nothing."""
    acc: dict[int, float] = defaultdict(float)
    items = list(weights.items())
    deadline = time.perf_counter() + time_cap
    for start in range(0, len(items), _UNION_TERMS):
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        part = items[start:start + _UNION_TERMS]
        sql = " UNION ALL ".join(
            f"SELECT {i} AS k, rowid FROM statement_speaker_fts WHERE statement_speaker_fts MATCH ?"
            for i in range(len(part)))
        rows, _ = _run_fts(conn, sql, [_fts_string([f"{key}_{t}"]) for t, _ in part], left)
        rows.sort(key=lambda r: r[0])  # stable: term by term, as the lookups came
        for k, rid in rows:
            acc[rid] += part[k][1]
    return acc


#: Terms looked up in one statement by :func:`speaker_statement_scores`.
_UNION_TERMS = 200


def _like(s: str) -> str:
    """``s`` literal inside a LIKE pattern (escape character: backslash)."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _neg_date(date: str | None) -> tuple:
    """Sort key putting later dates first and missing dates last."""
    return (1, ()) if not date else (0, tuple(-ord(c) for c in date))


#: The stored quotes of the speakers a name may stand for (the name itself, any case; a name
#: ending in its surname; the name with the library's qualifier, "TRUMP (3)"), newest article
#: first. ``CROSS JOIN`` keeps the speakers as the outer loop: the few whose name fits are
#: found first (in id order: ``NOT INDEXED``) and their quotes read through
#: ``idx_quote_speakers_speaker``. Left to itself the
#: planner scanned every row of ``quote_speakers`` for each quote matched (0.7 ms a quote at
#: 900 stored quotes, growing with the library). Rows come in the same order as that scan
#: (speaker id, then quote id) before the sort by date, so ties keep their order.
_SPEAKER_QUOTES_SQL = """
SELECT q.id, q.text, a.title, a.date, a.outlet, a.url, s.name
FROM speakers AS s NOT INDEXED CROSS JOIN quote_speakers qs ON qs.speaker_id = s.id
JOIN quotes q ON q.id = qs.quote_id JOIN articles a ON a.id = q.article_id
WHERE s.name = ? COLLATE NOCASE OR s.name LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\'
ORDER BY a.date DESC LIMIT ?"""


def speaker_candidates(conn: sqlite3.Connection, text: str, speaker: str, *,
                       limit: int = SPEAKER_LIMIT, scan: int = SPEAKER_SCAN,
                       exclude_quote_id: int | None = None,
                       df: dict[str, int] | None = None,
                       stems: Counter | None = None) -> list[Candidate]:
    """Brute force over one speaker's statements (idf-weighted shared terms; ``df`` gives the
    document frequencies of the query's terms) and quotes (rapidfuzz ``token_set_ratio``).
    ``stems``: ``query_terms(text)`` when the caller has them already."""
    key = speaker_key(speaker)
    if not key:
        return []
    q_proc = utils.default_process(clean_query(text))
    df = df or {}
    scores: dict[int, float] = {}
    # most speakers in the news have no imported statement (32% of the 874 attributed quotes
    # of 50 PolNeAR articles against 19,250 PolitiFact claims): one indexed look-up spares
    # their ~10 full-text look-ups (the index's tokens are ``statements.speaker_key``, "_", term)
    if conn.execute("SELECT EXISTS (SELECT 1 FROM statements WHERE speaker_key = ?)",
                    (key,)).fetchone()[0]:
        scores = speaker_statement_scores(
            conn, key, {t: 1.0 / (1.0 + df.get(t, 0)) ** 0.5
                        for t in set(stems if stems is not None else query_terms(text))})
    if len(scores) > limit:  # the best, and some tied with the last of them (newest imported)
        best = sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[:SPEAKER_TIES * limit]
        cut = best[limit - 1][1]
        scores = {i: v for i, v in best if v >= cut}
    rows = {r[0]: r for r in conn.execute(
        "SELECT id, ext_id, text, title, speaker, date, source, url FROM statements "
        "WHERE id IN (SELECT value FROM json_each(?))", (_json_list(scores),))} if scores else {}
    # best first; ties: the newest statement first
    chosen = sorted(rows, key=lambda i: (-scores[i], _neg_date(rows[i][5]), -i))[:limit]
    cands = [Candidate(statement_id=r[1], row_id=r[0], is_quote=False, text=r[2], title=r[3],
                       speaker=r[4], date=r[5], source=r[6], url=r[7], by_speaker=True)
             for r in (rows[i] for i in chosen if i in rows)]
    qrows = conn.execute(_SPEAKER_QUOTES_SQL,
                         (speaker, "% " + _like(key), _like(speaker) + " (%", scan)).fetchall()
    qc = [Candidate(statement_id=f"q{r[0]}", row_id=r[0], is_quote=True, text=r[1],
                    title=r[2], date=r[3], source=r[4], url=r[5], speaker=base_name(r[6]),
                    by_speaker=True)
          for r in qrows if r[0] != exclude_quote_id]
    if qc:
        qbest = process.extract(q_proc, [c.text for c in qc], scorer=fuzz.token_set_ratio,
                                processor=utils.default_process, limit=limit)
        cands += [qc[i] for _, _, i in qbest]
    return cands
