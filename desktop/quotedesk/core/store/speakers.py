"""Speakers, their name forms and aliases: persisting the identity decisions of
``quotedesk.core.identity`` (this module decides nothing about who is who).

On import, :func:`persist_article_speakers` gathers the article's speakers with their evidence,
asks :func:`quotedesk.core.identity.decide` about each one against the candidates the library
holds (speakers sharing the surname or the name key), and writes the outcome: a link to an
existing speaker, a new speaker under the article's own name (with merge suggestions when the
decision is "ask"), or an article-only speaker for a generic name. An import never renames an
existing speaker, never moves a stored quote, and never adds an alias that could capture quotes
of someone else (only full names and organisation names become aliases).
"""
from __future__ import annotations

from typing import Sequence

from quotedesk.core.identity import ASK, SAME, SCOPED, ArticleSpeaker, Candidate, article_speakers, decide
from quotedesk.core.identity.names import PRONOUNS, fold, is_generic, org_key, parse_name, tokens
from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store.db import Store, like_contains
from quotedesk.core.store.names import alias_key


def _add_alias(store: Store, alias: str, speaker_id: int) -> None:
    """Remember a name form as an alias, unless it is generic or already someone's alias."""
    key = alias_key(alias)
    if key and not is_generic(alias):
        store.execute("INSERT OR IGNORE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                      (key, alias, speaker_id))


def form_key(form: str, kind: str) -> tuple[str, str]:
    """(key, surname) under which a name form is looked up."""
    if kind in ("organisation", "group"):
        return org_key(form), ""
    parsed = parse_name(form)
    return (parsed.key or " ".join(tokens(form))), parsed.surname


def add_form(store: Store, speaker_id: int, form: str, *, kind: str = "unknown", article_id: int | None = None,
             sp: ArticleSpeaker | None = None) -> int:
    """Record one name form of a speaker (with the article's evidence when ``sp`` is given)."""
    key, surname = form_key(form, kind)
    ev = sp or ArticleSpeaker(form)
    cur = store.execute(
        "INSERT INTO speaker_forms (speaker_id, article_id, form, mention, key, surname, roles, role_text, orgs, "
        "gender, outlet, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (speaker_id, article_id, form, ev.mention or form, key, surname, " ".join(sorted(ev.roles)), ev.role_text,
         "; ".join(sorted(ev.orgs)), ev.gender, ev.outlet, ev.date))
    return cur.lastrowid


def candidates_for(store: Store, sp: ArticleSpeaker) -> list[Candidate]:
    """Existing library-wide speakers who could be ``sp``: same surname or same name key."""
    key, surname = form_key(sp.name, sp.kind)
    if sp.kind not in ("organisation", "group"):
        plain = " ".join(tokens(sp.name))
        ids = {r[0] for r in store.execute(
            "SELECT speaker_id FROM speaker_forms WHERE surname = ? OR key = ? OR key = ?", (surname, key, plain))}
    else:
        ids = {r[0] for r in store.execute("SELECT speaker_id FROM speaker_forms WHERE key = ?", (key,))}
    out = []
    for sid in sorted(ids):
        row = store.execute("SELECT name, kind, scope_article FROM speakers WHERE id = ?", (sid,)).fetchone()
        if row is None or row[2] is not None:
            continue
        forms, roles, orgs, genders = [], set(), set(), set()
        for form, r, o, g in store.execute("SELECT form, roles, orgs, gender FROM speaker_forms WHERE speaker_id = ?",
                                           (sid,)):
            forms.append(form)
            roles.update(r.split())
            orgs.update(x for x in o.split("; ") if x)
            if g:
                genders.add(g)
        out.append(Candidate(sid, row[0], row[1], tuple(dict.fromkeys(forms)), frozenset(roles), frozenset(orgs),
                             frozenset(genders)))
    return out


