"""Matching a quote (or any text) against everything said before: the API the GUI and CLI call.

    find_matches(store, text, speaker=..., top=5) -> [Match]    # one text
    find_matches_plan(...) -> ([Match], QueryPlan)              # + what stage 1 did ("generic"?)
    match_quote(store, quote_id, top=5) -> [Match]              # a stored quote, never itself
    save_matches(store, quote_id, matches) -> {statement_id: matches.id}   # ids stable
    decide_match(store, quote_id, statement_id, "confirmed"|"rejected"|"suggested") -> id
    stored_matches(store, quote_id) -> [dict]
    rematch_all(store, progress=..., cancelled=..., quote_ids=None) -> RematchReport
    get_statement(store, statement_id) -> Match | None          # ext_id or q<id>

Pipeline: exact repeat (hash) + FTS candidates (``candidates``) + the speaker's own statements
by brute force + stored quotes + nearest statements by meaning (``semantic``, when the database
has vectors) -> re-ranking on lexical and sentence-vector features (``rerank``) -> kind (``kinds``).
Threading: pure functions of a :class:`Store`; run them in a worker thread with its own store.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from quotedesk.core.matching import candidates as cand_mod
from quotedesk.core.matching import semantic
from quotedesk.core.matching.candidates import QueryPlan
from quotedesk.core.matching.kinds import classify
from quotedesk.core.matching.rerank import (DEFAULT_WEIGHTS, LEXICAL_WEIGHTS, Weights, merge, rerank,
                                           shortlist, trim)
from quotedesk.core.matching.text import base_name, canonical_hash, clean_query
from quotedesk.core.store.db import Store


@dataclass(frozen=True)
class Match:
    """One earlier statement matching a query; ``statement_id`` is the ext_id or ``q<id>``."""

    statement_id: str
    text: str
    speaker: str | None
    date: str | None
    source: str | None
    score: float                 # 0..100, higher is more similar
    kind: str                    # see quotedesk.core.matching.kinds.KINDS
    title: str | None = None
    url: str | None = None
    is_quote: bool = False
    row_id: int = 0              # statements.id, or quotes.id when is_quote
    features: dict = field(default_factory=dict, compare=False, repr=False)
    #: against the quote's date (:func:`when_said`): earlier / same_day / undated ("" for a text)
    when: str = ""


@dataclass(frozen=True)
class MatchOptions:
    """Knobs of the pipeline (defaults are the tuned ones)."""

    limit: int = cand_mod.LIMIT
    budget: int = cand_mod.POSTING_BUDGET
    max_terms: int = cand_mod.MAX_TERMS
    #: weight of the title against the text in the FTS bm25 (mean train MAP@5 of the three
    #: splits: 0.5 -> 0.7424, 1.0 -> 0.7436, 1.5 -> 0.7443, 2.0 -> 0.7435)
    title_weight: float = 1.5
    use_quotes: bool = True
    use_speaker: bool = True
    #: candidates given the full (fuzzy) scoring, per index; None scores every candidate.
    #: Train MAP@5 mean (2020 / 2A / 2B) with dense_k 5: 20: 0.8111, 17: 0.8113, 15: 0.8115,
    #: 12: 0.8111, 10: 0.8111 (dev 2020 0.8885 -> 0.8843); dev unchanged at 15 (0.8885 /
    #: 0.4871). It is also the full-text stage's candidate limit: 5 fewer rows read a query
    rerank_k: int | None = 15
    #: at most this many candidates get the full scoring (cheap pre-score over the shortlist)
    score_k: int | None = 15
    #: the speaker's own statements kept after the brute-force pass
    speaker_limit: int = cand_mod.SPEAKER_LIMIT
    #: with a speaker given, the collection-wide search keeps only this many candidates (the
    #: speaker's own fill the pool): 2B train MAP@5 0.5559 -> 0.5562, ~12 ms less per 20 at 1M
    speaker_fts_limit: int | None = 10
    weights: Weights = DEFAULT_WEIGHTS
    #: used instead of ``weights`` when there are no sentence vectors (lexical matching only)
    lexical_weights: Weights = LEXICAL_WEIGHTS
    min_score: float = 0.0
    #: the semantic stage (sentence vectors), when the database has them and the model loads
    semantic: bool = True
    #: statements added by the nearest-neighbour search over the vectors, each given the full
    #: scoring. Train MAP@5 2020 / 2A / 2B (mean) by k: 10: 0.9111 / 0.8970 / 0.6214 (0.8098),
    #: 8: 0.8103, 6: 0.8108, 5: 0.9121 / 0.8975 / 0.6236 (0.8111), 4: 0.8115, 3: 0.8096; 5, not
    #: the best 4, one step further from the drop at 3. Dev 0.8885 / 0.4860 -> 0.8885 / 0.4871.
    #: At 1,000,000 statements (bench match) 5 fewer candidates scored a quote: ~0.4 ms less,
    #: near-copies still 196/200 first, none without candidates
    dense_k: int = 5
    #: above this many postings for the two rarest terms a query is "too generic" for the
    #: lexical candidate stage (the nearest-neighbour stage still supplies candidates)
    generic_postings: int = cand_mod.GENERIC_POSTINGS


DEFAULT_OPTIONS = MatchOptions()


def _n_docs(conn) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]


def _fts_limit(options: MatchOptions, with_speaker: bool) -> int:
    limit = min(options.limit, options.rerank_k or options.limit)
    if with_speaker and options.speaker_fts_limit:
        limit = min(limit, options.speaker_fts_limit)
    return limit


def semantic_active(store: Store, options: MatchOptions = DEFAULT_OPTIONS) -> bool:
    """True if matching in this database uses the sentence vectors: switched on, the database
    has a semantic index, and the model loads
    (the first call in a process loads it, ~4 s)."""
    return lexical_reason(store, options) is None


def lexical_reason(store: Store, options: MatchOptions = DEFAULT_OPTIONS) -> str | None:
    """Why matching in this database is lexical only (None when the semantic stage runs)."""
    if not options.semantic:
        return "the semantic stage is switched off in the options"
    if not semantic.has_vectors(store.conn):
        return "the database has no sentence vectors yet ('quotedesk statements index' computes them)"
    if not semantic.available():  # last: the first call loads the model (~4 s)
        return semantic.unavailable_reason()
    return None


def query_vectors(store: Store, texts: list[str], options: MatchOptions = DEFAULT_OPTIONS):
    """Sentence vectors of queries, to pass as ``query_vector`` to :func:`find_matches`; None
    when the semantic stage is not active.

    Each text is encoded alone: the int8 model quantises its activations over the whole batch
    (padding included), so a text encoded with 63 others got another vector than alone (cosine
    down to 0.977 on 64 CheckThat! queries) and ``quotedesk match`` (batches of 64) ranked 6 of
    119 dev queries otherwise than the Matches panel (one quote at a time). A query's vector
    now depends on its text only; it costs ~3 ms more a query.

    Dev MAP@5 (2020 / 2021-2B), measured 2026-12-03: queries in batches of 64, 0.894 / 0.489;
    alone, 0.8885 / 0.486. The change is quantisation noise, not a lost signal: 4 + 5 queries
    move by one rank, either way (2B: three up, two down). Statements indexed alone too (so both
    sides are quantised alike) give 0.8961 / 0.4851: no gain on average, for 36% slower bulk
    indexing (428 against 669 texts/s), so the index keeps its batches."""
    if not texts or not semantic_active(store, options):
        return None
    return [encode_query(t) for t in texts]


def encode_query(text: str):
    """The sentence vector a query (or a quote matched) gets: its cleaned text encoded alone."""
    return semantic.encode_alone([clean_query(text)])[0]


def _attach_vectors(store: Store, pool: list) -> None:
    """Give every candidate its stored vectors; those without (not indexed yet) are encoded now
    and kept in the database (so each is computed once)."""
    conn = store.conn
    sv = semantic.statement_vectors(conn, [c.row_id for c in pool if not c.is_quote])
    qv = semantic.quote_vectors(conn, [c.row_id for c in pool if c.is_quote])
    todo = []
    for c in pool:
        if c.is_quote:
            c.vec = qv.get(c.row_id)
        elif c.row_id in sv:
            c.vec, c.title_vec = sv[c.row_id]
        if c.vec is None:
            todo.append(c)
    texts = [c.text for c in todo]
    titled = [c for c in todo if not c.is_quote and c.title and c.title.strip()]
    vecs = semantic.encode(texts + [c.title for c in titled])
    for c, v in zip(todo, vecs[:len(todo)]):
        c.vec = v
    for c, v in zip(titled, vecs[len(todo):]):
        c.title_vec = v
    if todo:
        semantic.keep_vectors(store, todo)


@dataclass
class Lexical:
    """The full-text stage of one query (:func:`lexical_stage`): what :func:`find_matches_plan`
    goes on from."""

    key: tuple                 # what it depends on besides the database (:meth:`key_of`)
    stems: dict                # query_terms of the text
    df: dict[str, int]         # their document frequencies
    n_docs: int
    candidates: list           # imported statements: FTS candidates, then verbatim repeats
    others: list               # stored quotes, then the speaker's own statements and quotes
    plan: QueryPlan
    taken: bool = False        # ranked already (its candidates changed by it)

    @staticmethod
    def key_of(text: str, speaker: str | None, exclude_quote_id: int | None,
               options: MatchOptions) -> tuple:
        return (text, speaker, exclude_quote_id,
                _fts_limit(options, bool(speaker and options.use_speaker)), options.title_weight,
                options.budget, options.max_terms, options.generic_postings, options.use_quotes,
                options.use_speaker, options.speaker_limit)


def lexical_stage(conn, text: str, *, speaker: str | None = None,
                  exclude_quote_id: int | None = None,
                  options: MatchOptions = DEFAULT_OPTIONS) -> Lexical:
    """The candidates of ``text`` found in the full-text indexes: imported statements sharing
    rare terms with it or repeating it verbatim, stored quotes sharing words with it, and the
    speaker's own statements and quotes. It only reads, so an import runs it for its quotes on a
    connection of its own, on another thread, while it ranks the current one."""
    with_speaker = bool(speaker and options.use_speaker)
    stems = cand_mod.query_terms(text)
    df = cand_mod.term_df(conn, stems)
    n_docs = _n_docs(conn)
    cands, plan = cand_mod.statement_candidates(
        conn, stems, df, limit=_fts_limit(options, with_speaker),
        title_weight=options.title_weight,
        budget=cand_mod.scaled_budget(options.budget, n_docs), max_terms=options.max_terms,
        generic=options.generic_postings, n_docs=n_docs)
    cands += cand_mod.exact_candidates(conn, canonical_hash(clean_query(text)))
    others = []
    if options.use_quotes:
        others += cand_mod.quote_candidates(conn, text, exclude_quote_id=exclude_quote_id, df=df)
    if with_speaker:
        others += cand_mod.speaker_candidates(conn, text, speaker, exclude_quote_id=exclude_quote_id,
                                              limit=options.speaker_limit, df=df, stems=stems)
    return Lexical(Lexical.key_of(text, speaker, exclude_quote_id, options), stems, df, n_docs,
                   cands, others, plan)


def find_matches_plan(store: Store, text: str, *, speaker: str | None = None,
                      exclude_quote_id: int | None = None, top: int = 5,
                      options: MatchOptions = DEFAULT_OPTIONS,
                      query_vector=None, keep: Callable | None = None,
                      near: list[tuple[int, float]] | Callable[[], list] | None = None,
                      lexical: Lexical | Callable[[], Lexical] | None = None,
                      df_cache: cand_mod.DfCache | None = None
                      ) -> tuple[list[Match], QueryPlan]:
    """Like :func:`find_matches`, also returning what the candidate stage did.

    ``keep(candidate) -> bool`` filters the candidates before ranking (:func:`match_quote` keeps
    only what was said before the quote's article, never the article itself). ``near``: the
    nearest statements of ``query_vector`` when already known (an exact search of a whole
    article's quotes at once, :class:`semantic.ExactSearch`). ``lexical``: its
    :func:`lexical_stage` when already run (used if made for this text, speaker, quote and
    options). ``query_vector``, ``near`` and ``lexical`` may also be given as functions
    returning them, called when needed (``query_vector`` and ``near`` after the full-text
    stage), so an import encodes, searches and reads the full-text indexes for a quote on other
    threads while this one ranks. ``df_cache``: where the document frequencies of the
    candidates' terms are read (a :class:`candidates.DfCache` of ``store``'s connection kept
    for an article's quotes), else they are read from the database for this query."""
    conn = store.conn
    if not text or not text.strip():
        return [], QueryPlan(mode="empty")
    lex = lexical() if callable(lexical) else lexical
    # ranking changes the candidates (bm25, flags): one that was ranked already is not used again
    if (lex is None or lex.taken
            or lex.key != Lexical.key_of(text, speaker, exclude_quote_id, options)):
        lex = lexical_stage(conn, text, speaker=speaker, exclude_quote_id=exclude_quote_id,
                            options=options)
    lex.taken = True
    stems, df, n_docs, plan = lex.stems, lex.df, lex.n_docs, lex.plan
    lexical, others = lex.candidates, lex.others
    q_sem = query_vector() if callable(query_vector) else query_vector
    if q_sem is None:
        q_sem = (query_vectors(store, [text], options) or [None])[0]
    dense = []
    if q_sem is not None and options.dense_k:
        # no lexical candidate (every word common, or none known): the dense stage is the only
        # source, so it scores more cells (vectors.NPROBE_WIDE)
        wide = not any(not c.is_quote for c in lexical)
        near = near() if callable(near) else near
        if near is None:
            near = semantic.nearest_statements(
                store, q_sem, options.dense_k,
                nprobe=semantic.vectors.NPROBE_WIDE if wide else semantic.vectors.NPROBE)
        else:
            near = near[:options.dense_k]
        dense = cand_mod.statements_by_id(conn, [i for i, _ in near], by_meaning=True)
    cands = lexical + dense + others
    if not options.use_quotes:  # the speaker's own stored quotes too (``match --no-quotes``)
        cands = [c for c in cands if not c.is_quote]
    if exclude_quote_id is not None:
        cands = [c for c in cands if not (c.is_quote and c.row_id == exclude_quote_id)]
    if keep is not None:
        cands = [c for c in cands if keep(c)]
    pool = merge(cands)
    if options.rerank_k:
        pool = shortlist(pool, options.rerank_k)
    if options.score_k:
        pool = trim(pool, text, df=df, n_docs=n_docs, speaker=speaker, k=options.score_k)
    if options.weights.cosine:
        c_terms = {t for c in pool for t in c.terms} - df.keys()
        df = {**df, **(df_cache.get(c_terms) if df_cache is not None
                       else cand_mod.term_df(conn, c_terms))}
    if q_sem is not None:
        _attach_vectors(store, pool)
    scored = rerank(text, pool, df=df, n_docs=n_docs, speaker=speaker,
                    weights=options.weights if q_sem is not None else options.lexical_weights,
                    q_sem=q_sem)
    out = []
    for s in scored[:top]:
        if s.score < options.min_score:
            break
        c = s.candidate
        out.append(Match(statement_id=c.statement_id, text=c.text, speaker=c.speaker, date=c.date,
                         source=c.source, score=s.score,
                         kind=classify(text, c.text, speaker=speaker, other_speaker=c.speaker),
                         title=c.title, url=c.url, is_quote=c.is_quote, row_id=c.row_id,
                         features=s.features))
    return out, plan


def find_matches(store: Store, text: str, *, speaker: str | None = None,
                 exclude_quote_id: int | None = None, top: int = 5,
                 options: MatchOptions = DEFAULT_OPTIONS, query_vector=None) -> list[Match]:
    """The ``top`` earlier statements (imported ones and stored quotes) most similar to ``text``
    (``query_vector``: its sentence vector from :func:`query_vectors`, computed if not given)."""
    return find_matches_plan(store, text, speaker=speaker, exclude_quote_id=exclude_quote_id,
                             top=top, options=options, query_vector=query_vector)[0]


def quote_speaker(store: Store, quote_id: int) -> str | None:
    """The speaker name(s) of a stored quote as matching compares them: without the qualifier
    the library adds to tell two speakers of one name apart ("TRUMP (3)" is matched as "TRUMP",
    the name ``quotedesk match`` is given), so the speaker feature and the speaker's own
    statements count for the quote as for the same text on the command line."""
    row = store.conn.execute(
        "SELECT group_concat(name, ' & ') FROM (SELECT s.name FROM quote_speakers qs "
        "JOIN speakers s ON s.id = qs.speaker_id WHERE qs.quote_id = ? ORDER BY qs.position)",
        (quote_id,)).fetchone()
    return base_name(row[0]) if row else None


#: When an earlier statement was said, against the quote's article date (see :func:`when_said`).
EARLIER, SAME_DAY, LATER, UNDATED = "earlier", "same_day", "later", "undated"


def when_said(date: str | None, quote_date: str | None) -> str:
    """``earlier`` / ``same_day`` / ``later`` for a statement's date against the quote's (ISO dates
    compared on the day); ``undated`` when either date is unknown (nothing can be called earlier)."""
    a, b = (date or "")[:10], (quote_date or "")[:10]
    if not a or not b:
        return UNDATED
    return EARLIER if a < b else SAME_DAY if a == b else LATER


@dataclass(frozen=True)
class QuoteContext:
    """What :func:`match_quote` reads about a stored quote before ranking: its text, article,
    article date (None: undated), speaker (as :func:`quote_speaker` gives it) and the quotes of
    its article (never its matches)."""

    text: str
    article_id: int
    date: str | None
    speaker: str | None
    own: frozenset


def article_contexts(store: Store, article_id: int) -> list[tuple[int, QuoteContext]]:
    """``(quote id, QuoteContext)`` of every quote of an article in text order, in one query
    (an import matches them all: one query, not three a quote)."""
    rows = store.conn.execute(
        "SELECT q.id, q.text, a.date, (SELECT group_concat(name, ' & ') FROM (SELECT s.name FROM "
        "quote_speakers qs JOIN speakers s ON s.id = qs.speaker_id WHERE qs.quote_id = q.id "
        "ORDER BY qs.position)) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.article_id = ? ORDER BY q.start", (article_id,)).fetchall()
    own = frozenset(r[0] for r in rows)
    return [(r[0], QuoteContext(r[1], article_id, r[2] or None, base_name(r[3]), own))
            for r in rows]


def quote_context(store: Store, quote_id: int) -> tuple[str, int, str | None]:
    """``(text, article id, article date)`` of a stored quote; KeyError if it does not exist."""
    row = store.conn.execute("SELECT q.text, q.article_id, a.date FROM quotes q JOIN articles a "
                             "ON a.id = q.article_id WHERE q.id = ?", (quote_id,)).fetchone()
    if row is None:
        raise KeyError(f"no quote {quote_id}")
    return row[0], row[1], (row[2] or None)


def match_quote(store: Store, quote_id: int, *, top: int = 5,
                options: MatchOptions = DEFAULT_OPTIONS, same_day: bool = False,
                query_vector=None, near: list[tuple[int, float]] | None = None,
                lexical: Lexical | None = None, context: QuoteContext | None = None,
                df_cache: cand_mod.DfCache | None = None) -> list[Match]:
    """Matches of a stored quote among what was said strictly before its article's date (never
    itself, never a quote of its own article), whatever the order things were imported in.

    Statements whose order against the quote is unknown (the quote's article or the statement
    has no date) are returned too, as ``when == "undated"``: they cannot be ruled out, and are
    listed apart, never counted as earlier. ``same_day``: also return statements of the same
    date (``when == "same_day"``), for the panel that lists them apart.

    One ranking (issue 15): the earlier and undated statements are ranked by
    :func:`find_matches_plan` exactly as ``quotedesk match`` ranks a query with the same text and
    speaker, over a pool of only those statements; same-day statements are ranked in a pass of
    their own after them, so they neither take places in the top nor change the scores of the
    earlier ones (scores depend on the pool: bm25 length normalisation, pseudo-relevance). The
    query's sentence vector is computed as the CLI computes it (:func:`query_vectors`), not read
    from the quote's stored, quantised vector. ``near``: its nearest statements by meaning when
    already searched, ``lexical`` its :func:`lexical_stage` when already run (see
    :func:`find_matches_plan`). ``context``: the quote's :class:`QuoteContext` when already read
    (:func:`article_contexts`), else it is read now. ``df_cache``: see :func:`find_matches_plan`.
    """
    if context is None:
        text, article_id, quote_date = quote_context(store, quote_id)
        own = {r[0] for r in store.conn.execute("SELECT id FROM quotes WHERE article_id = ?",
                                                (article_id,))}
        speaker = quote_speaker(store, quote_id)
    else:
        text, quote_date, own, speaker = context.text, context.date, context.own, context.speaker

    def keeper(allowed: set[str]):
        def keep(c) -> bool:
            if c.is_quote and c.row_id in own:
                return False
            return when_said(c.date, quote_date) in allowed
        return keep

    qv = query_vector
    if qv is None:
        qv = (query_vectors(store, [text], options) or [None])[0]
    found = find_matches_plan(store, text, speaker=speaker, exclude_quote_id=quote_id, top=top,
                              options=options, query_vector=qv,
                              keep=keeper({EARLIER, UNDATED}), near=near, lexical=lexical,
                              df_cache=df_cache)[0]
    if same_day and quote_date:
        found += find_matches_plan(store, text, speaker=speaker, exclude_quote_id=quote_id,
                                   top=top, options=options, query_vector=qv,
                                   keep=keeper({SAME_DAY}), near=near, lexical=lexical,
                                   df_cache=df_cache)[0]
    return [replace(m, when=when_said(m.date, quote_date)) for m in found]


def save_matches(store: Store, quote_id: int, matches: list[Match]) -> dict[str, int]:
    """Store the suggested matches of a quote; returns ``{statement_id: matches.id}``.

    Rows are kept per (quote, other statement) pair, so a match keeps its id across re-matches:
    a suggestion found again is updated in place, one no longer found is deleted, and a
    confirmed or rejected decision is never touched (its score and rank stay as decided).
    """
    with store.transaction() as conn:
        existing = {(r[1], r[2]): (r[0], r[3]) for r in conn.execute(
            "SELECT id, other_quote_id, other_statement_id, status FROM matches WHERE quote_id = ?",
            (quote_id,))}
        ids: dict[str, int] = {}
        keep = set()
        for rank, m in enumerate(matches, start=1):
            key = (m.row_id, None) if m.is_quote else (None, m.row_id)
            keep.add(key)
            old = existing.get(key)
            if old is None:
                ids[m.statement_id] = conn.execute(
                    "INSERT INTO matches (quote_id, other_quote_id, other_statement_id, score, "
                    "match_kind, rank) VALUES (?, ?, ?, ?, ?, ?)",
                    (quote_id, key[0], key[1], m.score, m.kind, rank)).lastrowid
            else:
                ids[m.statement_id] = old[0]
                if old[1] == "suggested":
                    conn.execute("UPDATE matches SET score = ?, match_kind = ?, rank = ? WHERE id = ?",
                                 (m.score, m.kind, rank, old[0]))
        stale = [v[0] for k, v in existing.items() if k not in keep and v[1] == "suggested"]
        conn.executemany("DELETE FROM matches WHERE id = ?", [(i,) for i in stale])
    return ids


def decide_match(store: Store, quote_id: int, statement_id: str, status: str) -> int:
    """Confirm/reject (or reset to ``suggested``) the match of a quote with a statement, by the
    pair rather than by row id; creates the row if the pair was never suggested. Returns its id."""
    if status not in ("suggested", "confirmed", "rejected"):
        raise ValueError(f"unknown match status {status!r}")
    ref = resolve_statement(store, statement_id)
    if ref is None:
        raise KeyError(f"no statement {statement_id!r}")
    is_quote, rid = ref
    col = "other_quote_id" if is_quote else "other_statement_id"
    with store.transaction() as conn:
        row = conn.execute(f"SELECT id FROM matches WHERE quote_id = ? AND {col} = ?",
                           (quote_id, rid)).fetchone()
        if row is None:
            text = conn.execute("SELECT text FROM quotes WHERE id = ?", (quote_id,)).fetchone()
            other = get_statement(store, statement_id)
            kind = classify(text[0] if text else "", other.text if other else "",
                             speaker=quote_speaker(store, quote_id),
                             other_speaker=other.speaker if other else None)
            mid = conn.execute(
                f"INSERT INTO matches (quote_id, {col}, score, match_kind, rank, status, decided_at) "
                "VALUES (?, ?, 0, ?, 0, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (quote_id, rid, kind, status)).lastrowid
            return mid
        conn.execute("UPDATE matches SET status = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', "
                     "'now') WHERE id = ?", (status, row[0]))
        return row[0]


def resolve_statement(store: Store, statement_id: str) -> tuple[bool, int] | None:
    """``(is_quote, row id)`` behind a statement id (ext_id or ``q<id>``), or None.

    ``q<digits>`` names a stored quote when that quote exists, otherwise an imported statement
    whose own id happens to look like that.
    """
    sid = str(statement_id)
    if sid[:1] == "q" and sid[1:].isdigit():
        if store.conn.execute("SELECT 1 FROM quotes WHERE id = ?", (int(sid[1:]),)).fetchone():
            return True, int(sid[1:])
    row = store.conn.execute("SELECT id FROM statements WHERE ext_id = ?", (sid,)).fetchone()
    return (False, row[0]) if row else None


def get_statement(store: Store, statement_id: str) -> Match | None:
    """One statement (imported, or a stored quote ``q<id>``) as a :class:`Match` with score 0
    and kind ``""``: text, speaker, date, source (outlet for quotes), title, url."""
    ref = resolve_statement(store, statement_id)
    if ref is None:
        return None
    is_quote, rid = ref
    if is_quote:
        r = store.conn.execute(
            "SELECT q.text, a.date, a.outlet, a.title, a.url FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.id = ?", (rid,)).fetchone()
        return Match(statement_id=f"q{rid}", text=r[0], speaker=quote_speaker(store, rid),
                     date=r[1] or None, source=r[2] or None, score=0.0, kind="", title=r[3] or None,
                     url=r[4], is_quote=True, row_id=rid)
    r = store.conn.execute("SELECT ext_id, text, speaker, date, source, title, url FROM statements "
                           "WHERE id = ?", (rid,)).fetchone()
    return Match(statement_id=r[0], text=r[1], speaker=r[2], date=r[3], source=r[4], score=0.0,
                 kind="", title=r[5], url=r[6], is_quote=False, row_id=rid)


def stored_matches(store: Store, quote_id: int) -> list[dict]:
    """Rows of ``matches`` for a quote with the other side's text, best first."""
    return store.query(
        """SELECT m.id, m.rank, m.score, m.match_kind, m.status,
                  coalesce(s.ext_id, 'q' || m.other_quote_id) AS statement_id,
                  coalesce(s.text, q.text) AS text, s.speaker, s.date
           FROM matches m LEFT JOIN statements s ON s.id = m.other_statement_id
           LEFT JOIN quotes q ON q.id = m.other_quote_id
           WHERE m.quote_id = ? ORDER BY m.status = 'rejected', m.rank""", (quote_id,))


def set_match_status(store: Store, match_id: int, status: str) -> None:
    """Confirm or reject a suggested match (``suggested`` / ``confirmed`` / ``rejected``)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE matches SET status = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            "WHERE id = ?", (status, match_id))


@dataclass
class RematchReport:
    quotes: int = 0
    matched: int = 0
    cancelled: bool = False
    vectors: int = 0   # sentence vectors computed first (statements and quotes missing them)


def rematch_all(store: Store, *, top: int = 5, progress: Callable[[float], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                options: MatchOptions = DEFAULT_OPTIONS,
                quote_ids: list[int] | None = None) -> RematchReport:
    """Re-match every stored quote (or only ``quote_ids``, e.g. those of a newly imported
    article) and save their top matches; stops cleanly when cancelled.

    Each quote's matches are saved in their own transaction, so a cancel leaves every quote
    either with its old or with its new suggestions. Missing sentence vectors (statements
    imported without them, quotes of older versions) are computed first, in the same progress.
    """
    ids = (list(quote_ids) if quote_ids is not None
           else [r[0] for r in store.conn.execute("SELECT id FROM quotes ORDER BY id")])
    report = RematchReport()
    share = 0.0  # of the progress bar taken by computing missing sentence vectors first
    if options.semantic and semantic.can_index(store.conn):
        todo_s = 0 if quote_ids is not None else len(semantic.missing_statements(store.conn))
        todo_q = len(semantic.missing_quotes(store.conn, ids))
        if todo_s + todo_q:
            # encoding costs 3-6 ms a text (170-350 a second), matching ~10-100 ms a quote
            share = (todo_s + todo_q) * 4 / ((todo_s + todo_q) * 4 + len(ids) * 30)
            sub = (lambda f: progress(f * share)) if progress else None
            if todo_s:
                report.vectors += semantic.index_statements(store, progress=sub, cancelled=cancelled)
            report.vectors += semantic.index_quotes(store, ids, cancelled=cancelled)
            if cancelled and cancelled():
                report.cancelled = True
                return report
    for i, qid in enumerate(ids):
        if cancelled and cancelled():
            report.cancelled = True
            break
        try:
            ms = match_quote(store, qid, top=top, options=options)
        except KeyError:  # deleted meanwhile
            continue
        save_matches(store, qid, ms)
        report.quotes += 1
        report.matched += bool(ms)
        if progress and (i % 20 == 0 or i == len(ids) - 1):
            progress(share + (1 - share) * (i + 1) / len(ids))
    if progress and not report.cancelled:
        progress(1.0)
    return report
