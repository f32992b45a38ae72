"""Stage 2 of matching: score each candidate 0-100 from lexical and sentence-vector features.

Features (each in 0..1): ``fuzzy`` (rapidfuzz ``token_set_ratio`` of the processed texts),
``partial`` (``partial_ratio`` of the shorter text inside the longer: fragments), ``overlap``
(idf-weighted share of the query's stems found in the candidate's text and title), ``bm25``
(the FTS score divided by the best one of the query), ``title`` (``token_set_ratio`` against the
statement's title, when it has one), ``speaker`` (same surname), ``exact`` (identical
processed text), ``semantic`` and ``semantic_title`` (cosine of the sentence vectors of the
query and the text, the title: see ``semantic``). The score is a weighted mean of these, weights
in :class:`Weights`, tuned on the CheckThat! training splits by ``scripts/eval_matching.py``
(never on dev or test); a feature that cannot be computed is left out of the mean.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from quotedesk.core.matching.candidates import Candidate
from quotedesk.core.matching.candidates import idf as _idf
from quotedesk.core.matching.text import clean_query, speaker_key, terms


@dataclass(frozen=True)
class Weights:
    fuzzy: float = 0.50
    partial: float = 0.20
    overlap: float = 0.80
    bm25: float = 0.20
    title: float = 0.05
    speaker: float = 0.50
    exact: float = 0.0
    cosine: float = 0.35
    bigram: float = 0.50
    #: pseudo-relevance feedback: likeness to the other best candidates of the first pass
    prf: float = 0.0  # train MAP@5 2020/2A/2B at 0.1: +0.0005 / -0.0019 / -0.0028: off
    #: speaker feature for a candidate with no speaker (neither same nor different)
    speaker_unknown: float = 0.3
    #: cosine of the sentence vectors (``semantic``) of the texts, and of the query with the
    #: statement's title; left out of the mean when there is no vector (semantic stage off)
    semantic: float = 2.7
    semantic_title: float = 1.3

    def total(self) -> float:
        return (self.fuzzy + self.partial + self.overlap + self.bm25 + self.title + self.speaker
                + self.exact + self.cosine + self.bigram + self.prf + self.semantic
                + self.semantic_title)


DEFAULT_WEIGHTS = Weights()
#: The weights for matching without sentence vectors (semantic stage off, or no model): tuned
#: the same way with the semantic features absent (train MAP@5 2020/2A/2B 0.847/0.830/0.556,
#: where DEFAULT_WEIGHTS without vectors give 0.845/0.817/0.542).
LEXICAL_WEIGHTS = Weights(fuzzy=0.10, partial=0.20, overlap=0.80, bm25=0.10, title=0.20,
                          speaker=0.20, exact=0.0, cosine=0.35, bigram=0.05, semantic=0.0,
                          semantic_title=0.0)


@dataclass
class Scored:
    candidate: Candidate
    score: float                       # 0..100
    features: dict[str, float]


def idf_weights(stems: Counter, df: dict[str, int], n_docs: int) -> dict[str, float]:
    """Robertson idf of each query stem (unknown stems count as rare)."""
    n = max(n_docs, 1)
    return {t: _idf(df, n, t) for t in stems}


_LOG_TF = [0.0] + [1 + math.log(c) for c in range(1, 8)]


class _IdfTable(dict):
    """idf of every term of ``df`` (unknown terms: as rare as can be), memoised per query."""

    _last: "_IdfTable | None" = None

    def __init__(self, df: dict[str, int], n: int):
        super().__init__()
        self.df, self.n = df, n
        self._q_norm: tuple[int, float] | None = None

    def __missing__(self, t: str) -> float:
        v = self[t] = _idf(self.df, self.n, t)
        return v

    def q_norm(self, q_vec: dict[str, float]) -> float:
        if self._q_norm is None or self._q_norm[0] != id(q_vec):
            self._q_norm = (id(q_vec), math.sqrt(sum(w * w for w in q_vec.values())))
        return self._q_norm[1]

    @classmethod
    def of(cls, df: dict[str, int], n: int) -> "_IdfTable":
        last = cls._last
        if last is None or last.df is not df or last.n != n:
            last = cls._last = cls(df, n)
        return last


def _bigrams(ts: list[str]) -> set[tuple[str, str]]:
    return set(zip(ts, ts[1:]))


def features(query: str, q_proc: str, q_stems: Counter, idf: dict[str, float], cand: Candidate,
             best_bm25: float, q_speaker: str | None, *, df: dict[str, int] | None = None,
             n_docs: int = 1, q_vec: dict[str, float] | None = None,
             q_bigrams: set | None = None, q_sem=None) -> dict[str, float]:
    c_proc = default_process(cand.text)
    f: dict[str, float] = {}
    f["fuzzy"] = fuzz.token_set_ratio(q_proc, c_proc) / 100.0
    short, long_ = (q_proc, c_proc) if len(q_proc) <= len(c_proc) else (c_proc, q_proc)
    f["partial"] = fuzz.partial_ratio(short, long_) / 100.0 if short else 0.0
    c_list = cand.terms
    c_terms = set(c_list)
    t_list = cand.title_terms if not cand.is_quote else []
    c_terms |= set(t_list)
    total = sum(idf.values()) or 1.0
    f["overlap"] = sum(w for t, w in idf.items() if t in c_terms) / total
    if q_vec is not None and df is not None:
        cv = Counter(c_list)
        idf_all = _IdfTable.of(df, n_docs)
        c_vec = {t: _LOG_TF[c] * idf_all[t] if c < 8 else (1 + math.log(c)) * idf_all[t]
                 for t, c in cv.items()}
        dot = sum(w * c_vec.get(t, 0.0) for t, w in q_vec.items())
        norm = idf_all.q_norm(q_vec) * math.sqrt(sum(w * w for w in c_vec.values()))
        f["cosine"] = dot / norm if norm else 0.0
    else:
        f["cosine"] = 0.0
    if q_bigrams:
        f["bigram"] = len(q_bigrams & (_bigrams(c_list) | _bigrams(t_list))) / len(q_bigrams)
    else:
        f["bigram"] = 0.0
    f["bm25"] = cand.bm25 / best_bm25 if best_bm25 > 0 and cand.bm25 > 0 else 0.0
    # a quote's "title" is its article's headline, not a summary of the quote: not a feature
    f["title"] = (fuzz.token_set_ratio(q_proc, default_process(cand.title)) / 100.0
                  if cand.title and not cand.is_quote else -1.0)
    if q_speaker and cand.speaker:
        ck = {speaker_key(s) for s in cand.speaker.split(" & ")}
        f["speaker"] = 1.0 if speaker_key(q_speaker) in ck else 0.0
    else:
        f["speaker"] = -1.0  # unknown: replaced by Weights.speaker_unknown
    f["exact"] = 1.0 if cand.exact or (q_proc and q_proc == c_proc) else 0.0
    # sentence vectors: cosine clipped to 0..1; -1 = no vector (left out of the mean)
    f["semantic"] = (max(0.0, float(q_sem @ cand.vec))
                     if q_sem is not None and cand.vec is not None else -1.0)
    f["semantic_title"] = (max(0.0, float(q_sem @ cand.title_vec))
                           if q_sem is not None and cand.title_vec is not None and not cand.is_quote
                           else -1.0)
    return f


def combine(f: dict[str, float], w: Weights = DEFAULT_WEIGHTS) -> float:
    sp = w.speaker_unknown if f["speaker"] < 0 else f["speaker"]
    total = w.total()
    title = f["title"]
    if title < 0:  # no title: the other features decide alone
        total -= w.title
        title = 0.0
    s = (w.fuzzy * f["fuzzy"] + w.partial * f["partial"] + w.overlap * f["overlap"]
         + w.bm25 * f["bm25"] + w.title * title + w.speaker * sp + w.exact * f["exact"]
         + w.cosine * f["cosine"] + w.bigram * f["bigram"] + w.prf * f.get("prf", 0.0))
    for name, wv in (("semantic", w.semantic), ("semantic_title", w.semantic_title)):
        v = f.get(name, -1.0)
        if v < 0:
            total -= wv
        else:
            s += wv * v
    return 100.0 * s / (total or 1.0)


def shortlist(cands: list[Candidate], k: int) -> list[Candidate]:
    """The candidates worth full scoring: exact repeats, the speaker's own best statements, and
    the ``k`` best by bm25 of each index (the fuzzy scorers cost ~0.1 ms a candidate)."""
    special = [c for c in cands if c.exact or c.by_speaker or c.by_meaning]
    rest = [c for c in cands if not (c.exact or c.by_speaker or c.by_meaning)]
    st = sorted((c for c in rest if not c.is_quote), key=lambda c: -c.bm25)[:k]
    qs = sorted((c for c in rest if c.is_quote), key=lambda c: -c.bm25)[:k]
    return special + st + qs


def trim(pool: list[Candidate], query: str, *, df: dict[str, int], n_docs: int,
         speaker: str | None, k: int, speaker_bonus: float = 0.5) -> list[Candidate]:
    """At most ``k`` candidates (plus exact repeats and nearest by meaning) by a cheap score: bm25 over the pool
    (normalised) plus ``speaker_bonus`` for the same speaker. Keeps full scoring affordable
    when the speaker-scoped search adds its own candidates."""
    if len(pool) <= k:
        return pool
    idf = idf_weights(Counter(terms(clean_query(query))), df, n_docs)
    _pool_bm25(pool, idf)
    best = max((c.bm25 for c in pool), default=0.0) or 1.0
    qk = {speaker_key(s) for s in speaker.split(" & ")} if speaker else set()

    def cheap(c: Candidate) -> float:
        same = bool(qk and c.speaker and qk & {speaker_key(s) for s in c.speaker.split(" & ")})
        return c.bm25 / best + speaker_bonus * same

    kept = [c for c in pool if c.exact or c.by_meaning]
    rest = sorted((c for c in pool if not (c.exact or c.by_meaning)), key=cheap, reverse=True)
    return kept + rest[:k]


def merge(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per statement id (found by several routes: flags and best bm25 kept)."""
    merged: dict[str, Candidate] = {}
    for c in cands:
        prev = merged.get(c.statement_id)
        if prev is None:
            merged[c.statement_id] = c
        else:
            prev.bm25 = max(prev.bm25, c.bm25)
            prev.exact |= c.exact
            prev.by_speaker |= c.by_speaker
            prev.by_meaning |= c.by_meaning
    return list(merged.values())