def unique_name(store: Store, name: str, qualifiers: Sequence[str] = ()) -> str:
    """``name`` if no speaker has it yet, else the name with the first free qualifier
    ("Ana Ruiz (mayor)", "Johnson (Harbor Gazette, 2024-05-01)"), else numbered."""
    taken = lambda n: store.execute("SELECT 1 FROM speakers WHERE name = ?", (n,)).fetchone() is not None  # noqa: E731
    if not taken(name):
        return name
    for q in qualifiers:
        q = " ".join(q.split())
        if q and not taken(f"{name} ({q})"):
            return f"{name} ({q})"
    n = 2
    while taken(f"{name} ({n})"):
        n += 1
    return f"{name} ({n})"


def _qualifiers(sp: ArticleSpeaker) -> list[str]:
    source = ", ".join(x for x in (sp.outlet, sp.date or "") if x)
    return [q for q in (sp.role_text, source) if q]


def create_speaker(store: Store, name: str, *, kind: str = "unknown", qualifiers: Sequence[str] = (),
                   scope_article: int | None = None) -> int:
    kind = kind if kind in ("person", "organisation", "group") else "unknown"
    final = unique_name(store, name, qualifiers)
    cur = store.execute("INSERT INTO speakers (name, kind, scope_article) VALUES (?, ?, ?)",
                        (final, kind, scope_article))
    return cur.lastrowid


def suggest(store: Store, speaker_id: int, other_id: int, reason: str, *, kind: str = "merge",
            detail: str = "{}") -> None:
    """Ask the analyst whether two speakers are one (once: an answered pair is not asked again)."""
    if speaker_id == other_id:
        return
    asked = store.execute("SELECT 1 FROM speaker_suggestions WHERE (speaker_id = ? AND other_id = ?) OR "
                          "(speaker_id = ? AND other_id = ?)", (speaker_id, other_id, other_id, speaker_id)).fetchone()
    if asked is None:
        store.execute("INSERT INTO speaker_suggestions (speaker_id, other_id, kind, reason, detail) "
                      "VALUES (?, ?, ?, ?, ?)", (speaker_id, other_id, kind, reason, detail))


def persist_article_speakers(store: Store, article_id: int, draft: ArticleDraft,
                             quotes: Sequence[ExtractedQuote]) -> list[tuple[int, ...]]:
    """Decide and store the speakers of a new article; returns each quote's speaker ids.

    Call inside the article's transaction. Names that are not speakers (datelines, bylines,
    places) are dropped from the quote's speakers; the quote keeps its mention as evidence."""
    found = article_speakers(draft.text, quotes, outlet=draft.outlet, date=draft.date)
    ids: dict[str, int] = {}
    scoped: dict[str, int] = {}
    for sp in found.speakers:
        if sp.generic:
            local = " ".join(tokens(sp.name))
            if local in scoped:
                ids[sp.name] = scoped[local]
                continue
            sid = create_speaker(store, sp.name, kind=sp.kind, qualifiers=_qualifiers(sp), scope_article=article_id)
            scoped[local] = sid
        else:
            decision = decide(sp, candidates_for(store, sp))
            if decision.action == SAME and decision.speaker_id is not None:
                sid = decision.speaker_id
            else:
                sid = create_speaker(store, sp.name, kind=sp.kind, qualifiers=_qualifiers(sp),
                                     scope_article=article_id if decision.action == SCOPED else None)
                if decision.action == ASK:
                    for s in decision.suggestions:
                        suggest(store, sid, s.speaker_id, s.reason)
            if sp.kind == "organisation" or parse_name(sp.name).is_full:
                _add_alias(store, sp.name, sid)
        add_form(store, sid, sp.name, kind=sp.kind, article_id=article_id, sp=sp)
        ids[sp.name] = sid
    out = []
    for q in quotes:
        names = [found.renamed.get(n, n) for n in q.speakers]
        out.append(tuple(dict.fromkeys(ids[n] for n in names if n in ids)))
    return out


