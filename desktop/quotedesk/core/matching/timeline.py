"""A speaker's statements on a timeline, and clusters of statements that say the same thing.

``speaker_timeline(store, "Ann Lee", date_from=..., date_to=..., text=...)`` gathers the
speaker's imported statements and stored quotes, sorted by date (undated ones last).
``cluster(items)`` groups items that say the same thing: pairs sharing at least two of an item's
rarest terms are compared with rapidfuzz ``token_set_ratio`` and joined (union-find, single link)
above a threshold when the terms they share also carry half their idf weight, so it never
compares every pair. Given the items' sentence vectors
(``item_vectors``), pairs whose vectors are close are joined too, so a claim reworded with other
words lands in the same group. Pure functions; no Qt.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from quotedesk.core.matching.text import fold, speaker_key, terms
from quotedesk.core.store.db import Store

CLUSTER_THRESHOLD = 75.0
#: ... and the terms both items have carry at least this share of their idf weight: a long
#: formula a speaker repeats ("I said it before and I say it again: …") makes token_set_ratio
#: high between different claims, but its words are common, so they weigh little.
OVERLAP_THRESHOLD = 0.5
#: Cosine of the sentence vectors above which two items say the same thing (paraphrases of one
#: claim score 0.75-0.95 with all-MiniLM-L6-v2; different claims on one topic 0.4-0.6).
SEMANTIC_THRESHOLD = 0.75
#: Items compared by vector (every pair, by blocks); a longer timeline uses the terms only.
SEMANTIC_MAX = 5_000
#: Each item is paired with the items sharing at least two of its rarest terms (of this many).
KEY_TERMS = 4
#: A term in more items than this is not used for pairing (cost bound for huge timelines).
MAX_POSTINGS = 5_000


_TITLES = frozenset("""mr mrs ms miss dr prof president vice sen senator rep representative gov
governor mayor sir dame lord lady judge justice secretary minister prime chancellor general gen
former the""".split())


@dataclass(frozen=True)
class TimelineItem:
    statement_id: str          # ext_id or q<id>
    text: str
    speaker: str | None
    date: str | None
    source: str | None
    is_quote: bool
    row_id: int = 0            # statements.id or quotes.id
    title: str | None = None   # the article's (quotes) or the statement's title


def _same_person(wanted: str, name: str | None) -> bool:
    """Surname equal, and the full names equal when both have more than one word."""
    if not name:
        return False
    if speaker_key(wanted) != speaker_key(name):
        return False
    a = [w for w in fold(wanted).replace(".", " ").split() if w not in _TITLES]
    b = [w for w in fold(name).replace(".", " ").split() if w not in _TITLES]
    return len(a) < 2 or len(b) < 2 or a[-2:] == b[-2:] or a[0][0] == b[0][0]


def speaker_timeline(store: Store, speaker: str, *, date_from: str | None = None,
                     date_to: str | None = None, text: str | None = None,
                     limit: int = 20_000) -> list[TimelineItem]:
    """The statements and quotes of ``speaker`` by date (ISO dates compare as strings)."""
    key = speaker_key(speaker)
    if not key:
        return []
    items: list[TimelineItem] = []
    for rid, ext_id, txt, sp, date, source, title in store.conn.execute(
            "SELECT id, ext_id, text, speaker, date, source, title FROM statements "
            "WHERE speaker_key = ? LIMIT ?", (key, limit)):
        if any(_same_person(speaker, s) for s in (sp or "").split(" & ")):
            items.append(TimelineItem(ext_id, txt, sp, date or None, source or None, False, rid,
                                      title or None))
    for qid, txt, name, date, outlet, title in store.conn.execute(
            """SELECT q.id, q.text, s.name, a.date, a.outlet, a.title FROM speakers s
               JOIN quote_speakers qs ON qs.speaker_id = s.id JOIN quotes q ON q.id = qs.quote_id
               JOIN articles a ON a.id = q.article_id
               WHERE s.name LIKE ? LIMIT ?""", (f"%{key}%", limit)):
        if _same_person(speaker, name):
            items.append(TimelineItem(f"q{qid}", txt, name, date or None, outlet or None, True, qid,
                                      title or None))
    if date_from:
        items = [i for i in items if i.date and i.date >= date_from]
    if date_to:
        items = [i for i in items if i.date and i.date[: len(date_to)] <= date_to]
    if text:
        needle = fold(text)
        items = [i for i in items if needle in fold(i.text)]
    items.sort(key=lambda i: (i.date is None, i.date or "", i.statement_id))
    return items


def item_vectors(store: Store, items: list[TimelineItem]) -> list:
    """The stored sentence vector of each item (None where it has none); nothing is computed."""
    from quotedesk.core.matching import semantic

    sv = semantic.statement_vectors(store.conn, [i.row_id for i in items if not i.is_quote])
    qv = semantic.quote_vectors(store.conn, [i.row_id for i in items if i.is_quote])
    return [qv.get(i.row_id) if i.is_quote else sv.get(i.row_id, (None, None))[0] for i in items]


def _weighted_overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Share of the two items' term weight (idf among the timeline's items) that both have."""
    union = sum(idf[t] for t in a | b)
    return sum(idf[t] for t in a & b) / union if union else 0.0


