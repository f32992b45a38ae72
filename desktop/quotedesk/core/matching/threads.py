"""Claim threads: a speaker's statements grouped by the claim they repeat, in date order, with
the first occurrence and each change of wording marked (issue 15).

What decides that two statements are one claim, strongest first:

1. the Matches panel's own ranking: each stored quote of the timeline is matched with
   :func:`~quotedesk.core.matching.panel_rows.compute_matches` (the call the panel makes, top
   ``PANEL_TOP``, nothing saved). The panel's first row (the closest earlier statement it shows,
   and copies of its text) joins the quote's thread when it is of the same speaker ("same
   words", "part of it", "reworded"), and so does every other listed row scoring at least
   ``THREAD_SCORE``; a match the analyst confirmed joins too. So the reworded repeat the panel
   puts first lands in the quote's lane, while the weaker rows below it (other claims of the
   same speaker on related topics, also labelled "reworded") do not chain claims together;
2. the lexical and sentence-vector grouping of :func:`~quotedesk.core.matching.timeline.cluster`
   (imported statements are never the panel's query, so this joins statement to statement).

A match the analyst rejected is never joined, by any rule. Beyond ``RANKED_MAX`` quotes the
quotes' stored matches (what the panel or a re-match saved) stand in for a fresh ranking, so a
speaker with thousands of quotes still loads in seconds.

Within a thread, occurrences are ordered by date (undated ones last); each is compared with the
previous one (:func:`~quotedesk.core.matching.kinds.classify`): the first is ``FIRST``, then
``same words`` / ``part of it`` / ``reworded`` (a change of wording).

Threading: pure functions of a :class:`Store` (no Qt); a worker passes its own store, with
``progress`` and ``cancelled``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from quotedesk.core.matching.kinds import OTHER_SPEAKER, VERBATIM, classify
from quotedesk.core.matching.timeline import TimelineItem, cluster, item_vectors, speaker_timeline
from quotedesk.core.store.db import Store

#: Rows the panel ranks for a quote (``MatchesPanel(top=10)``).
PANEL_TOP = 10
#: A row of the panel scoring this much joins the quote's thread whatever its rank; below it, only
#: the panel's first row (and its copies) does. Every shown row (35+) would chain different
#: claims of one speaker: on the bundled demo, "Fewer people are out of work…" lists the jobs
#: claim at 43 but also the energy claim at 38 and the tax pledge at 37, all "reworded".
THREAD_SCORE = 60.0
#: Quotes ranked afresh when a timeline loads; beyond this, their stored matches are used.
RANKED_MAX = 400
#: The first occurrence of a thread (``Occurrence.wording``).
FIRST = "first"


@dataclass(frozen=True)
class Occurrence:
    """Where an item stands in its claim thread."""

    thread: int                  # thread number (0 = the largest thread)
    position: int                # 0 = first occurrence
    wording: str                 # FIRST, or the kind against the previous occurrence
    previous: int | None = None  # index (into the items) of the previous occurrence

    @property
    def changed(self) -> bool:
        """The wording differs from the previous occurrence (reworded or a part of it)."""
        return self.wording not in (FIRST, VERBATIM)


@dataclass
class ClaimThreads:
    """A speaker's items, the thread number of each, and where each stands in its thread."""

    items: list[TimelineItem] = field(default_factory=list)
    threads: list[int] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    #: quotes matched with the panel's ranking (the others used their stored matches)
    ranked: int = 0

    def members(self, thread: int) -> list[int]:
        """Indexes of the thread's items, in thread order (first occurrence first)."""
        return sorted((i for i, t in enumerate(self.threads) if t == thread),
                      key=lambda i: self.occurrences[i].position)


def _key(is_quote: bool, row_id: int) -> tuple[bool, int]:
    return bool(is_quote), int(row_id)