def lookup_speaker(store: Store, name: str) -> int | None:
    """The speaker a name stands for exactly (its alias key or canonical name), or None.

    No partial matching: a bare surname finds a speaker only if it is that speaker's alias."""
    key = alias_key(name)
    if not key:
        return None
    row = store.execute("SELECT speaker_id FROM speaker_aliases WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    row = store.execute("SELECT id FROM speakers WHERE name = ?", (" ".join(name.split()),)).fetchone()
    return row[0] if row else None


def resolve_speaker(store: Store, name: str, *, kind: str = "unknown", create: bool = True) -> int | None:
    """The speaker for a name the *analyst* typed: an exact alias or name, else a new speaker.

    Call inside a transaction when ``create`` is true. Never renames anyone."""
    name = " ".join(name.split())
    if not name or fold(name) in PRONOUNS:
        return None
    found = lookup_speaker(store, name)
    if found is not None or not create:
        return found
    sid = create_speaker(store, name, kind=kind)
    add_form(store, sid, name, kind=kind)
    _add_alias(store, name, sid)
    return sid


def get_speaker(store: Store, speaker_id: int) -> dict | None:
    rows = store.query("SELECT * FROM speakers WHERE id = ?", (speaker_id,))
    return rows[0] if rows else None


def speaker_names(store: Store) -> list[tuple[int, str]]:
    """All speakers, by name (for pickers)."""
    return [(r[0], r[1]) for r in store.execute("SELECT id, name FROM speakers ORDER BY name COLLATE NOCASE")]


def aliases_of(store: Store, speaker_id: int) -> list[str]:
    return [r[0] for r in store.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias COLLATE NOCASE", (speaker_id,))]


def speaker_aliases(store: Store) -> dict[int, list[str]]:
    """Every speaker's aliases (other than its name) in one query, for type-ahead pickers."""
    out: dict[int, list[str]] = {}
    for sid, alias in store.execute(
            "SELECT a.speaker_id, a.alias FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE a.alias <> s.name ORDER BY a.speaker_id, a.alias COLLATE NOCASE"):
        out.setdefault(sid, []).append(alias)
    return out


def speaker_forms(store: Store) -> dict[int, tuple[list[str], int]]:
    """Every speaker's distinct name forms (the fullest mention each article wrote) and the
    number of articles they speak in."""
    forms: dict[int, set[str]] = {}
    for sid, mention in store.execute("SELECT DISTINCT speaker_id, mention FROM speaker_forms"):
        forms.setdefault(sid, set()).add(mention)
    counts = dict(store.execute("SELECT speaker_id, count(DISTINCT article_id) FROM speaker_forms "
                                "GROUP BY speaker_id").fetchall())
    return {sid: (sorted(f - {""}, key=str.casefold), counts.get(sid, 0)) for sid, f in forms.items()}


def list_speakers(store: Store, *, search: str | None = None) -> list[dict]:
    """Every speaker with quote count, first and last date, aliases, name forms, number of
    articles and open merge suggestions (the speakers panel).

    Counts and dates are kept on the speaker row by triggers, so this reads one row per speaker."""
    from quotedesk.core.store.suggestions import open_suggestion_counts

    params: list = []
    where = ""
    if search:
        where = "WHERE s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ? ESCAPE '\\')"
        params.append(like_contains(search))
    rows = store.query(
        f"SELECT s.id, s.name, s.kind, s.description, s.n_quotes, s.first_date, s.last_date, s.scope_article "
        f"FROM speakers s {where} ORDER BY s.n_quotes DESC, s.name COLLATE NOCASE", params)
    aliases = speaker_aliases(store)
    forms = speaker_forms(store)
    pending = open_suggestion_counts(store)
    for r in rows:
        r["aliases"] = aliases.get(r["id"], [])
        r["forms"], r["n_articles"] = forms.get(r["id"], ([], 0))
        r["suggestions"] = pending.get(r["id"], 0)
    return rows