def _join_by_vectors(vectors: list, union, threshold: float) -> None:
    import numpy as np

    idx = [i for i, v in enumerate(vectors) if v is not None]
    if len(idx) < 2 or len(idx) > SEMANTIC_MAX:
        return
    mat = np.vstack([vectors[i] for i in idx]).astype(np.float32)
    for start in range(0, len(idx), 1_000):
        block = mat[start:start + 1_000] @ mat.T
        for a, b in zip(*np.nonzero(block >= threshold)):
            i, j = start + int(a), int(b)
            if i < j:
                union(idx[i], idx[j])


class _Groups:
    """Union-find over item indexes; a pair in ``cannot`` is never joined, even through others."""

    def __init__(self, n: int, cannot=()):
        self.parent = list(range(n))
        self.members: list[list[int]] | None = None
        self.forbidden: list[set[int]] | None = None
        if cannot:
            self.members = [[i] for i in range(n)]
            self.forbidden = [set() for _ in range(n)]
            for a, b in cannot:
                self.forbidden[a].add(b)
                self.forbidden[b].add(a)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        if self.members is not None:
            if len(self.members[ri]) < len(self.members[rj]):
                ri, rj = rj, ri
            if any(m in self.forbidden[ri] for m in self.members[rj]):
                return False  # the analyst rejected a match between the two groups
            self.members[ri] += self.members[rj]
            self.forbidden[ri] |= self.forbidden[rj]
            self.members[rj], self.forbidden[rj] = [], set()
        self.parent[rj] = ri
        return True


def cluster(items: list[TimelineItem], *, threshold: float = CLUSTER_THRESHOLD,
            vectors: list | None = None,
            semantic_threshold: float = SEMANTIC_THRESHOLD,
            links=(), cannot=()) -> list[list[TimelineItem]]:
    """Groups of items saying the same thing (each group by date; largest groups first).

    ``vectors``: one sentence vector (or None) per item, from :func:`item_vectors`. ``links``:
    pairs of item indexes known to say the same thing (joined first); ``cannot``: pairs never
    joined, by any rule (a match the analyst rejected). Singletons are returned too, so every
    item is in exactly one group.
    """
    n = len(items)
    groups_ = _Groups(n, cannot)
    find, union = groups_.find, groups_.union
    for i, j in links:
        union(i, j)

    term_sets = [set(terms(it.text)) for it in items]
    df = Counter(t for ts in term_sets for t in ts)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(term_sets):
        for t in ts:
            postings[t].append(i)
    procs = [default_process(it.text) for it in items]
    idf = {t: math.log((n + 1) / d) for t, d in df.items()}
    for i, ts in enumerate(term_sets):
        # pair on the item's own rarest terms: a claim repeated by most items still pairs,
        # because its rarest terms are shared by exactly its repeats
        keys = sorted(ts, key=lambda t: (df[t], t))[:KEY_TERMS]
        shared: Counter = Counter()
        for t in keys:
            post = postings[t]
            if len(post) > MAX_POSTINGS:
                continue
            for j in post:
                if j != i:
                    shared[j] += 1
        need = min(2, len(keys))
        for j, c in shared.items():
            if c >= need and find(i) != find(j):
                if (fuzz.token_set_ratio(procs[i], procs[j]) >= threshold
                        and _weighted_overlap(ts, term_sets[j], idf) >= OVERLAP_THRESHOLD):
                    union(i, j)
    if vectors is not None:
        _join_by_vectors(vectors, union, semantic_threshold)
    groups: dict[int, list[TimelineItem]] = defaultdict(list)
    for i, it in enumerate(items):
        groups[find(i)].append(it)
    out = [sorted(g, key=lambda it: (it.date is None, it.date or "")) for g in groups.values()]
    out.sort(key=lambda g: (-len(g), g[0].date or ""))
    return out