def panel_links(store: Store, items: list[TimelineItem], *,
                progress: Callable[[float], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                ranked_max: int = RANKED_MAX) -> tuple[list[tuple[int, int]], set[tuple[int, int]], int]:
    """``(links, rejected, ranked)``: pairs of item indexes the panel's ranking (or a confirmed
    match) joins, pairs the analyst rejected, and how many quotes were ranked afresh."""
    from quotedesk.core.matching.panel_rows import compute_matches

    index = {_key(it.is_quote, it.row_id): i for i, it in enumerate(items)}
    quotes = [i for i, it in enumerate(items) if it.is_quote]
    links: list[tuple[int, int]] = []
    rejected: set[tuple[int, int]] = set()
    fresh, stale = quotes[:ranked_max], quotes[ranked_max:]
    for n, i in enumerate(fresh):
        if cancelled and cancelled():
            break
        try:
            result = compute_matches(store, items[i].row_id, top=PANEL_TOP, save=False)
        except KeyError:  # deleted meanwhile
            continue
        first = next((r for r in result.rows if r.shown and r.status != "rejected"), None)
        for r in result.rows:
            j = index.get(_key(r.is_quote, r.row_id))
            if j is None or j == i:
                continue
            if r.status == "rejected":
                rejected.add((i, j))
            elif r.status == "confirmed" or (r.shown and r.kind != OTHER_SPEAKER and (
                    r.score >= THREAD_SCORE or (first is not None and r.text == first.text))):
                links.append((i, j))
        if progress:
            progress((n + 1) / max(1, len(quotes)))
    if stale:
        by_id = {items[i].row_id: i for i in stale}
        marks = ",".join("?" * len(by_id))
        for qid, oq, os_, score, kind, status in store.conn.execute(
                "SELECT quote_id, other_quote_id, other_statement_id, score, match_kind, status "
                f"FROM matches WHERE quote_id IN ({marks})", list(by_id)):
            i = by_id[qid]
            j = index.get(_key(True, oq)) if oq is not None else index.get(_key(False, os_))
            if j is None or j == i:
                continue
            if status == "rejected":
                rejected.add((i, j))
            elif status == "confirmed" or (score >= THREAD_SCORE and kind != OTHER_SPEAKER):
                links.append((i, j))
    return links, rejected, min(len(fresh), len(quotes))


def _order_key(items: list[TimelineItem], i: int):
    d = items[i].date
    return (not d, (d or "")[:10], i)


def mark_occurrences(items: list[TimelineItem], threads: list[int]) -> list[Occurrence]:
    """Each item's place in its thread (``threads``: a thread number per item): ordered by date
    (undated last, then as given), the first is ``FIRST``, each later one is classified against
    the one before it."""
    by_thread: dict[int, list[int]] = {}
    for i, t in enumerate(threads):
        by_thread.setdefault(t, []).append(i)
    out: list[Occurrence | None] = [None] * len(items)
    for t, idx in by_thread.items():
        idx.sort(key=lambda i: _order_key(items, i))
        prev = None
        for p, i in enumerate(idx):
            out[i] = (Occurrence(t, 0, FIRST) if prev is None
                      else Occurrence(t, p, classify(items[prev].text, items[i].text), prev))
            prev = i
    return out


def build_threads(items: list[TimelineItem], *, links=(), rejected=(), vectors=None) -> ClaimThreads:
    """Group ``items`` into claim threads and mark each occurrence (pure: no store)."""
    groups = cluster(items, vectors=vectors, links=links, cannot=rejected)
    pos = {id(it): i for i, it in enumerate(items)}
    threads = [0] * len(items)
    for t, group in enumerate(groups):
        for it in group:
            threads[pos[id(it)]] = t
    return ClaimThreads(list(items), threads, mark_occurrences(items, threads))


def load_threads(store: Store, speaker: str, *, progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ClaimThreads:
    """A speaker's items as claim threads (statements memory and quotes of the library)."""
    items = speaker_timeline(store, speaker)
    links, rejected, ranked = panel_links(store, items, progress=progress, cancelled=cancelled)
    out = build_threads(items, links=links, rejected=rejected, vectors=item_vectors(store, items))
    out.ranked = ranked
    return out
