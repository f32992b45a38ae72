"""Merge suggestions: the questions identity could not answer alone, with the evidence of both
speakers side by side, and the analyst's answers (kept, so a question is asked once).

A ``merge`` suggestion says "``speaker_id`` (a new article's own name) may be ``other_id``";
accepting it merges the first into the second. A ``repair`` suggestion records that the 0007
upgrade split ``speaker_id`` off ``other_id``; accepting it merges them back (undoes the repair),
dismissing it keeps the split. Both answers are invertible edits in ``edits.py``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from quotedesk.core.store.db import Store


@dataclass(frozen=True, slots=True)
class SpeakerEvidence:
    """What the library knows about one side of a suggestion."""

    speaker_id: int
    name: str
    kind: str
    n_quotes: int
    forms: tuple[str, ...]
    roles: tuple[str, ...]
    orgs: tuple[str, ...]
    articles: tuple[str, ...]   # "Outlet, date: title"


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    id: int
    kind: str
    reason: str
    status: str
    speaker: SpeakerEvidence
    other: SpeakerEvidence
    detail: dict


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
    uniq = lambda xs: tuple(dict.fromkeys(xs))  # noqa: E731
    return SpeakerEvidence(speaker_id, row[0], row[1], row[2], uniq(forms), uniq(roles), uniq(orgs), tuple(articles))


def list_suggestions(store: Store, *, status: str = "open", speaker_id: int | None = None) -> list[SuggestionRow]:
    """Suggestions whose two speakers still exist, newest first; optionally those of one speaker."""
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
        out.append(SuggestionRow(sid, kind, reason, st, ea, eb, info))
    return out
