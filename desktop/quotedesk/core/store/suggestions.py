"""Merge suggestions: the questions identity could not answer alone, with the evidence of both
speakers side by side, and the analyst's answers (kept, so a question is asked once).

A ``merge`` suggestion says "``speaker_id`` (a new article's own name for someone) may be
``other_id``". A ``repair`` suggestion records that upgrade 0012 split ``speaker_id`` off
``other_id`` (the Boris/Mike Johnson repair). For both, accepting means "they are one person"
and merges them (a repaired pair back into the original speaker; a merge pair into the one with
the fuller name, else the older one); dismissing means "two people" and keeps them apart. Both
answers are invertible edits (:class:`AcceptSuggestion`, :class:`DismissSuggestion`) applied
with :func:`quotedesk.core.store.edits.apply`; their inverses reopen the question (and undo the
merge). An answered pair is never asked again (:func:`quotedesk.core.store.speakers.suggest`).

For the GUI: :func:`list_suggestions` (open questions with :class:`SpeakerEvidence` for both
sides), :func:`open_suggestion_counts` (a badge per speaker).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from quotedesk.core.identity.names import parse_name
from quotedesk.core.store.db import Store, StoreError
from quotedesk.core.store.edits import Applied, Batch, Changes, Edit, MergeSpeakers

STATUSES = ("open", "accepted", "dismissed")


@dataclass(frozen=True, slots=True)
class SpeakerEvidence:
    """What the library knows about one side of a suggestion."""

    speaker_id: int
    name: str
    kind: str
    n_quotes: int
    forms: tuple[str, ...]      # the fullest mentions articles wrote ("Prime Minister Boris Johnson")
    roles: tuple[str, ...]      # roles as written ("Prime Minister", "the finance minister")
    orgs: tuple[str, ...]       # organisation keys ("teachers union")
    articles: tuple[str, ...]   # "Outlet, date: title", oldest first (at most ``max_articles``)


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    id: int
    kind: str                   # merge or repair
    reason: str                 # in words, for the analyst
    status: str                 # open, accepted, dismissed
    speaker: SpeakerEvidence    # the new (or split-off) speaker
    other: SpeakerEvidence      # the speaker it may be
    detail: dict                # repair: {"quotes": [...], "articles": [...], "from_name": ...}


def open_suggestion_counts(store: Store) -> dict[int, int]:
    """Open suggestions per speaker (either side), counting only pairs whose speakers both exist."""
    out: dict[int, int] = {}
    for a, b in store.execute(
            "SELECT g.speaker_id, g.other_id FROM speaker_suggestions g WHERE g.status = 'open' "
            "AND EXISTS (SELECT 1 FROM speakers WHERE id = g.speaker_id) "
            "AND EXISTS (SELECT 1 FROM speakers WHERE id = g.other_id)"):
        out[a] = out.get(a, 0) + 1
        out[b] = out.get(b, 0) + 1
    return out


def evidence(store: Store, speaker_id: int, *, max_articles: int = 8) -> SpeakerEvidence | None:
    """One speaker's side of a suggestion: name forms, roles, organisations, articles."""
    row = store.execute("SELECT name, kind, n_quotes FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return None
    forms, roles, orgs = [], [], []
    for mention, role_text, org in store.execute(
            "SELECT mention, role_text, orgs FROM speaker_forms WHERE speaker_id = ? ORDER BY id", (speaker_id,)):
        forms.append(mention)
        if role_text:
            roles.append(role_text)
        orgs.extend(o for o in org.split("; ") if o)
    articles = [f"{outlet or '?'}, {date or 'undated'}: {title}" for outlet, date, title in store.execute(
        "SELECT a.outlet, a.date, a.title FROM articles a WHERE a.id IN "
        "(SELECT article_id FROM speaker_forms WHERE speaker_id = ?) ORDER BY a.date, a.id LIMIT ?",
        (speaker_id, max_articles))]
    uniq = lambda xs: tuple(dict.fromkeys(x for x in xs if x))  # noqa: E731
    return SpeakerEvidence(speaker_id, row[0], row[1], row[2], uniq(forms), uniq(roles), uniq(orgs), tuple(articles))


def list_suggestions(store: Store, *, status: str = "open", speaker_id: int | None = None) -> list[SuggestionRow]:
    """Suggestions with this status whose two speakers still exist, newest first; optionally
    only those of one speaker (either side)."""
    if status not in STATUSES:
        raise StoreError(f"unknown suggestion status {status!r}")
    sql = "SELECT id, speaker_id, other_id, kind, reason, status, detail FROM speaker_suggestions WHERE status = ?"
    params: list = [status]
    if speaker_id is not None:
        sql += " AND (speaker_id = ? OR other_id = ?)"
        params += [speaker_id, speaker_id]
    out = []
    for sid, a, b, kind, reason, st, detail in store.execute(sql + " ORDER BY id DESC", params).fetchall():
        ea, eb = evidence(store, a), evidence(store, b)
        if ea is None or eb is None:
            continue
        try:
            info = json.loads(detail or "{}")
        except ValueError:
            info = {}
        out.append(SuggestionRow(sid, kind, reason, st, ea, eb, info if isinstance(info, dict) else {}))
    return out


def _suggestion(store: Store, suggestion_id: int) -> tuple[int, int, str, str]:
    row = store.execute("SELECT speaker_id, other_id, kind, status FROM speaker_suggestions WHERE id = ?",
                        (suggestion_id,)).fetchone()
    if row is None:
        raise StoreError(f"suggestion {suggestion_id} no longer exists")
    return row


def merge_direction(store: Store, speaker_id: int, other_id: int, kind: str) -> tuple[int, int]:
    """(keep, merged) for accepting a suggestion: a repair merges back into the original
    speaker; a merge keeps the speaker with the fuller name, else the older one (``other_id``)."""
    if kind == "repair":
        return other_id, speaker_id
    names = dict(store.execute("SELECT id, name FROM speakers WHERE id IN (?, ?)", (speaker_id, other_id)))
    if speaker_id in names and other_id in names and (
            parse_name(names[speaker_id]).is_full and not parse_name(names[other_id]).is_full):
        return speaker_id, other_id
    return other_id, speaker_id


@dataclass(frozen=True)
class SetSuggestionStatus(Edit):
    """Record an answer (or reopen the question); nothing else changes."""

    suggestion_id: int
    status: str

    label = "Answer suggestion"

    def _apply(self, store: Store) -> Applied:
        if self.status not in STATUSES:
            raise StoreError(f"unknown suggestion status {self.status!r}")
        old = _suggestion(store, self.suggestion_id)[3]
        store.execute("UPDATE speaker_suggestions SET status = ?, decided_at = CASE WHEN ? = 'open' THEN NULL "
                      "ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END WHERE id = ?",
                      (self.status, self.status, self.suggestion_id))
        return Applied(SetSuggestionStatus(self.suggestion_id, old), Changes(speakers=True))


@dataclass(frozen=True)
class AcceptSuggestion(Edit):
    """"They are one person": merge the two speakers (see :func:`merge_direction`) and remember
    the answer. Undo reopens the question and restores both speakers exactly."""

    suggestion_id: int

    label = "Accept merge suggestion"

    def _apply(self, store: Store) -> Applied:
        a, b, kind, status = _suggestion(store, self.suggestion_id)
        if status != "open":
            raise StoreError(f"this suggestion was already {status}")
        keep, merged = merge_direction(store, a, b, kind)
        batch = Batch((SetSuggestionStatus(self.suggestion_id, "accepted"), MergeSpeakers(keep, merged)),
                      self.label)
        return batch._apply(store)


@dataclass(frozen=True)
class DismissSuggestion(Edit):
    """"Two people": keep both speakers and remember the answer. Undo reopens the question."""

    suggestion_id: int

    label = "Dismiss merge suggestion"

    def _apply(self, store: Store) -> Applied:
        status = _suggestion(store, self.suggestion_id)[3]
        if status != "open":
            raise StoreError(f"this suggestion was already {status}")
        return SetSuggestionStatus(self.suggestion_id, "dismissed")._apply(store)