BM25_K1, BM25_B, TITLE_TF = 1.2, 0.75, 0.5


def _pool_bm25(pool: list[Candidate], idf: dict[str, float]) -> None:
    """Set ``bm25`` of each candidate from its terms (average length taken over the pool)."""
    if not pool:
        return
    stats = []
    for c in pool:
        tf = Counter(c.terms)
        title = [] if c.is_quote else c.title_terms
        for t in title:
            tf[t] += TITLE_TF
        stats.append((tf, len(c.terms) + TITLE_TF * len(title)))
    avg = sum(n for _, n in stats) / len(stats) or 1.0
    for c, (tf, n) in zip(pool, stats):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * n / avg)
        c.bm25 = sum(w * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t, w in idf.items() if t in tf)


PRF_DOCS = 3


def _add_prf(out: list[Scored], idf: "_IdfTable") -> None:
    """Set ``features["prf"]``: mean cosine (tf-idf of text + title) of each candidate with the
    ``PRF_DOCS`` best others of the first pass (a claim restated in several statements)."""
    vecs: dict[int, dict[str, float]] = {}

    def vec(c: Candidate) -> dict[str, float]:
        v = vecs.get(id(c))
        if v is None:
            cnt = Counter(c.terms)
            cnt.update([] if c.is_quote else c.title_terms)
            v = {t: (1 + math.log(n)) * idf[t] for t, n in cnt.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            v = vecs[id(c)] = {t: x / norm for t, x in v.items()}
        return v

    top = sorted(out, key=lambda s: -s.score)[:PRF_DOCS + 1]
    for s in out:
        others = [vec(o.candidate) for o in top if o is not s][:PRF_DOCS]
        cv = vec(s.candidate)
        s.features["prf"] = sum(sum(x * o.get(t, 0.0) for t, x in cv.items())
                                for o in others) / len(others)


def rerank(query: str, cands: list[Candidate], *, df: dict[str, int], n_docs: int,
           speaker: str | None = None, weights: Weights = DEFAULT_WEIGHTS,
           k: int | None = None, q_sem=None) -> list[Scored]:
    """Score and sort candidates (best first); candidates seen twice are merged first.

    With ``k``, only the :func:`shortlist` of the candidates is scored. ``df`` must hold the
    document frequency of the query's terms (and of the candidates' terms for ``cosine``).
    """
    pool = merge(cands)
    if k:
        pool = shortlist(pool, k)
    q_clean = clean_query(query)
    q_proc = default_process(q_clean)
    q_list = terms(q_clean)
    q_stems = Counter(q_list)
    idf = idf_weights(q_stems, df, n_docs)
    q_vec = {t: (1 + math.log(c)) * idf[t] for t, c in q_stems.items()}
    q_bi = _bigrams(q_list)
    # bm25 recomputed here for every candidate (those found by the speaker-scoped or exact
    # search have no FTS rank), on text + title (title counted half, as in the FTS query)
    _pool_bm25(pool, idf)
    best = max((c.bm25 for c in pool), default=0.0)
    out = []
    for c in pool:
        f = features(query, q_proc, q_stems, idf, c, best, speaker,
                     df=df, n_docs=n_docs, q_vec=q_vec, q_bigrams=q_bi, q_sem=q_sem)
        out.append(Scored(c, combine(f, weights), f))
    if weights.prf and len(out) > 1:
        _add_prf(out, _IdfTable.of(df, n_docs))
        for s in out:
            s.score = combine(s.features, weights)
    # the same text recorded more than once (reposts, other punctuation or capitals) is one
    # claim: every copy gets the best copy's score, so the tie-break below puts the earliest
    # record first (on CheckThat! 2020 the first record is the one fact-checked: 14 of the 41
    # dev queries whose top match was wrong had picked a later copy of it)
    best: dict[str, float] = {}
    procs = [default_process(s.candidate.text) for s in out]
    for s, p in zip(out, procs):
        best[p] = max(best.get(p, s.score), s.score)
    for s, p in zip(out, procs):
        s.score = best[p]
    # ties (duplicate statements): the earliest first (the original claim, not its reposts),
    # imported statements before quotes, then by date and import order
    out.sort(key=lambda s: (-s.score, s.candidate.is_quote, s.candidate.date or "9999",
                            s.candidate.row_id))
    return out
